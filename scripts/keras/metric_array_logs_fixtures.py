"""Golden logs of metrics whose result is an array, for tests/training/metric_array_logs.test.ts.

Run (from the repository root):
    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/metric_array_logs_fixtures.py

Compiles a Dense softmax model with F1Score (no average), FBetaScore(beta=2) and
R2Score(class_aggregation=None), fits two epochs and records what Keras 3 hands out: History,
the logs a LambdaCallback receives, evaluate's list and dict, the CSVLogger file, and the metric
part of the progress bar's final lines (verbose 1 and 2), which shows each array's mean.
Writes tests/fixtures/training/metric_array_logs.json.
"""
import contextlib
import io
import json
import os
import pathlib
import re
import tempfile

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "training" / "metric_array_logs.json"

X = np.array([[0.1, 0.2], [0.3, -0.1], [-0.2, 0.4], [0.5, 0.5]], dtype="float32")
Y = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]], dtype="float32")
KERNEL = [[0.5, -0.25, 0.1], [-0.3, 0.2, 0.4]]


def plain(logs):
    """Logs as JSON: numbers stay numbers, arrays become lists of their float32 values."""
    return {k: (np.asarray(v).tolist() if np.ndim(v) else float(v)) for k, v in logs.items()}


def model():
    m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="softmax")])
    m.set_weights([np.array(KERNEL, dtype="float32"), np.zeros(3, dtype="float32")])
    m.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.5),
        loss="categorical_crossentropy",
        metrics=[keras.metrics.F1Score(), keras.metrics.FBetaScore(beta=2.0), keras.metrics.R2Score(class_aggregation=None)],
    )
    return m


def metric_part(text):
    """The ` - name: value` segments of the last progress line, ANSI colours removed."""
    line = re.sub(r"\x1b\[[0-9;]*m", "", text).replace("\b", "\n").replace("\r", "\n").strip().splitlines()[-1]
    return dict(re.findall(r" - ([a-z0-9_]+): (\S+)", line))


def main():
    m = model()
    epoch_logs, batch_logs = [], []
    recorder = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: epoch_logs.append(plain(logs)),
        on_train_batch_end=lambda batch, logs: batch_logs.append(plain(logs)),
    )
    with tempfile.TemporaryDirectory() as folder:
        csv_path = os.path.join(folder, "log.csv")
        history = m.fit(X, Y, epochs=2, batch_size=2, shuffle=False, verbose=0, callbacks=[recorder, keras.callbacks.CSVLogger(csv_path)])
        with open(csv_path, newline="") as f:
            csv_text = f.read()
    evaluated = m.evaluate(X, Y, batch_size=2, verbose=0)
    evaluated_dict = m.evaluate(X, Y, batch_size=2, verbose=0, return_dict=True)
    verbose1 = io.StringIO()
    with contextlib.redirect_stdout(verbose1):
        m.evaluate(X, Y, batch_size=2, verbose=1)
    verbose2 = io.StringIO()
    with contextlib.redirect_stdout(verbose2):
        model().fit(X, Y, epochs=1, batch_size=2, shuffle=False, verbose=2)
    fixture = {
        "x": X.tolist(), "y": Y.tolist(), "kernel": KERNEL,
        "history": {k: [np.asarray(v).tolist() if np.ndim(v) else float(v) for v in vs] for k, vs in history.history.items()},
        "epoch_logs": epoch_logs,
        "batch_logs": batch_logs,
        "metrics_names": m.metrics_names,
        "evaluate": [np.asarray(v).tolist() if np.ndim(v) else float(v) for v in evaluated],
        "evaluate_dict": plain(evaluated_dict),
        "csv": csv_text,
        "progbar_verbose1": metric_part(verbose1.getvalue()),
        "progbar_verbose2": metric_part(verbose2.getvalue()),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
