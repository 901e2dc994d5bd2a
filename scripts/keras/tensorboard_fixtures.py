"""Event files written by TensorFlow's summary writer, for kerasm's TensorBoard callback (tests/training/callbacks/tensorboard.test.ts).

Run (from the repository root; the venv with TensorFlow):
    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/tensorboard_fixtures.py

Writes scalars with `tf.summary.scalar` and a Keras model summary with Keras's own
`keras_model_summary` (what `TensorBoard(write_graph=True)` writes), then records the file's
bytes, so that a test can encode the same events (with the same wall times) and compare the
bytes. Writes tests/fixtures/callbacks/tensorboard_events.json.
"""
import glob
import json
import os
import pathlib
import tempfile

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras.src.callbacks.tensorboard import keras_model_summary  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "callbacks" / "tensorboard_events.json"

SCALARS = [
    ("epoch_loss", 0.6931471824645996, 0),
    ("epoch_learning_rate", 0.0010000000474974513, 0),
    ("epoch_loss", 0.5, 1),
    ("batch_mae", -3.25e-08, 127),
    ("evaluation_loss_vs_iterations", 1e30, 300),
    ("epoch_accuracy", 1.0, 2**40),
]


def main():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)], name="tiny")
    with tempfile.TemporaryDirectory() as folder:
        writer = tf.summary.create_file_writer(folder)
        with writer.as_default():
            keras_model_summary("keras", model, step=0)
            for tag, value, step in SCALARS:
                tf.summary.scalar(tag, value, step=step)
        writer.close()
        [path] = glob.glob(os.path.join(folder, "events.out.tfevents.*"))
        data = pathlib.Path(path).read_bytes()
    fixture = {
        "tensorflow_version": tf.__version__,
        "model_json": model.to_json(),
        "scalars": [{"tag": tag, "value": value, "step": step} for tag, value, step in SCALARS],
        "file_hex": data.hex(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {len(data)} bytes of events to {OUT}")


main()
