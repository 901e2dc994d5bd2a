"""Golden values from real Keras for the losses of issue 14 and the crossentropies' options
(tests/losses/keras_losses_14.test.ts): BinaryFocalCrossentropy, CategoricalFocalCrossentropy, Dice,
Tversky, CTC, and `axis`, `label_smoothing`, `from_logits`, `ignore_class` on the crossentropies.

Run (from the repository root; the venv of scripts/keras/loss_fixtures.py):
    /tmp/kenv-layers/bin/python scripts/keras/loss_fixtures_14.py

Keras 3 on the JAX CPU backend. For each case: the constructor kwargs, inputs (rounded to 4 decimals,
the rounded values are the ones fed to Keras), the config, and for every reduction the loss without
and with a sample weight and the gradient of the weighted loss (summed, for "none") with respect to
y_pred (jax.grad). Also: a small model trained for two epochs with each new loss, by name. Writes
tests/fixtures/losses/losses_14.json.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "losses" / "losses_14.json"
REDUCTIONS = ["sum_over_batch_size", "sum", "none", "mean", "mean_with_sample_weight"]


def uniform(seed, low, high, shape):
    """A reproducible float32 array, rounded to 4 decimals."""
    return np.round(np.random.RandomState(seed).uniform(low, high, size=shape), 4).astype(np.float32)


def probabilities(seed, shape, axis=-1):
    p = uniform(seed, 0.05, 1.0, shape)
    return np.round(p / p.sum(axis=axis, keepdims=True), 4).astype(np.float32)


def binary(seed, shape):
    return (np.random.RandomState(seed).uniform(size=shape) > 0.5).astype(np.float32)


def one_hot(seed, shape, axis=-1):
    classes = shape[axis]
    ids = np.random.RandomState(seed).randint(0, classes, size=[d for i, d in enumerate(shape) if i != axis % len(shape)])
    return np.moveaxis(np.eye(classes, dtype=np.float32)[ids], -1, axis)


def ctc_labels(seed):
    """Labels in [1, 5) padded with 0 (Keras's blank) after 1 to 4 of them; two equal neighbours in row 0."""
    rng = np.random.RandomState(seed)
    rows = [[2, 2, 3, 0], list(rng.randint(1, 5, size=4)), [1, 0, 0, 0]]
    return np.array(rows, dtype=np.float32)


def short(array):
    """Flat list of floats with 8 significant digits."""
    return [float(f"{v:.8g}") for v in np.asarray(array, dtype=np.float32).ravel().tolist()]


S = (4, 3)
# name → (loss class, kwargs, y_true maker, y_pred maker, sample-weight shape); seeds differ per case.
CASES = {
    "binary_focal_crossentropy": (keras.losses.BinaryFocalCrossentropy, {}, lambda s: binary(s, S), lambda s: uniform(s, 0, 1, S), (4,)),
    "binary_focal_crossentropy_balanced": (keras.losses.BinaryFocalCrossentropy, {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5},
                                           lambda s: binary(s, S), lambda s: uniform(s, 0.01, 0.99, S), (4,)),
    "binary_focal_crossentropy_logits_smoothing": (keras.losses.BinaryFocalCrossentropy, {"from_logits": True, "label_smoothing": 0.1, "gamma": 3.0},
                                                   lambda s: binary(s, S), lambda s: uniform(s, -3, 3, S), (4,)),
    "binary_focal_crossentropy_axis_0": (keras.losses.BinaryFocalCrossentropy, {"axis": 0}, lambda s: binary(s, S), lambda s: uniform(s, 0.01, 0.99, S), (3,)),
    "categorical_focal_crossentropy": (keras.losses.CategoricalFocalCrossentropy, {}, lambda s: one_hot(s, S), lambda s: probabilities(s, S), (4,)),
    "categorical_focal_crossentropy_logits_smoothing": (keras.losses.CategoricalFocalCrossentropy,
                                                        {"from_logits": True, "label_smoothing": 0.1, "alpha": 0.5, "gamma": 1.0},
                                                        lambda s: one_hot(s, S), lambda s: uniform(s, -3, 3, S), (4,)),
    "categorical_focal_crossentropy_axis_0": (keras.losses.CategoricalFocalCrossentropy, {"axis": 0, "from_logits": True},
                                              lambda s: one_hot(s, S, axis=0), lambda s: uniform(s, -3, 3, S), (3,)),
    "binary_crossentropy_axis_0": (keras.losses.BinaryCrossentropy, {"axis": 0, "label_smoothing": 0.2}, lambda s: binary(s, S),
                                   lambda s: uniform(s, 0.01, 0.99, S), (3,)),
    "binary_crossentropy_logits_axis_0": (keras.losses.BinaryCrossentropy, {"axis": 0, "from_logits": True}, lambda s: binary(s, S),
                                          lambda s: uniform(s, -3, 3, S), (3,)),
    "categorical_crossentropy_axis_0": (keras.losses.CategoricalCrossentropy, {"axis": 0, "label_smoothing": 0.1},
                                        lambda s: one_hot(s, S, axis=0), lambda s: probabilities(s, S, axis=0), (3,)),
    "categorical_crossentropy_logits_axis_0": (keras.losses.CategoricalCrossentropy, {"axis": 0, "from_logits": True},
                                               lambda s: one_hot(s, S, axis=0), lambda s: uniform(s, -3, 3, S), (3,)),
    "sparse_categorical_crossentropy_ignore_class": (keras.losses.SparseCategoricalCrossentropy, {"ignore_class": 1},
                                                     lambda s: np.array([0, 1, 2, 1], dtype=np.float32), lambda s: probabilities(s, S), (4,)),
    "sparse_categorical_crossentropy_ignore_class_logits": (keras.losses.SparseCategoricalCrossentropy, {"ignore_class": -1, "from_logits": True},
                                                            lambda s: np.array([[0], [-1], [2], [1]], dtype=np.float32), lambda s: uniform(s, -3, 3, S), (4,)),
    "dice": (keras.losses.Dice, {}, lambda s: binary(s, S), lambda s: uniform(s, 0, 1, S), (4,)),
    "dice_axis_1": (keras.losses.Dice, {"axis": 1}, lambda s: binary(s, S), lambda s: uniform(s, 0, 1, S), (4,)),
    "dice_axis_1_2": (keras.losses.Dice, {"axis": [1, 2]}, lambda s: binary(s, (2, 3, 2)), lambda s: uniform(s, 0, 1, (2, 3, 2)), (2,)),
    "tversky": (keras.losses.Tversky, {}, lambda s: binary(s, S), lambda s: uniform(s, 0, 1, S), (4,)),
    "tversky_alpha_beta_axis_1": (keras.losses.Tversky, {"alpha": 0.3, "beta": 0.7, "axis": 1}, lambda s: binary(s, S), lambda s: uniform(s, 0, 1, S), (4,)),
    "ctc": (keras.losses.CTC, {}, ctc_labels, lambda s: uniform(s, -2, 2, (3, 6, 5)), (3,)),
    "categorical_focal_crossentropy_alpha_per_class": (keras.losses.CategoricalFocalCrossentropy, {"alpha": [0.2, 0.5, 0.3]},
                                                       lambda s: one_hot(s, S), lambda s: probabilities(s, S), (4,)),
}


def reduced(cls, kwargs, y_true, y_pred, sample_weight):
    """For every reduction: the loss without and with `sample_weight`, and the gradient of the weighted one."""
    out = {}
    for reduction in REDUCTIONS:
        loss = cls(reduction=reduction, **kwargs)
        weighted = lambda p: jnp.sum(loss(y_true, p, sample_weight=sample_weight))  # noqa: E731
        value = loss(y_true, y_pred)
        out[reduction] = {"unweighted": short(value), "shape": list(np.shape(value)),
                          "weighted": short(loss(y_true, y_pred, sample_weight=sample_weight)),
                          "grad_weighted": short(jax.grad(weighted)(y_pred))}
    return out


def trained(name, loss, x, y, kernel_shape, activation):
    """Weights of a Dense model after two epochs of SGD on `loss` given by name."""
    kernel, bias = uniform(91, -0.5, 0.5, kernel_shape), uniform(92, -0.1, 0.1, kernel_shape[-1:])
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.Dense(kernel_shape[-1], activation=activation)])
    model.set_weights([kernel, bias])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss=loss)
    history = model.fit(x, y, batch_size=2, epochs=2, shuffle=False, verbose=0)
    return {"loss": name, "x": short(x), "x_shape": list(x.shape), "y": short(y), "y_shape": list(y.shape), "kernel": short(kernel),
            "bias": short(bias), "activation": activation, "history": short(history.history["loss"]),
            "weights": [short(w) for w in model.get_weights()]}


