"""Golden values from real Keras for kerasm's losses and regression metrics (tests/losses/keras_losses.test.ts,
tests/metrics/regression_metrics.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/loss_fixtures.py

Keras 3 on the JAX CPU backend. For each loss: fixed targets and predictions of shape (4, 3) (labels of
the kind the loss expects), the per-sample values (reduction "none"), the reduced value with and without
a sample weight per sample, and the gradient of the weighted reduced loss with respect to the predictions
(jax.grad); and every reduction on one case. For each metric: result() after two update_state calls, the second with sample weights.
Also a tiny Dense model compiled with loss="mae", metrics=["mae"]: its History after two epochs of SGD.
Inputs are rounded to 4 decimals (the rounded values are the ones fed to Keras), results kept to 8
significant digits. Writes tests/fixtures/losses/losses.json.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import jax  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "losses" / "losses.json"
SHAPE = (4, 3)


def uniform(seed, low=-1.0, high=1.0, shape=SHAPE):
    """A reproducible float32 array, rounded to 4 decimals."""
    return np.round(np.random.RandomState(seed).uniform(low, high, size=shape), 4).astype(np.float32)


def probabilities(seed, zero_at=None):
    """Rows that sum to 1 (up to rounding); `zero_at` puts an exact 0 there, to exercise clipping."""
    p = uniform(seed, 0.05, 1.0)
    if zero_at is not None:
        p[zero_at] = 0.0
    return np.round(p / p.sum(axis=-1, keepdims=True), 4).astype(np.float32)


def one_hot(seed):
    return np.eye(SHAPE[1], dtype=np.float32)[np.random.RandomState(seed).randint(0, SHAPE[1], size=SHAPE[0])]


def binary(seed):
    return (np.random.RandomState(seed).uniform(size=SHAPE) > 0.5).astype(np.float32)


def signed(seed, low, high):
    """Magnitudes in [low, high) with random signs (kept away from 0, where MAPE divides)."""
    signs = np.where(np.random.RandomState(seed + 1000).uniform(size=SHAPE) > 0.5, 1.0, -1.0)
    return (uniform(seed, low, high) * signs).astype(np.float32)


def short(array):
    """Flat list of floats with 8 significant digits."""
    return [float(f"{v:.8g}") for v in np.asarray(array, dtype=np.float32).ravel().tolist()]


# name → (loss class, constructor kwargs, metric class or None, y_true maker, y_pred maker); seeds differ per call.
CASES = {
    "mean_absolute_error": (keras.losses.MeanAbsoluteError, {}, keras.metrics.MeanAbsoluteError,
                            lambda s: uniform(s), lambda s: uniform(s, -2, 2)),
    "mean_absolute_percentage_error": (keras.losses.MeanAbsolutePercentageError, {}, keras.metrics.MeanAbsolutePercentageError,
                                       lambda s: signed(s, 0.2, 2.0), lambda s: uniform(s, -2, 2)),
    "mean_squared_logarithmic_error": (keras.losses.MeanSquaredLogarithmicError, {}, keras.metrics.MeanSquaredLogarithmicError,
                                       lambda s: uniform(s, 0, 3), lambda s: uniform(s, -0.5, 3)),
    "huber": (keras.losses.Huber, {}, None, lambda s: uniform(s), lambda s: uniform(s, -3, 3)),
    "huber_delta_0.5": (keras.losses.Huber, {"delta": 0.5}, None, lambda s: uniform(s), lambda s: uniform(s, -2, 2)),
    "log_cosh": (keras.losses.LogCosh, {}, keras.metrics.LogCoshError, lambda s: uniform(s), lambda s: uniform(s, -3, 3)),
    "kl_divergence": (keras.losses.KLDivergence, {}, keras.metrics.KLDivergence,
                      lambda s: probabilities(s, zero_at=(1, 2)), lambda s: probabilities(s)),
    "poisson": (keras.losses.Poisson, {}, keras.metrics.Poisson,
                lambda s: np.random.RandomState(s).randint(0, 5, size=SHAPE).astype(np.float32), lambda s: uniform(s, 0.1, 3)),
    "hinge": (keras.losses.Hinge, {}, keras.metrics.Hinge, binary, lambda s: uniform(s, -2, 2)),
    "hinge_signed_labels": (keras.losses.Hinge, {}, None, lambda s: 2 * binary(s) - 1, lambda s: uniform(s, -2, 2)),
    "squared_hinge": (keras.losses.SquaredHinge, {}, keras.metrics.SquaredHinge, binary, lambda s: uniform(s, -2, 2)),
    "categorical_hinge": (keras.losses.CategoricalHinge, {}, keras.metrics.CategoricalHinge, one_hot, lambda s: uniform(s, -2, 2)),
    "cosine_similarity": (keras.losses.CosineSimilarity, {}, keras.metrics.CosineSimilarity, lambda s: uniform(s), lambda s: uniform(s)),
    "cosine_similarity_axis_0": (keras.losses.CosineSimilarity, {"axis": 0}, None, lambda s: uniform(s), lambda s: uniform(s)),
    "root_mean_squared_error": (None, {}, keras.metrics.RootMeanSquaredError, lambda s: uniform(s), lambda s: uniform(s, -2, 2)),
}


def loss_case(cls, kwargs, y_true, y_pred, sample_weight):
    per_sample = cls(reduction="none", **kwargs)(y_true, y_pred)
    loss = cls(**kwargs)
    weighted = lambda p: loss(y_true, p, sample_weight=sample_weight)  # noqa: E731
    return {
        "config": loss.get_config(),
        "per_sample": short(per_sample),
        "per_sample_shape": list(np.shape(per_sample)),
        "reduced": short(loss(y_true, y_pred))[0],
        "reduced_weighted": short(weighted(y_pred))[0],
        "grad_weighted": short(jax.grad(weighted)(y_pred)),
    }


def reductions_case():
    """Every reduction Keras 3.15.1 accepts, on mean absolute errors, with and without sample weights."""
    y_true, y_pred = uniform(7), uniform(8, -2, 2)
    sample_weight = uniform(9, 0.0, 2.0, shape=(SHAPE[0],))
    out = {"y_true": short(y_true), "y_pred": short(y_pred), "sample_weight": short(sample_weight), "values": {}}
    for reduction in ["sum_over_batch_size", "sum", "none", "mean", "mean_with_sample_weight"]:
        loss = keras.losses.MeanAbsoluteError(reduction=reduction)
        out["values"][reduction] = {"unweighted": short(loss(y_true, y_pred)), "weighted": short(loss(y_true, y_pred, sample_weight=sample_weight)),
                                    "zero_weights": short(loss(y_true, y_pred, sample_weight=np.zeros_like(sample_weight)))}
    return out


def metric_case(cls, batches):
    metric = cls()
    (t1, p1), (t2, p2, sw) = batches
    metric.update_state(t1, p1)
    metric.update_state(t2, p2, sample_weight=sw)
    return {"config": metric.get_config(), "result": short(metric.result())[0]}


def compile_mae():
    """History of a Dense(2) regression compiled with loss='mae', metrics=['mae']."""
    x, y = uniform(41, shape=(6, 3)), uniform(42, shape=(6, 2))
    kernel, bias = uniform(43, shape=(3, 2)), uniform(44, -0.5, 0.5, shape=(2,))
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    model.set_weights([kernel, bias])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mae", metrics=["mae", "RootMeanSquaredError"])
    history = model.fit(x, y, batch_size=3, epochs=2, shuffle=False, verbose=0)
    return {
        "inputs": {"x": short(x), "y": short(y), "kernel": short(kernel), "bias": short(bias)},
        "batch_size": 3,
        "history": {k: short(v) for k, v in history.history.items()},
        "weights": [short(w) for w in model.get_weights()],
    }


def main():
    losses, metrics = {}, {}
    for i, (name, (loss_cls, kwargs, metric_cls, make_true, make_pred)) in enumerate(CASES.items()):
        seed = 100 * (i + 1)
        y_true, y_pred = make_true(seed), make_pred(seed + 1)
        # One weight per loss value: (4,) for the last-axis losses, (3,) for a cosine similarity over axis 0.
        weight_shape = (SHAPE[1],) if kwargs.get("axis") == 0 else (SHAPE[0],)
        sample_weight = uniform(seed + 2, 0.0, 2.0, shape=weight_shape)
        if loss_cls is not None:
            losses[name] = {"class_name": loss_cls.__name__, "kwargs": kwargs, "y_true": short(y_true), "y_pred": short(y_pred),
                            "sample_weight": short(sample_weight), **loss_case(loss_cls, kwargs, y_true, y_pred, sample_weight)}
        if metric_cls is not None:
            t2, p2 = make_true(seed + 3), make_pred(seed + 4)
            metrics[name] = {"class_name": metric_cls.__name__, "y_true": [short(y_true), short(t2)], "y_pred": [short(y_pred), short(p2)],
                             "sample_weight": short(sample_weight),
                             **metric_case(metric_cls, [(y_true, y_pred), (t2, p2, sample_weight)])}
    fixture = {"keras_version": keras.__version__, "shape": list(SHAPE), "losses": losses, "metrics": metrics, "reductions": reductions_case(),
               "compile_mae": compile_mae()}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
