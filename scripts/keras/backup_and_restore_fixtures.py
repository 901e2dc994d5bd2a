"""A backup written by Keras 3's BackupAndRestore, for kerasm to resume from (tests/training/callbacks/backup_and_restore.test.ts).

Run (from the repository root):
    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/backup_and_restore_fixtures.py

Trains Input(3) → Dense(4, relu, name d1) → Dense(1, name d2) with Adam and mse for 6 epochs of 4
unshuffled batches, interrupted at the start of epoch 3 (Keras's own example), keeping the backup
folder; then the same model from the same weights trained without interruption gives the weights
a resumed run must end with. Writes tests/fixtures/callbacks/keras_backup/ (latest.weights.h5,
training_metadata.json) and tests/fixtures/callbacks/keras_backup.json.
"""
import json
import os
import pathlib
import shutil

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "callbacks"
BACKUP = FIXTURES / "keras_backup"


def data():
    """The same 16 samples as tests/training/callbacks/file_helpers.ts's smallData()."""
    x = np.sin(np.arange(48) * 0.7).astype("float32").reshape(16, 3)
    return x, (x[:, 0] - 0.5 * x[:, 2]).reshape(16, 1).astype("float32")


def model(weights=None):
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu", name="d1"), keras.layers.Dense(1, name="d2")], name="seq")
    m.compile(keras.optimizers.Adam(), "mse")
    if weights is not None:
        m.set_weights(weights)
    return m


class Interrupt(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        if epoch == 3:
            raise RuntimeError("Interrupting!")


def main():
    x, y = data()
    fit = {"epochs": 6, "batch_size": 4, "shuffle": False, "verbose": 0}
    shutil.rmtree(BACKUP, ignore_errors=True)
    interrupted = model()
    initial = interrupted.get_weights()
    try:
        interrupted.fit(x, y, **fit, callbacks=[keras.callbacks.BackupAndRestore(str(BACKUP)), Interrupt()])
    except RuntimeError:
        pass
    uninterrupted = model(initial)
    uninterrupted.fit(x, y, **fit)
    expected = {
        "keras_version": keras.__version__,
        "metadata": json.loads((BACKUP / "training_metadata.json").read_text()),
        "final_weights": [w.ravel().tolist() for w in uninterrupted.get_weights()],
        "iterations": int(uninterrupted.optimizer.iterations),
    }
    (FIXTURES / "keras_backup.json").write_text(json.dumps(expected, indent=1) + "\n")
    print(f"wrote {sorted(p.name for p in BACKUP.iterdir())} and keras_backup.json to {FIXTURES}")


main()
