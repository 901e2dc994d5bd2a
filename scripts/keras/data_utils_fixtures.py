"""Golden values from real Keras for kerasm's data utilities (tests/data/data_utils_keras.test.ts).

Run (from the repository root; the venv of scripts/keras/requirements-layers.txt, which has TensorFlow
for `timeseries_dataset_from_array` and `split_dataset`):
    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/data_utils_fixtures.py

Records `keras.utils.pad_sequences`, `normalize` (NumPy arrays and backend tensors),
`timeseries_dataset_from_array` (unshuffled: every batch) and `split_dataset` (the sizes of the two
sides, or the error), each case with its arguments. Writes tests/fixtures/data_utils/data_utils.json.
"""
import json
import os
import pathlib

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "data_utils" / "data_utils.json"


def pad_cases():
    sequences = [[1, 2, 3, 4, 5], [6, 7], [], [8, 9, 10]]
    cases = []
    for options in [
        {},
        {"maxlen": 3},
        {"maxlen": 3, "padding": "post"},
        {"maxlen": 3, "truncating": "post"},
        {"maxlen": 6, "padding": "post", "truncating": "post", "value": -1},
        {"dtype": "float32", "value": 0.5},
    ]:
        out = keras.utils.pad_sequences(sequences, **options)
        cases.append({"sequences": sequences, "options": options, "shape": list(out.shape), "values": out.ravel().tolist()})
    floats = [[1.7, -2.7], [3.2]]
    out = keras.utils.pad_sequences(floats)
    cases.append({"sequences": floats, "options": {}, "shape": list(out.shape), "values": out.ravel().tolist()})
    vectors = [[[1, 2], [3, 4]], [[5, 6]]]
    out = keras.utils.pad_sequences(vectors, maxlen=3, padding="post")
    cases.append({"sequences": vectors, "options": {"maxlen": 3, "padding": "post"}, "shape": list(out.shape), "values": out.ravel().tolist()})
    return cases


def normalize_cases():
    x = np.array([[3.0, 4.0, 0.0], [0.0, 0.0, 0.0], [1.0, -2.0, 2.0]], dtype=np.float32)
    cases = []
    for axis, order in [(-1, 2), (0, 2), (-1, 1), (1, 3)]:
        out = keras.utils.normalize(x, axis=axis, order=order)
        cases.append({"input": "array", "x": x.tolist(), "axis": axis, "order": order, "values": np.asarray(out, np.float64).ravel().tolist()})
        out = keras.utils.normalize(keras.ops.convert_to_tensor(x), axis=axis, order=order)
        cases.append({"input": "tensor", "x": x.tolist(), "axis": axis, "order": order, "values": np.asarray(out, np.float64).ravel().tolist()})
    return cases


def timeseries_cases():
    data = np.arange(30, dtype=np.float32).reshape(15, 2)
    targets = np.arange(100, 115)
    cases = []
    for options in [
        {"sequence_length": 3, "batch_size": 4},
        {"sequence_length": 4, "sequence_stride": 2, "sampling_rate": 2, "batch_size": 3},
        {"sequence_length": 2, "start_index": 3, "end_index": 12, "batch_size": 5},
        {"sequence_length": 5, "sequence_stride": 3, "batch_size": None},
    ]:
        for with_targets in (True, False):
            ds = keras.utils.timeseries_dataset_from_array(data, targets if with_targets else None, **options)
            elements = []
            for element in ds:
                if with_targets:
                    elements.append({"x": np.asarray(element[0]).tolist(), "y": np.asarray(element[1]).tolist()})
                else:
                    elements.append({"x": np.asarray(element).tolist()})
            cases.append({"options": options, "targets": with_targets, "elements": elements})
    return {"data": data.tolist(), "targets": targets.tolist(), "cases": cases}


def split_cases():
    cases = []
    for total, left, right in [
        (10, 0.8, None), (10, None, 0.25), (10, 3, 2), (10, 0.5, 0.3), (7, 0.5, None), (5, 0.5, None),
        (10, 10, None), (10, 0.6, 0.6), (10, 7, 4), (10, 0.01, None), (10, None, None), (10, 0, 0),
    ]:
        case = {"total": total, "left_size": left, "right_size": right}
        try:
            a, b = keras.utils.split_dataset(np.arange(total), left_size=left, right_size=right)
            case["sizes"] = [int(a.cardinality()), int(b.cardinality())]
        except ValueError as e:
            case["error"] = str(e)
        cases.append(case)
    return cases


def main():
    fixture = {
        "keras_version": keras.__version__,
        "pad_sequences": pad_cases(),
        "normalize": normalize_cases(),
        "timeseries": timeseries_cases(),
        "split_dataset": split_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
