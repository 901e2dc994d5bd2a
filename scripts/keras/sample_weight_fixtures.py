"""Golden values from real Keras for kerasm's sample-weight tests (tests/training/sample_weight_keras.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/sample_weight_fixtures.py

Two tiny Dense models with fixed weights (Keras 3 on the JAX CPU backend, SGD so every step is
deterministic): a linear regression (`mse`) and a softmax classifier. The script records
`evaluate` with sample weights (batches of unequal size, so the loss tracker's weighting shows),
two `train_on_batch` steps with sample weights and with class weights (sparse and one-hot labels),
a two-epoch `fit` with shuffle=False, sample weights and weighted validation data, and weighted
versus unweighted metrics with their log names. Writes tests/fixtures/training/sample_weight.json;
inputs are rounded to 4 decimals (the rounded values are the ones fed to Keras), results kept to
7 significant digits.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "training" / "sample_weight.json"


def fixed(shape, seed, low=-1.0, high=1.0):
    """A reproducible float32 array, rounded to 4 decimals."""
    return np.round(np.random.RandomState(seed).uniform(low, high, size=shape), 4).astype(np.float32)


def short(array):
    """Flat list of floats with 7 significant digits."""
    return [float(f"{v:.7g}") for v in np.asarray(array, dtype=np.float32).ravel().tolist()]


def dense_model(units, activation, kernel, bias):
    model = keras.Sequential([keras.Input((kernel.shape[0],)), keras.layers.Dense(units, activation=activation)])
    model.set_weights([kernel, bias])
    return model


def weights_of(model):
    return [short(w) for w in model.get_weights()]


def scalars(values):
    return [float(f"{float(v):.7g}") for v in (values if isinstance(values, (list, tuple)) else [values])]


def regression_cases(data):
    x, y, sw = data["x"], data["y"], data["sample_weight"]
    k, b = data["kernel"], data["bias"]
    out = {}

    model = dense_model(2, None, k, b)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"], weighted_metrics=["mae"])
    logs = model.evaluate(x, y, sample_weight=sw, batch_size=4, verbose=0, return_dict=True)
    out["evaluate"] = {"batch_size": 4, "logs": {k_: scalars(v)[0] for k_, v in logs.items()}}
    out["evaluate_unweighted"] = {"batch_size": 4, "logs": {k_: scalars(v)[0] for k_, v in model.evaluate(x, y, batch_size=4, verbose=0, return_dict=True).items()}}

    model = dense_model(2, None, k, b)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    losses = [scalars(model.train_on_batch(x, y, sample_weight=sw))[0] for _ in range(2)]
    out["train_on_batch"] = {"losses": losses, "weights": weights_of(model)}

    model = dense_model(2, None, k, b)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"], weighted_metrics=["mae"])
    n_val = 2
    history = model.fit(
        x[:-n_val], y[:-n_val], sample_weight=sw[:-n_val], batch_size=2, epochs=2, shuffle=False, verbose=0,
        validation_data=(x[-n_val:], y[-n_val:], sw[-n_val:]),
    )
    out["fit"] = {"batch_size": 2, "validation_samples": n_val, "history": {k_: scalars(v) for k_, v in history.history.items()}, "weights": weights_of(model)}

    model = dense_model(2, None, k, b)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    history = model.fit(x, y, sample_weight=sw, batch_size=2, epochs=2, shuffle=False, verbose=0, validation_split=1 / 3)
    out["fit_validation_split"] = {"batch_size": 2, "validation_split": 1 / 3, "history": {k_: scalars(v) for k_, v in history.history.items()}, "weights": weights_of(model)}
    return out


def classification_cases(data):
    x, labels, sw = data["x"], data["labels"], data["sample_weight"]
    k, b = data["kernel"], data["bias"]
    class_weight = {int(c): w for c, w in data["class_weight"].items()}
    one_hot = np.eye(3, dtype=np.float32)[labels.astype(np.int64)]
    out = {}

    model = dense_model(3, "softmax", k, b)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy", metrics=["accuracy"], weighted_metrics=["accuracy"])
    logs = model.evaluate(x, labels, sample_weight=sw, batch_size=4, verbose=0, return_dict=True)
    out["evaluate"] = {"batch_size": 4, "logs": {k_: scalars(v)[0] for k_, v in logs.items()}}

    model = dense_model(3, "softmax", k, b)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy")
    losses = [scalars(model.train_on_batch(x, labels, class_weight=class_weight))[0] for _ in range(2)]
    out["train_on_batch_class_weight"] = {"losses": losses, "weights": weights_of(model)}

    model = dense_model(3, "softmax", k, b)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, one_hot, class_weight=class_weight, batch_size=4, epochs=2, shuffle=False, verbose=0)
    out["fit_class_weight_one_hot"] = {"batch_size": 4, "history": {k_: scalars(v) for k_, v in history.history.items()}, "weights": weights_of(model)}

    # Class weights weigh the training part only: the validation split stays unweighted.
    model = dense_model(3, "softmax", k, b)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy", weighted_metrics=["accuracy"])
    history = model.fit(x, labels, class_weight=class_weight, batch_size=2, epochs=2, shuffle=False, verbose=0, validation_split=0.3)
    out["fit_class_weight_validation_split"] = {"batch_size": 2, "validation_split": 0.3, "history": {k_: scalars(v) for k_, v in history.history.items()}, "weights": weights_of(model)}
    return out


def main():
    regression = {
        "x": fixed((6, 3), 1),
        "y": fixed((6, 2), 2),
        "sample_weight": fixed((6,), 3, 0.0, 2.0),
        "kernel": fixed((3, 2), 4),
        "bias": fixed((2,), 5, -0.5, 0.5),
    }
    classification = {
        "x": fixed((7, 4), 11, -2.0, 2.0),
        "labels": np.array([0, 1, 2, 1, 0, 2, 1], dtype=np.float32),
        "sample_weight": fixed((7,), 13, 0.0, 2.0),
        "kernel": fixed((4, 3), 14),
        "bias": fixed((3,), 15, -0.5, 0.5),
        "class_weight": {"0": 1.0, "1": 2.5, "2": 0.5},
    }
    fixture = {
        "keras_version": keras.__version__,
        "regression": {"inputs": {k: short(v) for k, v in regression.items()}, **regression_cases(regression)},
        "classification": {
            "inputs": {k: (short(v) if not isinstance(v, dict) else v) for k, v in classification.items()},
            **classification_cases(classification),
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
