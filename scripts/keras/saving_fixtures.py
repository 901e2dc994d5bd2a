"""Saving interop between kerasm and real Keras 3.

    python scripts/keras/saving_fixtures.py generate [DIR]   # default tests/fixtures/saving
    python scripts/keras/saving_fixtures.py check DIR

`generate` builds the reference models of reference_models.py with a fixed seed, trains each for
four steps (so the optimizer has state), saves it as `.keras`, `.weights.h5` and legacy `.h5`,
and writes `<model>.json`: the model's predictions on fixed inputs, its layer names, its loss and
its optimizer's class, learning rate and iteration count.

`check` reads every `<stem>.json` in DIR (the same schema; kerasm writes them with
scripts/keras/write_kerasm_models.ts), loads each file it lists in Keras, compares the
predictions, and checks the rest of the record: for `.keras` files the loss and the restored
optimizer, then trains one more epoch; for `.weights.h5` files the optimizer's iterations; for
legacy `.h5` files the training config. It prints PASS or FAIL per file and exits non-zero if any
file failed.

Run it in the venv of scripts/keras/requirements.txt (see tests/fixtures/saving/README.md).
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import json
import pathlib
import sys
import traceback

import h5py
import numpy as np

import keras

import reference_models

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_DIR = REPO / "tests" / "fixtures" / "saving"
TOLERANCE = 1e-5  # max |got - want|, relative to max(1, max |want|)


def generate(out_dir):
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in reference_models.BUILDERS:
        model = reference_models.build(name)
        x, y = reference_models.training_data(name)
        model.fit(_unwrap(x), _unwrap(y), batch_size=reference_models.BATCH_SIZE, epochs=1, shuffle=False, verbose=0)
        files = [f"{name}.keras", f"{name}.weights.h5", f"{name}.h5"]
        model.save(out_dir / files[0])
        model.save_weights(out_dir / files[1])
        model.save(out_dir / files[2])  # the `.h5` suffix selects Keras 3's legacy HDF5 writer
        probe = reference_models.probe_inputs(name)
        record = describe(model, name, files, probe, f"keras {keras.__version__} ({keras.backend.backend()})")
        if name in reference_models.DETERMINISTIC:
            record["resume"] = train_on(model, probe)
        (out_dir / f"{name}.json").write_text(json.dumps(record) + "\n")
        print(f"wrote {name}: {', '.join(files)}, {name}.json")


def describe(model, name, files, probe, written_by):
    """The fixture record of a trained model: what the checks compare against."""
    optimizer = model.optimizer
    return {
        "model": name,
        "written_by": written_by,
        "files": files,
        "layer_names": [layer.name for layer in model.layers],
        "loss": model.loss,
        "optimizer": {
            "class_name": type(optimizer).__name__,
            "learning_rate": float(optimizer.learning_rate),
            "iterations": int(optimizer.iterations),
        },
        "inputs": {key: value.tolist() for key, value in probe.items()},
        "outputs": _predictions(model, probe),
    }


def train_on(model, probe):
    """One more epoch from the saved state, and the predictions after it: a reader that restores
    the optimizer's slots exactly reproduces them (models without dropout only)."""
    x, y = reference_models.training_data(model.name)
    model.fit(_unwrap(x), _unwrap(y), batch_size=reference_models.BATCH_SIZE, epochs=1, shuffle=False, verbose=0)
    output_names = _output_names(model)
    return {
        "batch_size": reference_models.BATCH_SIZE,
        "x": {key: value.tolist() for key, value in zip(probe, x)},
        "y": {key: value.tolist() for key, value in zip(output_names, y)},
        "y_dtypes": {key: str(value.dtype) for key, value in zip(output_names, y)},
        "outputs": _predictions(model, probe),
    }


def check(in_dir):
    records = sorted(in_dir.glob("*.json"))
    if not records:
        print(f"FAIL no <model>.json records in {in_dir}")
        return 1
    failures = checked = 0
    for record_path in records:
        record = json.loads(record_path.read_text())
        for file in record["files"]:
            checked += 1
            try:
                detail = check_file(in_dir / file, record)
                print(f"PASS {file}: {detail}")
            except Exception as error:  # report every file, then fail at the end
                failures += 1
                print(f"FAIL {file}: {type(error).__name__}: {error}")
                traceback.print_exc(limit=3, file=sys.stdout)
    print(f"{failures} of {checked} files failed")
    return 1 if failures else 0


def check_file(path, record):
    """Loads one file in Keras and compares it with its record; returns what was checked."""
    name = record["model"]
    if is_weights_only(path):
        model = reference_models.build(name)
        if path.name.endswith(".weights.h5"):
            # Built, the optimizer takes its state (iterations, slots) from the file too.
            model.optimizer.build(model.trainable_variables)
        model.load_weights(path)
    elif path.suffix == ".keras":
        model = keras.saving.load_model(path)
    else:
        # Keras 3 cannot compile from its own legacy training config when a loss is a name such as
        # 'mse' ("Could not deserialize 'keras.metrics.mse'"): load the model alone, and check the
        # training config as data below.
        model = keras.saving.load_model(path, compile=False)
    if [layer.name for layer in model.layers] != record["layer_names"]:
        raise AssertionError(f"layer names {[layer.name for layer in model.layers]} != {record['layer_names']}")
    difference = compare_predictions(model, record)
    detail = f"predictions within {difference:.2e}"
    if path.suffix == ".keras":
        detail += "; " + check_training_state(model, record)
    elif path.name.endswith(".weights.h5"):
        if int(model.optimizer.iterations) != record["optimizer"]["iterations"]:
            raise AssertionError(f"optimizer iterations {int(model.optimizer.iterations)} != {record['optimizer']['iterations']}")
        detail += f"; optimizer state restored at iteration {record['optimizer']['iterations']}"
    elif not is_weights_only(path):
        detail += "; " + check_legacy_training_config(path, record)
    return detail


