"""`keras.ops` on symbolic tensors: what Keras 3 records, for kerasm's tests (tests/ops/symbolic_keras.test.ts,
tests/models/op_nodes.test.ts).

    python scripts/keras/ops_fixtures.py generate [DIR]   # default tests/fixtures/ops
    python scripts/keras/ops_fixtures.py check DIR

`generate` writes, with Keras 3.15.1 on JAX:
- `symbolic_ops.json`: for every case of CASES (one op applied to `keras.Input`s, mirrored in
  scripts/keras/ops_cases.ts), the inputs' specs, the output's shape and dtype, the Functional
  config of `keras.Model(inputs, output)` (whose last layer is the op's node), fixed probe inputs
  and Keras's predictions on them;
- for every model of MODELS (layers and ops mixed, as Keras users write them), `<model>.keras`
  and `<model>.json`: the files, `layer_names` (`model.layers`, which leaves the ops out),
  `operations` (`[name, class]` of every layer and op, the rows of Keras's summary), probe
  `inputs` by input name and Keras's `outputs` by output name.

`check` reads every `<model>.json` in DIR (the same schema; kerasm writes them with
scripts/keras/write_kerasm_ops_models.ts), loads each `.keras` file it lists in Keras and compares
the layer names, the operations and the predictions. It prints PASS or FAIL per file and exits
non-zero if any failed.

Run it in the venv of scripts/keras/requirements.txt (see tests/fixtures/ops/README.md).
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import json
import pathlib
import sys
import traceback

import numpy as np

import keras
from keras import layers, ops

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_DIR = REPO / "tests" / "fixtures" / "ops"
PROBE_SAMPLES = 3
TOLERANCE = 1e-5  # max |got - want|, relative to max(1, max |want|)


def spec(name, shape, dtype="float32", low=-2.0, high=2.0, batch_size=None):
    """One `keras.Input` of a case: its name, shape, dtype, the range of its probe values and a fixed batch size."""
    return {"name": name, "shape": list(shape), "dtype": dtype, "low": low, "high": high, "batch_size": batch_size}


def constant(*shape):
    """A float32 constant the TypeScript mirror rebuilds exactly: ((i % 7) - 3) / 4 in row-major order."""
    values = (np.arange(int(np.prod(shape))) % 7 - 3) / 4
    return ops.convert_to_tensor(values.reshape(shape).astype("float32"))


X3 = [spec("x", (3,))]
X23 = [spec("x", (2, 3))]
XY3 = [spec("x", (3,)), spec("y", (3,))]
POSITIVE3 = [spec("x", (3,), low=0.1)]
IDS3 = [spec("ids", (3,), "int32", 0, 5)]
IMAGE = [spec("x", (4, 4, 2))]

# name: (input specs, the op applied to the inputs). Mirrored in scripts/keras/ops_cases.ts.
CASES = {
    "negative": (X3, lambda x: ops.negative(x)),
    "exp": (X3, lambda x: ops.exp(x)),
    "log": (POSITIVE3, lambda x: ops.log(x)),
    "sqrt": (POSITIVE3, lambda x: ops.sqrt(x)),
    "square": (X3, lambda x: ops.square(x)),
    "abs": (X3, lambda x: ops.abs(x)),
    "tanh": (X3, lambda x: ops.tanh(x)),
    "relu": (X3, lambda x: ops.relu(x)),
    "sigmoid": (X3, lambda x: ops.sigmoid(x)),
    "erf": (X3, lambda x: ops.erf(x)),
    "add_scalar": (X3, lambda x: ops.add(x, 1.0)),
    "subtract_broadcast": ([spec("x", (2, 3)), spec("y", (1, 3))], lambda x, y: ops.subtract(x, y)),
    "multiply": (XY3, lambda x, y: ops.multiply(x, y)),
    "divide_scalar": (X3, lambda x: ops.divide(x, 2.0)),
    "maximum_scalar": (X3, lambda x: ops.maximum(x, 0.5)),
    "minimum": (XY3, lambda x, y: ops.minimum(x, y)),
    "equal": (IDS3, lambda ids: ops.equal(ids, 0)),
    "not_equal": (IDS3, lambda ids: ops.not_equal(ids, 0)),
    "greater": (X3, lambda x: ops.greater(x, 0.5)),
    "greater_equal": (XY3, lambda x, y: ops.greater_equal(x, y)),
    "less": (XY3, lambda x, y: ops.less(x, y)),
    "less_equal": (X3, lambda x: ops.less_equal(x, 0.0)),
    "where": ([spec("c", (3,), low=-1.0, high=1.0), spec("x", (3,)), spec("y", (3,))], lambda c, x, y: ops.where(c, x, y)),
    "clip": (X3, lambda x: ops.clip(x, -0.5, 0.5)),
    "cast_to_int": (X3, lambda x: ops.cast(x, "int32")),
    "cast_to_float": (IDS3, lambda ids: ops.cast(ids, "float32")),
    "matmul": ([spec("x", (2, 3)), spec("y", (3, 4))], lambda x, y: ops.matmul(x, y)),
    "matmul_constant": (X3, lambda x: ops.matmul(x, constant(3, 2))),
    "sum": (X23, lambda x: ops.sum(x, axis=1)),
    "mean_keepdims": (X23, lambda x: ops.mean(x, axis=-1, keepdims=True)),
    "max_axes": (X23, lambda x: ops.max(x, axis=[1, 2])),
    "min": (X23, lambda x: ops.min(x, axis=-1)),
    "argmax": (X23, lambda x: ops.argmax(x, axis=-1)),
    "argmin": (X23, lambda x: ops.argmin(x, axis=1)),
    "softmax": (X3, lambda x: ops.softmax(x)),
    "log_softmax": (X23, lambda x: ops.log_softmax(x, axis=1)),
    "reshape": (X23, lambda x: ops.reshape(x, (-1, 6))),
    "reshape_by_shape": (X23, lambda x: ops.reshape(x, (-1, ops.shape(x)[1] * ops.shape(x)[2]))),
    "transpose": (X23, lambda x: ops.transpose(x, (0, 2, 1))),
    "expand_dims": (X3, lambda x: ops.expand_dims(x, 1)),
    "squeeze": ([spec("x", (1, 3))], lambda x: ops.squeeze(x, axis=1)),
    "stack": (XY3, lambda x, y: ops.stack([x, y], axis=1)),
    "concatenate": ([spec("x", (2,)), spec("y", (3,))], lambda x, y: ops.concatenate([x, y], axis=-1)),
    "slice": ([spec("x", (2, 3), batch_size=PROBE_SAMPLES)], lambda x: ops.slice(x, [0, 0, 1], [PROBE_SAMPLES, 2, 2])),
    "take_list": ([spec("x", (4,))], lambda x: ops.take(x, [0, 2], axis=1)),
    "take_from_constant": (IDS3, lambda ids: ops.take(constant(5, 2), ids, axis=0)),
    "one_hot": (IDS3, lambda ids: ops.one_hot(ids, 5)),
    "pad": (X23, lambda x: ops.pad(x, ((0, 0), (1, 1), (0, 2)))),
    "pad_value": (X23, lambda x: ops.pad(x, ((0, 0), (1, 0), (0, 1)), constant_values=2.0)),
    "repeat": (X3, lambda x: ops.repeat(x, 2, axis=1)),
    "add_arange": (X3, lambda x: ops.add(x, ops.arange(3, dtype="float32"))),
    "multiply_ones": (X3, lambda x: ops.multiply(x, ops.ones((3,)))),
    "max_pool": (IMAGE, lambda x: ops.max_pool(x, 2, strides=2)),
    "average_pool_same": (IMAGE, lambda x: ops.average_pool(x, 3, strides=2, padding="same")),
    "conv": (IMAGE, lambda x: ops.conv(x, constant(2, 2, 2, 3), padding="same")),
    "conv_transpose": (IMAGE, lambda x: ops.conv_transpose(x, constant(2, 2, 3, 2), strides=2)),
    "depthwise_conv": (IMAGE, lambda x: ops.depthwise_conv(x, constant(2, 2, 2, 2))),
    "separable_conv": (IMAGE, lambda x: ops.separable_conv(x, constant(2, 2, 2, 1), constant(1, 1, 2, 3))),
    # Added after the others, so that their probe seeds (from their position) stay as they were.
    "stack_negative_axis": (XY3, lambda x, y: ops.stack([x, y], axis=-1)),
    "split_sections": (X23, lambda x: ops.split(x, 3, axis=-1)[1]),
    "split_indices": ([spec("x", (4,))], lambda x: ops.split(x, [1, 3], axis=1)[2]),
    "cumsum": (X23, lambda x: ops.cumsum(x, axis=1)),
    "cumprod": (X23, lambda x: ops.cumprod(x, axis=-1)),
    "top_k_values": (X23, lambda x: ops.top_k(x, 2)[0]),
    "top_k_indices": (X23, lambda x: ops.top_k(x, 2)[1]),
}


def probe(input_spec, seed):
    """Fixed probe values for one input: integers in [low, high) for int32, else uniform, rounded to 2 decimals."""
    rng = np.random.RandomState(seed)
    shape = (input_spec["batch_size"] or PROBE_SAMPLES, *input_spec["shape"])
    if input_spec["dtype"] == "int32":
        return rng.randint(input_spec["low"], input_spec["high"], size=shape).astype("int32")
    return np.round(rng.uniform(input_spec["low"], input_spec["high"], size=shape), 2).astype("float32")


def make_inputs(specs):
    return [keras.Input(s["shape"], name=s["name"], dtype=s["dtype"], batch_size=s["batch_size"]) for s in specs]


def case_record(specs, build, seed):
    keras.backend.clear_session()
    inputs = make_inputs(specs)
    output = build(*inputs)
    model = keras.Model(inputs, output)
    probes = [probe(s, seed + i) for i, s in enumerate(specs)]
    record = {
        "inputs": specs,
        "output": {"shape": list(output.shape), "dtype": output.dtype},
        "config": model.get_config(),
        "probe": [p.tolist() for p in probes],
    }
    try:
        record["prediction"] = np.asarray(model.predict(probes if len(probes) > 1 else probes[0], verbose=0)).tolist()
    except Exception as error:  # a Keras bug in the op's call: the record keeps the config and says why
        record["prediction"] = None
        record["prediction_error"] = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}".strip()
    return record


def masked_pooling():
    """The issue's model: the Embedding's mask reaches the pooling through a `NotEqual` op node."""
    inputs = keras.Input((None,), dtype="int32", name="tokens")
    x = layers.Embedding(10, 4, mask_zero=True, name="embedding")(inputs)
    x = layers.GlobalAveragePooling1D(name="pooling")(x)
    outputs = layers.Dense(1, name="score")(x)
    return keras.Model(inputs, outputs, name="masked_pooling")


def op_head():
    """Dense layers with element-wise, shape and reduction ops between them, and a constant."""
    inputs = keras.Input((6,), name="features")
    x = layers.Dense(8, name="hidden")(inputs)
    x = ops.add(ops.relu(x), 1.0)
    x = ops.multiply(x, ops.arange(8, dtype="float32") / 8)
    x = ops.transpose(ops.reshape(x, (-1, 2, 4)), (0, 2, 1))
    x = layers.Dense(3, name="logits")(ops.sum(x, axis=-1))
    return keras.Model(inputs, ops.softmax(x), name="op_head")


def two_branches():
    """Two inputs joined by comparison and selection ops; two outputs, one of them an op's."""
    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    chosen = ops.where(ops.greater(a, b), a, b)
    floor = ops.maximum(layers.Dense(4, name="project")(b), 0.5)
    joined = layers.Dense(2, name="joined")(ops.concatenate([chosen, floor], axis=-1))
    return keras.Model([a, b], [joined, ops.mean(chosen, axis=-1, keepdims=True)], name="two_branches")


