"""Golden values from real Keras for kerasm's fine-tuning test (tests/training/fine_tuning.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/fine_tuning_fixtures.py

The transfer-learning recipe of Keras's guide, small and deterministic (Keras 3 on the JAX CPU
backend): a base model (Conv2D without bias, BatchNormalization, GlobalAveragePooling2D) with
fixed weights, including non-trivial moving statistics, is frozen (`base.trainable = False`) and
called by a new model with a Dense head (fixed weights); the model is compiled with Adam and fit
for two epochs of two batches (shuffle=False); then the base is unfrozen, the model recompiled with
Adam(1e-4) and fit again. The weights (`model.get_weights()` order, moving statistics included) and
the loss history are recorded after each phase, for the base called with `training=False` (as the
guide writes it) and without it. Writes tests/fixtures/training/fine_tuning.json; inputs are
rounded to 4 decimals (the rounded values are the ones fed to Keras), results kept to 7
significant digits.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "training" / "fine_tuning.json"
SHAPE = (6, 6, 2)
FILTERS = 4
BATCH_SIZE = 4
EPOCHS = 2


def fixed(shape, seed, low=-1.0, high=1.0):
    """A reproducible float32 array, rounded to 4 decimals."""
    return np.round(np.random.RandomState(seed).uniform(low, high, size=shape), 4).astype(np.float32)


def short(array):
    """Flat list of floats with 7 significant digits."""
    return [float(f"{v:.7g}") for v in np.asarray(array, dtype=np.float32).ravel().tolist()]


def build(data, training_false):
    inputs = keras.Input(SHAPE)
    x = keras.layers.Conv2D(FILTERS, 3, use_bias=False)(inputs)
    x = keras.layers.BatchNormalization()(x)
    outputs = keras.layers.GlobalAveragePooling2D()(x)
    base = keras.Model(inputs, outputs, name="base")
    base.set_weights([data["kernel"], data["gamma"], data["beta"], data["moving_mean"], data["moving_variance"]])
    base.trainable = False

    inputs = keras.Input(SHAPE)
    features = base(inputs, training=False) if training_false else base(inputs)
    head = keras.layers.Dense(1)
    model = keras.Model(inputs, head(features))
    head.set_weights([data["head_kernel"], data["head_bias"]])
    return base, model


def phase(model, data):
    history = model.fit(data["x"], data["y"], batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=False, verbose=0)
    return {"loss": short(history.history["loss"]), "weights": [short(w) for w in model.get_weights()]}


def recipe(data, training_false):
    base, model = build(data, training_false)
    model.compile(optimizer=keras.optimizers.Adam(), loss="mse")
    frozen = phase(model, data)
    base.trainable = True
    model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="mse")
    return {"frozen": frozen, "fine_tuned": phase(model, data)}


def main():
    data = {
        "x": fixed((8, *SHAPE), 1),
        "y": fixed((8, 1), 2),
        "kernel": fixed((3, 3, SHAPE[2], FILTERS), 3, -0.5, 0.5),
        "gamma": fixed((FILTERS,), 4, 0.5, 1.5),
        "beta": fixed((FILTERS,), 5, -0.2, 0.2),
        "moving_mean": fixed((FILTERS,), 6, -0.3, 0.3),
        "moving_variance": fixed((FILTERS,), 7, 0.5, 1.5),
        "head_kernel": fixed((FILTERS, 1), 8),
        "head_bias": fixed((1,), 9, -0.1, 0.1),
    }
    fixture = {
        "keras_version": keras.__version__,
        "batch_size": BATCH_SIZE,
        "epochs": EPOCHS,
        "inputs": {k: short(v) for k, v in data.items()},
        "training_false": recipe(data, True),
        "training_unset": recipe(data, False),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