def compare_predictions(model, record):
    """The largest scaled difference between the model's predictions and the record's."""
    inputs = [np.asarray(v, dtype="float32") for v in record["inputs"].values()]
    got = model.predict(_unwrap(inputs), verbose=0)
    got = got if isinstance(got, (list, tuple)) else [got]
    wanted = [np.asarray(v, dtype="float32") for v in record["outputs"].values()]
    if len(got) != len(wanted):
        raise AssertionError(f"{len(got)} outputs, the record has {len(wanted)}")
    worst = 0.0
    for key, g, w in zip(record["outputs"], got, wanted):
        if g.shape != w.shape:
            raise AssertionError(f"output {key}: shape {g.shape} != recorded {w.shape}")
        worst = max(worst, float(np.max(np.abs(g - w))) / max(1.0, float(np.max(np.abs(w)))))
    if worst > TOLERANCE:
        raise AssertionError(f"predictions differ by {worst:.3e} (tolerance {TOLERANCE})")
    return worst


def check_training_state(model, record):
    """The restored optimizer matches the record, and training goes on from it."""
    optimizer, wanted = model.optimizer, record["optimizer"]
    if optimizer is None:
        raise AssertionError("the model was not compiled on load")
    if type(optimizer).__name__ != wanted["class_name"]:
        raise AssertionError(f"optimizer {type(optimizer).__name__} != {wanted['class_name']}")
    if not np.isclose(float(optimizer.learning_rate), wanted["learning_rate"], rtol=1e-6):
        raise AssertionError(f"learning rate {float(optimizer.learning_rate)} != {wanted['learning_rate']}")
    if int(optimizer.iterations) != wanted["iterations"]:
        raise AssertionError(f"iterations {int(optimizer.iterations)} != {wanted['iterations']}")
    if model.loss != record["loss"]:
        raise AssertionError(f"loss {model.loss!r} != {record['loss']!r}")
    resume = record.get("resume")
    if resume:
        x = [np.asarray(v, dtype="float32") for v in resume["x"].values()]
        y = [np.asarray(v, dtype=resume["y_dtypes"][k]) for k, v in resume["y"].items()]
    else:
        x, y = reference_models.training_data(record["model"])
    history = model.fit(_unwrap(x), _unwrap(y), batch_size=reference_models.BATCH_SIZE, epochs=1, shuffle=False, verbose=0)
    loss = history.history["loss"][-1]
    steps = int(optimizer.iterations) - wanted["iterations"]
    if not np.isfinite(loss) or steps != len(x[0]) // reference_models.BATCH_SIZE:
        raise AssertionError(f"training on: loss {loss}, {steps} steps")
    detail = f"{wanted['class_name']} lr {wanted['learning_rate']:g} at iteration {wanted['iterations']}, loss {json.dumps(record['loss'])}, trains on (loss {loss:.4f})"
    if resume:
        difference = compare_predictions(model, {**record, "outputs": resume["outputs"]})
        detail += f", one more epoch matches the writer's within {difference:.2e}"
    return detail


def is_weights_only(path):
    """A Keras 3 `.weights.h5`, or a legacy `.h5` written by `save_weights` (no `model_config`)."""
    if path.suffix != ".h5" or path.name.endswith(".weights.h5"):
        return path.suffix == ".h5"
    with h5py.File(path, "r") as file:
        return "model_config" not in file.attrs


def check_legacy_training_config(path, record):
    """A legacy file's `training_config` attribute names the recorded optimizer and learning rate."""
    with h5py.File(path, "r") as file:
        if "training_config" not in file.attrs:
            raise AssertionError("no training_config attribute")
        config = json.loads(file.attrs["training_config"])
    optimizer, wanted = config["optimizer_config"], record["optimizer"]
    # tf.keras 2.11+ writes its optimizers' registered names, e.g. 'Custom>Adam'.
    if optimizer["class_name"].split(">")[-1] != wanted["class_name"]:
        raise AssertionError(f"training_config optimizer {optimizer['class_name']} != {wanted['class_name']}")
    if not np.isclose(optimizer["config"]["learning_rate"], wanted["learning_rate"], rtol=1e-6):
        raise AssertionError(f"training_config learning rate {optimizer['config']['learning_rate']} != {wanted['learning_rate']}")
    if config["loss"] != record["loss"]:
        raise AssertionError(f"training_config loss {config['loss']!r} != {record['loss']!r}")
    return f"training_config: {optimizer['class_name']} lr {wanted['learning_rate']:g}, loss {json.dumps(config['loss'])}"


def _predictions(model, inputs):
    """The model's predictions on `inputs` (by input name), by output layer name."""
    outputs = model.predict(_unwrap(list(inputs.values())), verbose=0)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    return {key: np.asarray(value, dtype="float32").tolist() for key, value in zip(_output_names(model), outputs)}


def _output_names(model):
    """The names of the layers that produce the outputs, as kerasm's `outputNames`."""
    # Keras 3 records the operation that made a tensor, tf.keras 2 the layer.
    histories = [tensor._keras_history for tensor in model.outputs]
    return [(getattr(history, "operation", None) or history.layer).name for history in histories]


def _unwrap(values):
    return values[0] if len(values) == 1 else values


def main(argv):
    if len(argv) >= 2 and argv[1] == "generate":
        generate(pathlib.Path(argv[2]) if len(argv) > 2 else DEFAULT_DIR)
        return 0
    if len(argv) == 3 and argv[1] == "check":
        return check(pathlib.Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
