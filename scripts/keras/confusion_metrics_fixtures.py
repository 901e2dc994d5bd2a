"""Golden values from real Keras for kerasm's confusion metrics (tests/metrics/confusion_metrics.test.ts).

Run (from the repository root; the venv of loss_fixtures.py):
    /tmp/kenv-layers/bin/python scripts/keras/confusion_metrics_fixtures.py

Keras 3 on the JAX CPU backend. Each case builds one metric from keyword arguments (Keras's
snake_case names), feeds it three batches of predictions of shape (6, 3), the first unweighted,
the second with one weight per sample, the third with one weight per value (one per sample
where `class_id` keeps a single column), and records result() and
get_config() (and the state variables, where short). Predictions are rounded to 4 decimals (logits for `from_logits`), labels are 0/1.
Writes tests/fixtures/metrics/confusion_metrics.json.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "metrics" / "confusion_metrics.json"
SHAPE = (6, 3)

CASES = {
    "TruePositives": ("TruePositives", {}),
    "FalsePositives": ("FalsePositives", {}),
    "TrueNegatives": ("TrueNegatives", {}),
    "FalseNegatives": ("FalseNegatives", {}),
    "TruePositives thresholds list": ("TruePositives", {"thresholds": [0.15, 0.5, 0.85]}),
    "FalseNegatives thresholds evenly": ("FalseNegatives", {"thresholds": [0.0, 0.5, 1.0]}),
    "Precision": ("Precision", {}),
    "Precision thresholds list": ("Precision", {"thresholds": [0.2, 0.45, 0.7]}),
    "Precision thresholds evenly": ("Precision", {"thresholds": [0.0, 0.25, 0.5, 0.75, 1.0]}),
    "Precision top_k": ("Precision", {"top_k": 2}),
    "Precision class_id": ("Precision", {"class_id": 1}),
    "Precision top_k class_id": ("Precision", {"top_k": 1, "class_id": 2}),
    "Precision top_k thresholds evenly": ("Precision", {"top_k": 2, "thresholds": [0.0, 0.25, 0.5, 0.75, 1.0]}),
    "Recall": ("Recall", {}),
    "Recall thresholds list": ("Recall", {"thresholds": [0.3, 0.6]}),
    "Recall top_k": ("Recall", {"top_k": 2, "thresholds": 0.4}),
    "Recall class_id": ("Recall", {"class_id": 0}),
    "PrecisionAtRecall": ("PrecisionAtRecall", {"recall": 0.6}),
    "PrecisionAtRecall class_id": ("PrecisionAtRecall", {"recall": 0.5, "class_id": 1, "num_thresholds": 50}),
    "RecallAtPrecision": ("RecallAtPrecision", {"precision": 0.25}),
    "SensitivityAtSpecificity": ("SensitivityAtSpecificity", {"specificity": 0.5}),
    "SensitivityAtSpecificity one threshold": ("SensitivityAtSpecificity", {"specificity": 0.4, "num_thresholds": 1}),
    "SpecificityAtSensitivity": ("SpecificityAtSensitivity", {"sensitivity": 0.5, "num_thresholds": 20}),
    "AUC": ("AUC", {}),
    "AUC ROC minoring": ("AUC", {"summation_method": "minoring"}),
    "AUC ROC majoring": ("AUC", {"summation_method": "majoring", "num_thresholds": 10}),
    "AUC PR": ("AUC", {"curve": "PR"}),
    "AUC PR minoring": ("AUC", {"curve": "PR", "summation_method": "minoring"}),
    "AUC PR majoring": ("AUC", {"curve": "PR", "summation_method": "majoring"}),
    "AUC PRGAIN": ("AUC", {"curve": "PRGAIN", "num_thresholds": 50}),
    "AUC thresholds list": ("AUC", {"thresholds": [0.7, 0.1, 0.35]}),
    "AUC thresholds evenly": ("AUC", {"thresholds": [0.25, 0.5, 0.75]}),
    "AUC multi_label": ("AUC", {"multi_label": True}),
    "AUC multi_label PR label_weights": ("AUC", {"multi_label": True, "num_labels": 3, "curve": "PR", "label_weights": [0.2, 1.0, 0.5]}),
    "AUC label_weights": ("AUC", {"label_weights": [0.5, 2.0, 1.0], "num_thresholds": 30}),
    "AUC from_logits": ("AUC", {"from_logits": True, "curve": "pr"}),
}


def batches(seed, logits):
    rng = np.random.RandomState(seed)
    out = []
    for i in range(3):
        y_true = (rng.uniform(size=SHAPE) > 0.55).astype(np.float32)
        low, high = (-3.0, 3.0) if logits else (0.0, 1.0)
        y_pred = np.round(rng.uniform(low, high, size=SHAPE), 4).astype(np.float32)
        out.append((y_true, y_pred))
    return out


def flat(array):
    return [float(f"{v:.8g}") for v in np.asarray(array, dtype=np.float64).ravel().tolist()]


def run(class_name, kwargs, seed):
    metric = getattr(keras.metrics, class_name)(**kwargs)
    data = batches(seed, kwargs.get("from_logits", False))
    rng = np.random.RandomState(seed + 100)
    per_sample = np.round(rng.uniform(0.1, 2.0, size=SHAPE[0]), 3).astype(np.float32)
    one_column = "class_id" in kwargs
    per_value = np.round(rng.uniform(0.1, 2.0, size=(SHAPE[0],) if one_column else SHAPE), 3).astype(np.float32)
    weights = [None, per_sample, per_value]
    for (y_true, y_pred), w in zip(data, weights):
        metric.update_state(y_true, y_pred, sample_weight=w)
    result = np.asarray(metric.result())
    return {
        "class_name": class_name,
        "kwargs": kwargs,
        "batches": [{"y_true": flat(t), "y_pred": flat(p)} for t, p in data],
        "sample_weights": [None, flat(per_sample), flat(per_value)],
        "sample_weight_shapes": [None, list(per_sample.shape), list(per_value.shape)],
        "result": flat(result) if result.ndim else float(f"{float(result):.8g}"),
        # The counts themselves where they are short (not AUC's 200 thresholds).
        "variables": {v.name: flat(v.numpy()) for v in metric.variables if v.numpy().size <= 60},
        "config": json.loads(json.dumps(metric.get_config(), default=lambda o: np.asarray(o).tolist())),
    }


def main():
    cases = {name: run(cls, kwargs, seed) for seed, (name, (cls, kwargs)) in enumerate(CASES.items())}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"keras_version": keras.__version__, "shape": list(SHAPE), "cases": cases}, separators=(",", ":")) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
