"""Golden values from real Keras for kerasm's loop-side callback tests (tests/training/callback_*.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/callback_loop_fixtures.py

Records, with Keras 3 on the JAX CPU backend:
- `hooks`: every hook call (name, batch/epoch index, logs) a callback sees in `fit` (with
  validation data), `evaluate` and `predict` of a Dense(1) with fixed weights trained by SGD,
  for steps_per_execution 1 and 3, and for `validation_freq` / `initial_epoch`, and for a
  callback that sets `model.stop_training` mid-epoch. Predict's `outputs` are recorded by shape.
- `reduce_lr`: the learning rate `ReduceLROnPlateau` leaves after each epoch of a scripted
  sequence of monitored values, and the `learning_rate` it adds to the logs.
- `early_stopping`: per epoch of a scripted sequence, whether `EarlyStopping` stops, its
  `wait`, `best_epoch`, `stopped_epoch`, and the epoch whose weights it restores.
- `lr_scheduler`: the learning rates `LearningRateScheduler` sets and logs.
Writes tests/fixtures/training/callback_loop.json; values kept to 7 significant digits.
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "training" / "callback_loop.json"

RUN_HOOKS = ["train_begin", "train_end", "test_begin", "test_end", "predict_begin", "predict_end"]
STEP_HOOKS = ["epoch_begin", "epoch_end", "train_batch_begin", "train_batch_end", "test_batch_begin", "test_batch_end", "predict_batch_begin", "predict_batch_end"]


def short(value):
    return float(f"{float(value):.7g}")


def fixed(shape, seed):
    return np.round(np.random.RandomState(seed).uniform(-1, 1, size=shape), 4).astype(np.float32)


def record_logs(logs):
    if logs is None:
        return None
    # Logs in the order the callback sees them; predict's outputs by shape.
    return [[k, list(v.shape) if hasattr(v, "shape") else short(v)] for k, v in logs.items()]


class Recorder(keras.callbacks.Callback):
    """Records every hook call as [hook, index or None, logs]."""

    def __init__(self, stop_at=None):
        super().__init__()
        self.calls = []
        self.stop_at = stop_at


def run_hook(name):
    return lambda self, logs=None: self.calls.append([name, None, record_logs(logs)])


def step_hook(name):
    def hook(self, index, logs=None):
        self.calls.append([name, index, record_logs(logs)])
        if self.stop_at is not None and name == "train_batch_end" and [self._epoch, index] == self.stop_at:
            self.model.stop_training = True
        if name == "epoch_begin":
            self._epoch = index

    return hook


for _h in RUN_HOOKS:
    setattr(Recorder, "on_" + _h, run_hook(_h))
for _h in STEP_HOOKS:
    setattr(Recorder, "on_" + _h, step_hook(_h))

X = fixed((10, 2), 1)
Y = fixed((10, 1), 2)
XV = fixed((5, 2), 3)
YV = fixed((5, 1), 4)
KERNEL = fixed((2, 1), 5)
BIAS = np.array([0.1], np.float32)


def model(steps_per_execution=1):
    m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    m.set_weights([KERNEL, BIAS])
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"], steps_per_execution=steps_per_execution)
    return m


def hooks_case(steps_per_execution, fit_args, stop_at=None):
    m = model(steps_per_execution)
    rec = Recorder(stop_at)
    history = m.fit(X, Y, verbose=0, shuffle=False, callbacks=[rec], **fit_args)
    fit_calls = rec.calls
    rec.calls = []
    m.evaluate(XV, YV, batch_size=2, verbose=0, callbacks=[rec])
    eval_calls = rec.calls
    rec.calls = []
    m.predict(X, batch_size=3, verbose=0, callbacks=[rec])
    return {
        "steps_per_execution": steps_per_execution,
        "fit_args": fit_args,
        "stop_at": stop_at,
        "fit": fit_calls,
        "history_epoch": history.epoch,
        "history": {k: [short(v) for v in vs] for k, vs in history.history.items()},
        "evaluate": eval_calls,
        "predict": rec.calls,
    }


def hooks():
    val = {"validation_data": [XV.tolist(), YV.tolist()]}
    data = (XV, YV)
    cases = [
        (1, {"epochs": 2, "batch_size": 4}, None),
        (3, {"epochs": 2, "batch_size": 2}, None),
        (1, {"epochs": 4, "batch_size": 5, "initial_epoch": 1, "validation_freq": 2}, None),
        (1, {"epochs": 3, "batch_size": 2}, [1, 2]),
        (2, {"epochs": 3, "batch_size": 2}, [0, 1]),
    ]
    out = []
    for spe, args, stop_at in cases:
        case = hooks_case(spe, {**args, "validation_data": data}, stop_at)
        case["fit_args"] = {**args, **val}
        out.append(case)
    return out


def drive(callback, values, monitor="val_loss", lr=0.1):
    """Calls `callback`'s epoch hooks with `values` as the monitored metric; returns per-epoch records."""
    m = model()
    m.optimizer.learning_rate = lr
    callback.set_model(m)
    callback.on_train_begin()
    rows = []
    for epoch, value in enumerate(values):
        logs = {monitor: value}
        callback.on_epoch_end(epoch, logs)
        rows.append({"lr": short(m.optimizer.learning_rate), "logs": record_logs(logs)})
    return rows