def training_cases():
    x = uniform(81, -1, 1, (4, 3))
    ctc_x = uniform(84, -1, 1, (3, 6, 4))
    return [
        trained("binary_focal_crossentropy", "binary_focal_crossentropy", x, binary(82, (4, 2)), (3, 2), "sigmoid"),
        trained("categorical_focal_crossentropy", "categorical_focal_crossentropy", x, one_hot(83, (4, 3)), (3, 3), "softmax"),
        trained("dice", "dice", x, binary(85, (4, 2)), (3, 2), "sigmoid"),
        trained("tversky", "tversky", x, binary(86, (4, 2)), (3, 2), "sigmoid"),
        trained("ctc", "ctc", ctc_x, ctc_labels(87), (4, 5), None),
    ]


def main():
    cases = {}
    for i, (name, (cls, kwargs, make_true, make_pred, weight_shape)) in enumerate(CASES.items()):
        seed = 100 * (i + 1)
        y_true, y_pred = make_true(seed), make_pred(seed + 1)
        sample_weight = uniform(seed + 2, 0.0, 2.0, weight_shape)
        cases[name] = {"class_name": cls.__name__, "kwargs": kwargs, "y_true": short(y_true), "y_true_shape": list(y_true.shape),
                       "y_pred": short(y_pred), "y_pred_shape": list(y_pred.shape), "sample_weight": short(sample_weight),
                       "sample_weight_shape": list(weight_shape), "config": cls(**kwargs).get_config(),
                       "reductions": reduced(cls, kwargs, y_true, y_pred, sample_weight)}
    fixture = {"keras_version": keras.__version__, "losses": cases, "training": training_cases()}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