def conv_ops():
    """A Conv2D followed by pooling and reshaping ops."""
    inputs = keras.Input((6, 6, 2), name="image")
    x = layers.Conv2D(3, 3, padding="same", name="conv")(inputs)
    x = ops.reshape(ops.max_pool(x, 2, strides=2), (-1, 27))
    return keras.Model(inputs, layers.Dense(2, name="out")(x), name="conv_ops")


MODELS = {"masked_pooling": masked_pooling, "op_head": op_head, "two_branches": two_branches, "conv_ops": conv_ops}
MODEL_PROBES = {
    "masked_pooling": {"tokens": [[1, 2, 0, 0], [3, 0, 0, 0], [4, 5, 6, 7]]},
}


def model_probe(model, name, seed):
    """Probe inputs by input name: the model's own for masked_pooling (zeros are padding), else uniform."""
    if name in MODEL_PROBES:
        return {key: np.asarray(value, dtype="int32") for key, value in MODEL_PROBES[name].items()}
    specs = [spec(t.name, t.shape[1:]) for t in model.inputs]
    return {s["name"]: probe(s, seed + i) for i, s in enumerate(specs)}


def generate(out_dir):
    out_dir.mkdir(parents=True, exist_ok=True)
    cases = {name: case_record(specs, build, 100 + 10 * i) for i, (name, (specs, build)) in enumerate(CASES.items())}
    (out_dir / "symbolic_ops.json").write_text(json.dumps({"written_by": written_by(), "cases": cases}) + "\n")
    print(f"wrote symbolic_ops.json: {len(cases)} cases")
    for i, (name, build) in enumerate(MODELS.items()):
        keras.backend.clear_session()
        keras.utils.set_random_seed(1234 + i)
        model = build()
        files = [f"{name}.keras"]
        model.save(out_dir / files[0])
        record = describe(model, name, files, model_probe(model, name, 500 + 10 * i))
        (out_dir / f"{name}.json").write_text(json.dumps(record) + "\n")
        print(f"wrote {name}: {files[0]}, {name}.json")


