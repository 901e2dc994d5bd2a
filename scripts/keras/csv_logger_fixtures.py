"""Golden CSV files from Keras 3's CSVLogger for kerasm's (tests/training/callbacks/csv_logger.test.ts).

Run (from the repository root):
    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/csv_logger_fixtures.py

Feeds `keras.callbacks.CSVLogger` scripted logs (one or two `fit` runs of a few epochs each,
through its hooks) and records the file it writes, byte for byte. Log values are written as
`repr` strings so that nan and inf survive JSON. Writes tests/fixtures/callbacks/csv_logger.json.
"""
import json
import math
import os
import pathlib
import tempfile

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "callbacks" / "csv_logger.json"

CASES = [
    {"name": "train and validation logs", "options": {}, "runs": [[
        {"loss": 0.6931471824645996, "accuracy": 0.5, "val_loss": 0.7123456, "val_accuracy": 0.25},
        {"loss": 0.5, "accuracy": 1.0, "val_loss": 1e-05, "val_accuracy": 0.75},
    ]]},
    {"name": "no validation: val_ columns of NA", "options": {}, "runs": [[
        {"loss": 123456789.0, "mae": 1e16},
        {"loss": math.nan, "mae": math.inf},
    ]]},
    {"name": "a separator inside a name is quoted", "options": {"separator": ";"}, "runs": [[
        {"loss": 0.25, "odd;name": 2.5e-07, "val_loss": 0.125},
    ]]},
    {"name": "append: a second run continues the file without a header", "options": {"append": True}, "runs": [
        [{"loss": 0.9, "val_loss": 1.1}],
        [{"loss": 0.8, "val_loss": 1.0}, {"loss": 0.7, "val_loss": 0.95}],
    ]},
    {"name": "a key missing from a later epoch is NA", "options": {}, "runs": [[
        {"loss": 0.3, "lr": 0.001},
        {"loss": 0.2},
    ]]},
]


def main():
    cases = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "log.csv")
            logger = keras.callbacks.CSVLogger(path, **case["options"])
            for run in case["runs"]:
                logger.on_train_begin()
                for epoch, logs in enumerate(run):
                    logger.on_epoch_end(epoch, dict(logs))
                logger.on_train_end()
            with open(path, newline="") as f:
                text = f.read()
        runs = [[{k: repr(v) for k, v in logs.items()} for logs in run] for run in case["runs"]]
        cases.append({"name": case["name"], "options": case["options"], "runs": runs, "csv": text})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"keras_version": keras.__version__, "cases": cases}, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


main()
