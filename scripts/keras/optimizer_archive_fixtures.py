"""Keras-written `.keras` files holding an optimizer's state, for tests/saving/keras_optimizer_archives.test.ts.

Run (from the repository root, in the venv of optimizer_fixtures.py):
    /tmp/kenv-layers/bin/python scripts/keras/optimizer_archive_fixtures.py

For each case, trains optimizer_fixtures.py's small model 5 `train_on_batch` steps on Keras 3 (JAX
CPU backend), saves it as tests/fixtures/optimizers/archives/<case>.keras, trains 5 more steps and
writes <case>.json: the weights and the optimizer's variables (path, shape, values) after them. A
kerasm test loads the file, takes the same 5 steps and must reach Keras's weights and state: the
slots and extra variables (Nadam's u_product) were read from Keras's layout into the right places.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

from optimizer_fixtures import exact, model_and_data  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "optimizers" / "archives"
STEPS = 5

opt = keras.optimizers

CASES = {
    "adamw": lambda: opt.AdamW(learning_rate=0.01, weight_decay=0.05),
    "adagrad": lambda: opt.Adagrad(learning_rate=0.05, initial_accumulator_value=0.2),
    "adadelta": lambda: opt.Adadelta(learning_rate=1.0),
    "adamax": lambda: opt.Adamax(learning_rate=0.01),
    "nadam": lambda: opt.Nadam(learning_rate=0.01),
    "lion": lambda: opt.Lion(learning_rate=0.003),
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make_optimizer in CASES.items():
        model, x, y = model_and_data()
        model.compile(optimizer=make_optimizer(), loss="mse")
        for _ in range(STEPS):
            model.train_on_batch(x, y)
        model.save(OUT / f"{name}.keras")
        for _ in range(STEPS):
            model.train_on_batch(x, y)
        record = {
            "keras_version": keras.__version__,
            "steps": STEPS,
            "x": exact(x),
            "y": exact(y),
            "weights": [exact(w) for w in model.get_weights()],
            "optimizer_variables": [
                {"path": v.path, "shape": list(v.shape), "values": [float(e) for e in np.asarray(v.numpy(), dtype=np.float64).ravel()]}
                for v in model.optimizer.variables
            ],
        }
        (OUT / f"{name}.json").write_text(json.dumps(record, indent=1) + "\n")
        print("wrote", name)


if __name__ == "__main__":
    main()