def written_by():
    return f"keras {keras.__version__} ({keras.backend.backend()})"


def describe(model, name, files, inputs):
    return {
        "model": name,
        "written_by": written_by(),
        "files": files,
        "layer_names": [layer.name for layer in model.layers],
        "operations": [[op.name, type(op).__name__] for op in model._operations],
        "inputs": {key: value.tolist() for key, value in inputs.items()},
        "outputs": predictions(model, inputs),
    }


def predictions(model, inputs):
    """The model's predictions on `inputs` (by input name), by output name (the producing layer or op)."""
    values = [np.asarray(v) for v in inputs.values()]
    outputs = model.predict(values if len(values) > 1 else values[0], verbose=0)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    names = [t._keras_history.operation.name for t in model.outputs]
    return {key: np.asarray(value, dtype="float32").tolist() for key, value in zip(names, outputs)}


def check(in_dir):
    records = sorted(p for p in in_dir.glob("*.json") if p.name != "symbolic_ops.json")
    if not records:
        print(f"FAIL no <model>.json records in {in_dir}")
        return 1
    failures = checked = 0
    for record_path in records:
        record = json.loads(record_path.read_text())
        for file in record["files"]:
            checked += 1
            try:
                print(f"PASS {file}: {check_file(in_dir / file, record)}")
            except Exception as error:  # report every file, then fail at the end
                failures += 1
                print(f"FAIL {file}: {type(error).__name__}: {error}")
                traceback.print_exc(limit=3, file=sys.stdout)
    print(f"{failures} of {checked} files failed")
    return 1 if failures else 0


