"""Golden values from real Keras for kerasm's optimizers (tests/optimizers/keras_golden.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/optimizer_fixtures.py

Each case trains the same small model (Dense(5, tanh) then Dense(2), mean squared error, fixed
weights and one batch of 8 samples) for 10 `train_on_batch` steps with one optimizer, on Keras 3
with the JAX CPU backend, and writes tests/fixtures/optimizers/<case>.json: the optimizer as
`keras.optimizers.serialize` writes it, the starting weights, the data, the loss of each step, the
weights after the 10 steps and the optimizer's variables (path, shape, values) after them. Values
are float32 numbers written exactly.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "optimizers"
STEPS = 10

opt = keras.optimizers
schedules = keras.optimizers.schedules

# Case name -> a function making the optimizer. Keep names snake_case: they are the file names.
CASES = {
    "sgd_momentum_nesterov": lambda: opt.SGD(learning_rate=0.05, momentum=0.9, nesterov=True),
    "adam_amsgrad": lambda: opt.Adam(learning_rate=0.01, amsgrad=True),
    "rmsprop_centered_momentum": lambda: opt.RMSprop(learning_rate=0.01, momentum=0.5, centered=True),
    # optim-b: Ftrl, Lamb, Adafactor, LossScaleOptimizer.
    "ftrl_default": lambda: opt.Ftrl(learning_rate=0.1),
    "ftrl_regularized": lambda: opt.Ftrl(
        learning_rate=0.2,
        learning_rate_power=-0.3,
        initial_accumulator_value=0.2,
        l1_regularization_strength=0.01,
        l2_regularization_strength=0.02,
        l2_shrinkage_regularization_strength=0.03,
        beta=0.5,
    ),
    "lamb_default": lambda: opt.Lamb(learning_rate=0.01),
    "lamb_betas": lambda: opt.Lamb(learning_rate=0.02, beta_1=0.8, beta_2=0.99, epsilon=1e-5),
    "adafactor_default": lambda: opt.Adafactor(learning_rate=0.05),
    "adafactor_clipped": lambda: opt.Adafactor(
        learning_rate=0.5, beta_2_decay=-0.6, epsilon_1=1e-20, epsilon_2=1e-2, clip_threshold=0.5, relative_step=False
    ),
    # The scale doubles every 3 finite steps (8 -> 64 over the 10 steps); the inner Adam sees the gradients unscaled.
    "loss_scale_optimizer_adam": lambda: opt.LossScaleOptimizer(opt.Adam(learning_rate=0.01), initial_scale=8.0, dynamic_growth_steps=3),
}


# Cases whose trained model Keras also saves, as tests/fixtures/optimizers/<case>.keras, for kerasm to load
# (optimizer state included): the optimizers whose state is not one slot per weight.
SAVED_CASES = ("ftrl_regularized", "adafactor_default", "loss_scale_optimizer_adam")


def fixed(shape, seed, low=-1.0, high=1.0):
    """A reproducible float32 array."""
    return np.random.RandomState(seed).uniform(low, high, size=shape).astype(np.float32)


def exact(array):
    """Flat list of the float32 values, written exactly."""
    return [float(v) for v in np.asarray(array, dtype=np.float32).ravel()]


def model_and_data():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5, activation="tanh"), keras.layers.Dense(2)])
    model.set_weights([fixed((4, 5), 1), fixed((5,), 2, -0.1, 0.1), fixed((5, 2), 3), fixed((2,), 4, -0.1, 0.1)])
    return model, fixed((8, 4), 5), fixed((8, 2), 6)


def run_case(make_optimizer, saved_as=None):
    model, x, y = model_and_data()
    start = [exact(w) for w in model.get_weights()]
    optimizer = make_optimizer()
    model.compile(optimizer=optimizer, loss="mse")
    losses = [float(model.train_on_batch(x, y)) for _ in range(STEPS)]
    if saved_as is not None:
        model.save(saved_as)
    return {
        "keras_version": keras.__version__,
        "optimizer": keras.optimizers.serialize(optimizer),
        "steps": STEPS,
        "x": exact(x),
        "y": exact(y),
        "start_weights": start,
        "losses": losses,
        "weights": [exact(w) for w in model.get_weights()],
        "optimizer_variables": [
            {"path": v.path, "shape": list(v.shape), "values": [float(e) for e in np.asarray(v.numpy(), dtype=np.float64).ravel()]}
            for v in optimizer.variables
        ],
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make_optimizer in CASES.items():
        saved_as = OUT / f"{name}.keras" if name in SAVED_CASES else None
        (OUT / f"{name}.json").write_text(json.dumps(run_case(make_optimizer, saved_as), indent=1) + "\n")
        print("wrote", name)


if __name__ == "__main__":
    main()
