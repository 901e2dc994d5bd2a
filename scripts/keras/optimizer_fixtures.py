"""Golden values from real Keras for kerasm's optimizers (tests/optimizers/keras_golden.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/optimizer_fixtures.py

Each case trains the same small model (Dense(5, tanh) then Dense(2), mean squared error, fixed
weights and one batch of 8 samples) for 10 `train_on_batch` steps with one optimizer, on Keras 3
with the JAX CPU backend, and writes tests/fixtures/optimizers/<case>.json: the optimizer as
`keras.optimizers.serialize` writes it (and the weight names it excludes from weight decay, if
any), the starting weights, the data, the loss of each step, the
weights after the 10 steps and the optimizer's variables (path, shape, values) after them. Values
are float32 numbers written exactly. The RESUMED cases are also saved as `.keras` files before
their first step and after 5 steps, which kerasm loads and trains on to the same end.
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
    "adamw": lambda: opt.AdamW(learning_rate=0.01),
    "adamw_amsgrad_decay": lambda: opt.AdamW(learning_rate=0.01, weight_decay=0.1, beta_2=0.99, amsgrad=True),
    "adagrad": lambda: opt.Adagrad(learning_rate=0.05),
    "adagrad_initial_accumulator": lambda: opt.Adagrad(learning_rate=0.1, initial_accumulator_value=0.5, epsilon=1e-4),
    "adadelta": lambda: opt.Adadelta(learning_rate=1.0),
    "adadelta_rho": lambda: opt.Adadelta(learning_rate=0.5, rho=0.8, epsilon=1e-5),
    "adamax": lambda: opt.Adamax(learning_rate=0.01),
    "adamax_betas": lambda: opt.Adamax(learning_rate=0.02, beta_1=0.7, beta_2=0.9, epsilon=1e-4),
    "nadam": lambda: opt.Nadam(learning_rate=0.01),
    "nadam_betas_decay": lambda: opt.Nadam(learning_rate=0.02, beta_1=0.8, beta_2=0.99, epsilon=1e-5, weight_decay=0.01),
    "lion": lambda: opt.Lion(learning_rate=0.003),
    "lion_betas_decay": lambda: opt.Lion(learning_rate=0.01, beta_1=0.5, beta_2=0.9, weight_decay=0.05),
    # Learning-rate schedules, evaluated at each step.
    "adam_exponential_decay": lambda: opt.Adam(schedules.ExponentialDecay(0.01, 3, 0.7)),
    "sgd_cosine_decay_warmup": lambda: opt.SGD(schedules.CosineDecay(0.0, 6, warmup_target=0.1, warmup_steps=4), momentum=0.9),
    "rmsprop_cosine_decay_restarts": lambda: opt.RMSprop(schedules.CosineDecayRestarts(0.01, 3, t_mul=1.5, m_mul=0.8)),
    "sgd_piecewise_constant_decay": lambda: opt.SGD(schedules.PiecewiseConstantDecay([3, 6], [0.1, 0.05, 0.01])),
    "adam_polynomial_decay": lambda: opt.Adam(schedules.PolynomialDecay(0.02, 8, end_learning_rate=0.001, power=2.0)),
    "sgd_inverse_time_decay": lambda: opt.SGD(schedules.InverseTimeDecay(0.1, 2, 0.5, staircase=True)),
    # The base optimizer's options.
    "adam_ema_overwrite": lambda: opt.Adam(0.01, use_ema=True, ema_momentum=0.9, ema_overwrite_frequency=4),
    "sgd_ema": lambda: opt.SGD(0.05, use_ema=True),
    "adam_gradient_accumulation": lambda: opt.Adam(0.01, gradient_accumulation_steps=3),
    "sgd_accumulation_ema_schedule": lambda: opt.SGD(
        schedules.ExponentialDecay(0.1, 2, 0.8), momentum=0.5, gradient_accumulation_steps=3, use_ema=True, ema_overwrite_frequency=2
    ),
    "adam_weight_decay_excluded": lambda: opt.Adam(0.01, weight_decay=0.1),
    "sgd_clipnorm": lambda: opt.SGD(0.1, clipnorm=0.5),
    "adam_global_clipnorm": lambda: opt.Adam(0.01, global_clipnorm=0.3),
    "rmsprop_clipvalue": lambda: opt.RMSprop(0.01, clipvalue=0.05),
    # Ftrl, Lamb, Adafactor and the loss-scaling wrapper.
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

# Cases whose optimizer excludes weights from weight decay, by name (`exclude_from_weight_decay(var_names=...)`).
EXCLUDED_FROM_WEIGHT_DECAY = {"adam_weight_decay_excluded": ["bias"]}


# Cases also saved as Keras files, to resume in kerasm: <case>.step0.keras (compiled, never trained:
# the optimizer unbuilt) and <case>.step5.keras (after 5 of the 10 steps).
RESUMED = ["adam_exponential_decay", "adam_ema_overwrite", "adam_gradient_accumulation", "sgd_accumulation_ema_schedule"]
RESUME_AT = 5


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


def run_case(name, make_optimizer, excluded_names, saved_as=None):
    model, x, y = model_and_data()
    start = [exact(w) for w in model.get_weights()]
    optimizer = make_optimizer()
    if excluded_names:
        optimizer.exclude_from_weight_decay(var_names=excluded_names)
    model.compile(optimizer=optimizer, loss="mse")
    losses = []
    for step in range(STEPS):
        if name in RESUMED and step in (0, RESUME_AT):
            model.save(OUT / f"{name}.step{step}.keras")
        losses.append(float(model.train_on_batch(x, y)))
    excluded = {"exclude_from_weight_decay": excluded_names} if excluded_names else {}
    if saved_as is not None:
        model.save(saved_as)
    return {
        **excluded,
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
        (OUT / f"{name}.json").write_text(json.dumps(run_case(name, make_optimizer, EXCLUDED_FROM_WEIGHT_DECAY.get(name), saved_as), indent=1) + "\n")
        print("wrote", name)


if __name__ == "__main__":
    main()