def reduce_lr():
    values = [1.0, 0.9, 0.95, 0.9, 0.9, 0.85, 0.8999, 0.86, 0.87, 0.88, 0.5, 0.6, 0.7, 0.8, 0.9]
    configs = [
        {},
        {"patience": 2},
        {"patience": 1, "factor": 0.5, "cooldown": 2},
        {"patience": 1, "factor": 0.2, "min_lr": 0.005},
        {"patience": 2, "min_delta": 0.06},
        {"patience": 1, "mode": "max"},
        {"patience": 0, "factor": 0.5},
    ]
    return [{"config": c, "values": values, "epochs": drive(keras.callbacks.ReduceLROnPlateau(**c), values)} for c in configs]


def early_stopping():
    values = [1.0, 0.9, 0.95, 0.9, 0.92, 0.85, 0.99, 0.98, 0.97, 0.96]
    configs = [
        {"patience": 2},
        {"patience": 2, "restore_best_weights": True},
        {"patience": 3, "restore_best_weights": True, "start_from_epoch": 2},
        {"patience": 20, "restore_best_weights": True},
        {"patience": 1, "baseline": 0.88},
        {"patience": 1, "baseline": 0.88, "restore_best_weights": True},
        {"patience": 0, "min_delta": 0.06},
        {"patience": 1, "mode": "max"},
        {"patience": 2, "start_from_epoch": 6},
    ]
    out = []
    for c in configs:
        stopper = keras.callbacks.EarlyStopping(**c)
        m = model()
        stopper.set_model(m)
        stopper.on_train_begin()
        rows = []
        stopped = False
        for epoch, value in enumerate(values):
            # The weights of epoch e are all e, so the restored ones say which epoch's they are.
            m.set_weights([np.full((2, 1), epoch, np.float32), np.full((1,), epoch, np.float32)])
            stopper.on_epoch_end(epoch, {"val_loss": value})
            rows.append({"stop": bool(m.stop_training), "wait": stopper.wait, "best_epoch": stopper.best_epoch})
            if m.stop_training:
                stopped = True
                break
        stopper.on_train_end()
        out.append({
            "config": c,
            "values": values,
            "epochs": rows,
            "stopped": stopped,
            "stopped_epoch": stopper.stopped_epoch,
            "restored": short(m.get_weights()[1][0]),
        })
    return out


def lr_scheduler():
    m = model()
    rates = []

    def schedule(epoch, lr):
        return lr if epoch < 2 else lr * 0.5

    sched = keras.callbacks.LearningRateScheduler(schedule)
    history = m.fit(X, Y, epochs=5, batch_size=5, verbose=0, shuffle=False, callbacks=[sched, keras.callbacks.LambdaCallback(on_epoch_begin=lambda e, l: rates.append(short(m.optimizer.learning_rate)))])
    return {"rates": rates, "logged": [short(v) for v in history.history["learning_rate"]], "history_keys": list(history.history.keys())}


def main():
    fixtures = {"keras_version": keras.__version__, "hooks": hooks(), "reduce_lr": reduce_lr(), "early_stopping": early_stopping(), "lr_scheduler": lr_scheduler(),
                "inputs": {"x": X.tolist(), "y": Y.tolist(), "x_val": XV.tolist(), "y_val": YV.tolist(), "kernel": KERNEL.tolist(), "bias": BIAS.tolist()}}
    OUT.write_text(json.dumps(fixtures, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
