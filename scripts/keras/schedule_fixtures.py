"""Golden values from real Keras for kerasm's learning-rate schedules (tests/optimizers/schedules.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/schedule_fixtures.py

Each case is a schedule as `keras.optimizers.schedules.serialize` writes it and its float32 value
at every step from 0 to STEPS - 1, the step given as the int32 scalar an optimizer's `iterations`
is on the JAX backend. Writes tests/fixtures/schedules/schedules.json.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "schedules" / "schedules.json"
STEPS = 120

s = keras.optimizers.schedules

CASES = {
    "exponential": lambda: s.ExponentialDecay(0.1, 7, 0.8),
    "exponential_staircase": lambda: s.ExponentialDecay(0.05, 10, 0.5, staircase=True),
    "piecewise": lambda: s.PiecewiseConstantDecay([10, 35, 80], [0.1, 0.05, 0.01, 0.001]),
    "polynomial": lambda: s.PolynomialDecay(0.1, 50),
    "polynomial_power_cycle": lambda: s.PolynomialDecay(0.1, 30, end_learning_rate=0.01, power=0.5, cycle=True),
    "inverse_time": lambda: s.InverseTimeDecay(0.1, 5, 0.5),
    "inverse_time_staircase": lambda: s.InverseTimeDecay(0.1, 9, 2.0, staircase=True),
    "cosine": lambda: s.CosineDecay(0.1, 90),
    "cosine_alpha": lambda: s.CosineDecay(0.3, 45, alpha=0.1),
    "cosine_warmup": lambda: s.CosineDecay(0.0, 70, warmup_target=0.2, warmup_steps=25),
    "cosine_warmup_from_rate": lambda: s.CosineDecay(0.01, 40, alpha=0.05, warmup_target=0.1, warmup_steps=15),
    "cosine_restarts": lambda: s.CosineDecayRestarts(0.1, 10),
    "cosine_restarts_mul": lambda: s.CosineDecayRestarts(0.2, 7, t_mul=1.5, m_mul=0.7, alpha=0.02),
    "cosine_restarts_constant_period": lambda: s.CosineDecayRestarts(0.1, 13, t_mul=1.0, m_mul=0.9),
}


def values(schedule):
    return [float(np.float32(schedule(np.int32(step)))) for step in range(STEPS)]


def main():
    fixture = {"keras_version": keras.__version__, "steps": STEPS, "cases": {}}
    for name, make in CASES.items():
        schedule = make()
        fixture["cases"][name] = {"schedule": s.serialize(schedule), "values": values(schedule)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