def check_file(path, record):
    """Loads one `.keras` file in Keras and compares it with its record; returns what was checked."""
    model = keras.saving.load_model(path, compile=False)
    names = [layer.name for layer in model.layers]
    if names != record["layer_names"]:
        raise AssertionError(f"layer names {names} != {record['layer_names']}")
    operations = [[op.name, type(op).__name__] for op in model._operations]
    if operations != record["operations"]:
        raise AssertionError(f"operations {operations} != {record['operations']}")
    inputs = {key: np.asarray(value, dtype=model.get_layer(key).output.dtype) for key, value in record["inputs"].items()}
    got = predictions(model, inputs)
    worst = 0.0
    for key, want in record["outputs"].items():
        g, w = np.asarray(got[key]), np.asarray(want, dtype="float32")
        if g.shape != w.shape:
            raise AssertionError(f"output {key}: shape {g.shape} != recorded {w.shape}")
        worst = max(worst, float(np.max(np.abs(g - w))) / max(1.0, float(np.max(np.abs(w)))))
    if worst > TOLERANCE:
        raise AssertionError(f"predictions differ by {worst:.3e} (tolerance {TOLERANCE})")
    return f"{len(operations)} operations ({sum(1 for op in model._operations if not isinstance(op, keras.layers.Layer))} ops); predictions within {worst:.2e}"


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
