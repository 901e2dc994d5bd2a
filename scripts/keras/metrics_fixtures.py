"""Golden values from real Keras for kerasm's top-k accuracy, F-score, IoU, R2Score and Sum metrics
(tests/metrics/keras_metrics.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/metrics_fixtures.py

Keras 3 on the JAX CPU backend. Each case builds one metric from Keras's arguments, feeds it two or
three batches (some with sample weights), and records result() and get_config(); the functional forms
are recorded on one batch. Also small Dense models compiled with these metrics (one-hot, class-id and
binary targets; one with weighted metrics): History after two epochs of SGD, weights and compile_config. Inputs are rounded to 4 decimals, results kept to 8 significant
digits. Writes tests/fixtures/metrics/metrics.json.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "metrics" / "metrics.json"


def uniform(seed, shape, low=0.0, high=1.0):
    """A reproducible float32 array, rounded to 4 decimals."""
    return np.round(np.random.RandomState(seed).uniform(low, high, size=shape), 4).astype(np.float32)


def ids(seed, shape, high):
    return np.random.RandomState(seed).randint(0, high, size=shape).astype(np.int32)


def one_hot(seed, n, classes):
    return np.eye(classes, dtype=np.float32)[ids(seed, (n,), classes)]


def binary(seed, shape):
    return (np.random.RandomState(seed).uniform(size=shape) > 0.5).astype(np.float32)


def short(array):
    """Flat list of floats with 8 significant digits."""
    return [float(f"{v:.8g}") for v in np.asarray(array, dtype=np.float64).ravel().tolist()]


def encode(array):
    if array is None:
        return None
    array = np.asarray(array)
    return {"data": short(array), "shape": list(array.shape), "dtype": "int32" if array.dtype.kind in "iu" else "float32"}


def case(name, cls, args, batches):
    """`cls(**args)` fed `batches` of (y_true, y_pred, sample_weight); its result and config."""
    metric = getattr(keras.metrics, cls)(**args)
    for y_true, y_pred, weight in batches:
        metric.update_state(y_true, y_pred, sample_weight=weight)
    result = np.asarray(metric.result())
    return {
        "name": name, "class": cls, "args": args,
        "batches": [{"y_true": encode(t), "y_pred": encode(p), "sample_weight": encode(w)} for t, p, w in batches],
        "result": short(result), "result_shape": list(result.shape), "config": metric.get_config(),
    }


def scores(seed, n=6, classes=4):
    return uniform(seed, (n, classes))


def top_k_cases():
    ties = np.array([[0.5, 0.5, 0.2, 0.1], [0.3, 0.3, 0.3, 0.1]], np.float32)
    sorted_ids = np.argsort(-scores(5), axis=-1).astype(np.float32)
    return [
        case("topk_default", "TopKCategoricalAccuracy", {}, [(one_hot(1, 6, 4), scores(2), None), (one_hot(3, 6, 4), scores(4), uniform(5, (6,)))]),
        case("topk_k1", "TopKCategoricalAccuracy", {"k": 1}, [(one_hot(1, 6, 4), scores(2), None), (one_hot(3, 6, 4), scores(4), uniform(5, (6,)))]),
        case("topk_k2_rank3", "TopKCategoricalAccuracy", {"k": 2, "name": "top2"},
             [(np.eye(4, dtype=np.float32)[ids(6, (2, 3), 4)], uniform(7, (2, 3, 4)), None)]),
        case("sparse_topk_k2", "SparseTopKCategoricalAccuracy", {"k": 2},
             [(ids(8, (6,), 4), scores(9), None), (ids(10, (6, 1), 4), scores(11), uniform(12, (6,)))]),
        case("sparse_topk_ties", "SparseTopKCategoricalAccuracy", {"k": 1}, [(np.array([1, 2], np.int32), ties, None)]),
        case("sparse_topk_sorted_ids", "SparseTopKCategoricalAccuracy", {"k": 2, "from_sorted_ids": True},
             [(ids(13, (6,), 4), sorted_ids, None)]),
    ]


def f_score_cases():
    y_true = binary(20, (6, 3))
    y_pred = uniform(21, (6, 3))
    y_true2 = binary(22, (5, 3))
    y_pred2 = uniform(23, (5, 3))
    batches = [(y_true, y_pred, None), (y_true2, y_pred2, uniform(24, (5,), 0.2, 1.5))]
    docs = (np.array([[1, 1, 1], [1, 0, 0], [1, 1, 0]], np.int32), np.array([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]], np.float32), None)
    out = [case("fbeta_docs", "FBetaScore", {"beta": 2.0, "threshold": 0.5}, [docs]), case("f1_docs", "F1Score", {"threshold": 0.5}, [docs])]
    for average in [None, "micro", "macro", "weighted"]:
        out.append(case(f"f1_{average}", "F1Score", {"average": average}, batches))
        out.append(case(f"fbeta_{average}_t04", "FBetaScore", {"average": average, "beta": 0.5, "threshold": 0.4}, batches))
    return out


def iou_cases():
    y_true = ids(30, (8,), 3)
    y_pred = ids(31, (8,), 3)
    weights = uniform(32, (8,), 0.0, 2.5)
    with_out_of_range = (np.array([0, 1, 2, 3, -1, 1], np.int32), np.array([0, 2, 2, 1, 1, 5], np.int32), None)
    one_hot_true = one_hot(33, 8, 3)
    pred_scores = uniform(34, (8, 3))
    return [
        case("iou_0_2", "IoU", {"num_classes": 3, "target_class_ids": [0, 2]}, [(y_true, y_pred, None), with_out_of_range]),
        case("iou_int_weights", "IoU", {"num_classes": 3, "target_class_ids": [1]}, [(y_true, y_pred, weights)]),
        case("iou_float_weights", "IoU", {"num_classes": 3, "target_class_ids": [1], "dtype": "float32"}, [(y_true, y_pred, weights)]),
        case("iou_ignore", "IoU", {"num_classes": 3, "target_class_ids": [0, 1, 2], "ignore_class": 0}, [(y_true, y_pred, None)]),
        case("iou_dense_2d", "IoU", {"num_classes": 3, "target_class_ids": [0, 1], "sparse_y_true": False, "sparse_y_pred": False},
             [(one_hot_true.reshape(2, 4, 3), pred_scores.reshape(2, 4, 3), None)]),
        case("mean_iou", "MeanIoU", {"num_classes": 3}, [(y_true, y_pred, None), (y_true.reshape(4, 2), y_pred[::-1].reshape(4, 2), None)]),
        case("mean_iou_float", "MeanIoU", {"num_classes": 3, "dtype": "float32", "ignore_class": 2}, [(y_true, y_pred, weights)]),
        case("binary_iou", "BinaryIoU", {}, [(binary(35, (8,)), uniform(36, (8,)), None)]),
        case("binary_iou_t03", "BinaryIoU", {"target_class_ids": [1], "threshold": 0.3}, [(binary(35, (8,)), uniform(36, (8,)), None)]),
        case("one_hot_iou", "OneHotIoU", {"num_classes": 3, "target_class_ids": [0, 2]}, [(one_hot_true, pred_scores, None)]),
        case("one_hot_iou_sparse_pred", "OneHotIoU", {"num_classes": 3, "target_class_ids": [1, 2], "sparse_y_pred": True}, [(one_hot_true, y_pred, None)]),
        case("one_hot_mean_iou", "OneHotMeanIoU", {"num_classes": 3}, [(one_hot_true, pred_scores, None), (one_hot(37, 8, 3), uniform(38, (8, 3)), None)]),
    ]


def r2_cases():
    y_true = uniform(40, (6, 2), -2, 2)
    y_pred = y_true + uniform(41, (6, 2), -0.5, 0.5)
    y_true2 = uniform(42, (4, 2), -2, 2)
    y_pred2 = uniform(43, (4, 2), -2, 2)
    batches = [(y_true, y_pred, None), (y_true2, y_pred2, uniform(44, (4,), 0.2, 1.5))]
    docs = (np.array([[1], [4], [3]], np.float32), np.array([[2], [4], [4]], np.float32), None)
    return [
        case("r2_docs", "R2Score", {}, [docs]),
        case("r2_uniform", "R2Score", {}, batches),
        case("r2_variance_weighted", "R2Score", {"class_aggregation": "variance_weighted_average"}, batches),
        case("r2_none", "R2Score", {"class_aggregation": None}, batches),
        case("r2_adjusted", "R2Score", {"num_regressors": 2}, batches),
        case("r2_adjusted_fallback", "R2Score", {"num_regressors": 3}, [(y_true[:4], y_pred[:4], None)]),
    ]


def sum_cases():
    metric = keras.metrics.Sum()
    values = [uniform(50, (4,)), uniform(51, (3, 2)), uniform(52, (3, 2))]
    weights = [None, None, uniform(53, (3,))]
    for v, w in zip(values, weights):
        metric.update_state(v, sample_weight=w)
    return [{
        "name": "sum", "class": "Sum", "args": {},
        "batches": [{"values": encode(v), "sample_weight": encode(w)} for v, w in zip(values, weights)],
        "result": short(metric.result()), "result_shape": [], "config": metric.get_config(),
    }]


def crossentropy_cases():
    labels = binary(70, (6, 3))
    probabilities = uniform(71, (6, 3), 0.05, 0.95)
    logits = uniform(72, (6, 3), -3.0, 3.0)
    classes = one_hot(73, 6, 4)
    ids_with_void = np.array([0, 3, 1, 3, 2, 0], np.int32)
    return [
        case("binary_crossentropy", "BinaryCrossentropy", {}, [(labels, probabilities, None), (labels, probabilities[::-1], uniform(74, (6,)))]),
        case("binary_crossentropy_logits_smoothing", "BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, [(labels, logits, None)]),
        case("categorical_crossentropy", "CategoricalCrossentropy", {}, [(classes, scores(75, 6, 4), None)]),
        case("categorical_crossentropy_logits_smoothing", "CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.2},
             [(classes, uniform(76, (6, 4), -2.0, 2.0), uniform(77, (6,)))]),
        case("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy", {}, [(ids(78, (6,), 4), scores(79, 6, 4), None)]),
        case("sparse_categorical_crossentropy_ignore", "SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 3},
             [(ids_with_void, uniform(80, (6, 4), -2.0, 2.0), uniform(81, (6,)))]),
    ]


def functions():
    y_true = one_hot(60, 5, 4)
    y_pred = scores(61, 5, 4)
    sparse = ids(62, (5,), 4)
    return {
        "y_true": encode(y_true), "y_pred": encode(y_pred), "sparse": encode(sparse),
        "top_k_categorical_accuracy_k2": short(keras.metrics.top_k_categorical_accuracy(y_true, y_pred, k=2)),
        "sparse_top_k_categorical_accuracy_k2": short(keras.metrics.sparse_top_k_categorical_accuracy(sparse, y_pred, k=2)),
    }


@keras.saving.register_keras_serializable(package="kerasm_test")
def abs_error(y_true, y_pred):
    return keras.ops.mean(keras.ops.abs(y_true - y_pred), axis=-1)


def train(x, y, units, activation, loss, metrics, weighted_metrics=None, sample_weight=None, seed=72):
    """A Dense layer trained two epochs of SGD with `metrics` in compile: History, weights and compile_config."""
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(units, activation=activation)])
    kernel = uniform(seed, (x.shape[1], units), -0.5, 0.5)
    bias = uniform(seed + 1, (units,), -0.1, 0.1)
    model.set_weights([kernel, bias])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss=loss, metrics=metrics, weighted_metrics=weighted_metrics)
    history = model.fit(x, y, sample_weight=sample_weight, batch_size=4, epochs=2, shuffle=False, verbose=0)
    return {
        "inputs": {"x": encode(x), "y": encode(y), "kernel": short(kernel), "bias": short(bias), "sample_weight": encode(sample_weight)},
        "history": {k: short(v) for k, v in history.history.items()},
        "weights": [short(w) for w in model.get_weights()],
        "compile_config_metrics": model.get_compile_config()["metrics"],
        "compile_config_weighted_metrics": model.get_compile_config()["weighted_metrics"],
    }


def compiled():
    """One-hot targets: F1Score, top-k accuracy, OneHotMeanIoU, R2Score, a registered function and its wrapper."""
    metrics = [
        keras.metrics.F1Score(average="macro", threshold=0.4),
        "top_k_categorical_accuracy",
        keras.metrics.TopKCategoricalAccuracy(k=1, name="top1"),
        keras.metrics.OneHotMeanIoU(3, name="iou"),
        keras.metrics.R2Score(),
        abs_error,
        keras.metrics.MeanMetricWrapper(abs_error, name="wrapped"),
    ]
    return train(uniform(70, (8, 4), -1, 1), one_hot(71, 8, 3), 3, "softmax", "categorical_crossentropy", metrics)


def compiled_sparse():
    """Class ids: sparse top-k accuracy and the IoU metrics on scores, one of them weighted."""
    metrics = [
        "sparse_top_k_categorical_accuracy",
        keras.metrics.SparseTopKCategoricalAccuracy(k=1, name="top1"),
        keras.metrics.MeanIoU(3, sparse_y_pred=False, name="mean_iou"),
        keras.metrics.IoU(3, [0, 2], sparse_y_pred=False, dtype="float32", name="iou"),
        keras.metrics.IoU(3, [1], sparse_y_pred=False, ignore_class=0, name="iou_ignoring_0"),
    ]
    weighted = [keras.metrics.MeanIoU(3, sparse_y_pred=False, dtype="float32", name="weighted_iou")]
    return train(uniform(80, (8, 4), -1, 1), ids(81, (8,), 3), 3, "softmax", "sparse_categorical_crossentropy", metrics,
                 weighted_metrics=weighted, sample_weight=uniform(82, (8,), 0.2, 1.5), seed=83)


def compiled_binary():
    """One sigmoid output: BinaryIoU and the micro F-beta score."""
    metrics = [keras.metrics.BinaryIoU(name="binary_iou"), keras.metrics.FBetaScore(average="micro", beta=2.0, threshold=0.5)]
    return train(uniform(90, (8, 3), -1, 1), binary(91, (8, 1)), 1, "sigmoid", "binary_crossentropy", metrics, seed=92)


def main():
    fixture = {
        "keras_version": keras.__version__,
        "cases": top_k_cases() + f_score_cases() + iou_cases() + r2_cases() + sum_cases() + crossentropy_cases(),
        "functions": functions(),
        "compiled": {"one_hot": compiled(), "sparse": compiled_sparse(), "binary": compiled_binary()},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT} ({len(fixture['cases'])} cases)")


if __name__ == "__main__":
    main()
