"""Keras Applications for kerasm's test (tests/saving/applications.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/applications_fixtures.py [FAMILY ... | files]

For one model of each family of keras.applications (Keras 3 on the JAX CPU backend), built with
`weights=None` at the smallest input size the family accepts (and its smallest width where it has
one), the script writes tests/fixtures/applications/<family>.json.gz: the model's `config.json` as
`model.save()` writes it, the Keras weight list (path, shape, dtype) with, for each weight, the
range of the formula that sets it (kernels calibrated on the input, see `calibrated_ranges`), the
range of the formula input, Keras's prediction on that input, and how far float32 rounding alone
moves that prediction (`sensitivity`). No weight file is stored: every value comes from
`formula_values` below, which the test computes identically in TypeScript
(tests/helpers/formula_values.ts), so kerasm rebuilds the same model from the config alone.
tests/fixtures/applications/README.md describes the files.

It also saves two real files as a user saves them, each with <name>.keras.json (the formula
input's range and Keras's prediction): mobilenet.keras (MobileNet, alpha 0.25, 32x32, 10 classes,
softmax, the calibrated formula's weights: 1.2 MB, where MobileNetV2 at alpha 0.35 takes 2.3 MB) and
efficientnet_preprocessing.keras (EfficientNet's stem as its ImageNet build writes it: Rescaling, a
Normalization adapted on formula data, whose statistics the file holds, and a per-channel
Rescaling; then a convolution with Keras's initial weights from seed 0).
The `.json.gz` files are gzipped with a zero timestamp, so a rerun writes the same bytes; the
`.keras` files differ from run to run in their `date_saved` and Keras's `shared_object_id`s only.
"""
import gzip
import json
import math
import os
import pathlib
import sys
import tempfile
import zipfile

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "applications"
A = keras.applications
BATCH = 2
# Families that take raw pixels (they rescale inside the model) get inputs in [0, 255); the others
# expect their `preprocess_input` applied outside, so inputs in [-1, 1).
PIXELS = (0.0, 255.0)
UNIT = (-1.0, 1.0)

# family → (constructor, smallest input size, width options, input range)
FAMILIES = {
    "xception": (A.Xception, 71, {}, UNIT),
    "vgg16": (A.VGG16, 32, {}, UNIT),
    "resnet50": (A.ResNet50, 32, {}, UNIT),
    "resnet50_v2": (A.ResNet50V2, 32, {}, UNIT),
    "inception_v3": (A.InceptionV3, 75, {}, UNIT),
    "inception_resnet_v2": (A.InceptionResNetV2, 75, {}, UNIT),
    "mobilenet": (A.MobileNet, 32, {"alpha": 0.25}, UNIT),
    "mobilenet_v2": (A.MobileNetV2, 32, {"alpha": 0.35}, UNIT),
    "mobilenet_v3_small": (A.MobileNetV3Small, 32, {"alpha": 0.75}, PIXELS),
    "densenet121": (A.DenseNet121, 32, {}, UNIT),
    "nasnet_mobile": (A.NASNetMobile, 32, {}, UNIT),
    "efficientnet_b0": (A.EfficientNetB0, 32, {}, PIXELS),
    "efficientnet_v2_b0": (A.EfficientNetV2B0, 32, {}, PIXELS),
    "convnext_tiny": (A.ConvNeXtTiny, 32, {}, PIXELS),
}
# Ten logits instead of a thousand softmax outputs: smaller models, and differences in the logits
# are not squashed by a softmax.
TOP = {"classes": 10, "classifier_activation": None}


def hash_uniform(seed, n):
    """n values in [0, 1) with 24 random bits: lowbias32 (Chris Wellons) of seed * golden ratio + i."""
    mask = np.uint64(0xFFFFFFFF)
    x = (np.arange(n, dtype=np.uint64) + np.uint64(seed) * np.uint64(0x9E3779B9)) & mask
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & mask
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & mask
    x ^= x >> np.uint64(16)
    return (x >> np.uint64(8)).astype(np.float64) / 16777216.0


def formula_values(seed, shape, low, high, dtype="float32"):
    """low + (high - low) * u, computed in float64 and rounded once to the dtype."""
    u = hash_uniform(seed, math.prod(shape))
    return (low + (high - low) * u).reshape(shape).astype(dtype)


def weight_range(variable):
    """The formula's range for a weight, from its name: activations keep a unit scale, variances stay positive."""
    name, shape = variable.name, tuple(variable.shape)
    if "int" in variable.dtype:
        return 0.0, 0.0
    if name in ("moving_variance", "variance"):
        return 0.5, 1.5
    if name == "gamma":
        return 0.8, 1.2
    if name in ("beta", "bias", "moving_mean", "mean"):
        return -0.1, 0.1
    if len(shape) >= 2:  # kernels: He-uniform over all but the last axis (then scaled by calibrated_ranges)
        limit = math.sqrt(6.0 / math.prod(shape[:-1]))
        return -limit, limit
    return 0.5, 1.0  # other vectors (ConvNeXt's layer scale)


def set_formula_weights(model, ranges):
    """Every weight from the formula, weight i (of `model.weights`) with seed i + 1 and its range."""
    model.set_weights([formula_values(i + 1, tuple(v.shape), *r, v.dtype) for i, (v, r) in enumerate(zip(model.weights, ranges))])
    for layer in model._flatten_layers(include_self=False):
        if hasattr(layer, "finalize_state"):
            layer.finalize_state()  # Normalization reads its statistics from its weights only then (as on loading)


def calibrated_ranges(model, x):
    """The formula's ranges, with each convolution's and dense layer's kernel range scaled so that the
    layer's output on `x` has a standard deviation of 1; sets the weights. Without it, at these input
    sizes (a 3x3 kernel mostly meets padding) the part of the activations that depends on the input
    fades under the biases within a few blocks of the depthwise families, and their predictions
    hardly depend on the input. The graph is run once, layer by layer, each layer calibrated on the
    outputs of the layers before it already calibrated."""
    ranges = [weight_range(v) for v in model.weights]
    set_formula_weights(model, ranges)
    position = {id(v): i for i, v in enumerate(model.weights)}

    def calibrate(layer):
        kernel = kernel_of(layer)
        if kernel is None:
            return layer

        def call(*args, **kwargs):
            i = position[id(kernel)]
            factor = 1.0 / float(np.std(layer(*args, **kwargs)))
            ranges[i] = (ranges[i][0] * factor, ranges[i][1] * factor)
            kernel.assign(formula_values(i + 1, tuple(kernel.shape), *ranges[i]))
            return layer(*args, **kwargs)

        return call

    model._run_through_graph(x, operation_fn=calibrate)
    return ranges


def kernel_of(layer):
    """The weight that sets a layer's output scale: the last of rank 2 or more (a separable convolution's
    pointwise kernel); none for an operation node, or a nested model, whose layers keep the plain formula."""
    if not isinstance(layer, keras.layers.Layer) or isinstance(layer, keras.Model):
        return None
    kernels = [w for w in layer.weights if len(w.shape) >= 2]
    return kernels[-1] if kernels else None


def describe_weights(model, ranges):
    return [{"path": v.path, "shape": list(v.shape), "dtype": v.dtype, "low": r[0], "high": r[1]} for v, r in zip(model.weights, ranges)]


def saved_config(model):
    """`config.json` as `model.save()` writes it (with `build_config` and `compile_config`)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "model.keras"
        model.save(path)
        return renumber_shared_objects(json.loads(zipfile.ZipFile(path).read("config.json")))


def renumber_shared_objects(config):
    """Keras tags an object several layers share (their dtype policy) with its Python `id()`, which
    changes from run to run: number them 1, 2, ... in order of appearance instead."""
    ids = {}

    def walk(value):
        if isinstance(value, dict):
            return {k: ids.setdefault(v, len(ids) + 1) if k == "shared_object_id" else walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(config)


def formula_input(size, input_range):
    """The input: the formula of seed 0, a batch of BATCH images; with its description."""
    shape = (BATCH, size, size, 3)
    return formula_values(0, shape, *input_range), {"seed": 0, "shape": list(shape), "low": input_range[0], "high": input_range[1]}


def outputs(y):
    return {"shape": list(y.shape), "values": [float(v) for v in np.asarray(y, dtype=np.float32).ravel()]}


def sensitivity(model, x, y):
    """How far float32 rounding alone moves Keras's own prediction: the largest change of the output,
    relative to its largest value, when every input value moves by one unit in the last place
    (up and down in turn). The calibrated EfficientNets amplify it to a few 1e-5."""
    signs = np.where(np.arange(x.size) % 2 == 0, 1.0, -1.0).reshape(x.shape)
    nudged = model.predict((x * (1 + signs * 2.0**-23)).astype(np.float32), verbose=0)
    return float(np.abs(nudged - y).max() / np.abs(y).max())


def family_fixture(family):
    build, size, width, input_range = FAMILIES[family]
    options = {"weights": None, "input_shape": [size, size, 3], **TOP, **width}
    keras.backend.clear_session()  # layer names (`input_layer`, `normalization`) as in a fresh session
    model = build(**{**options, "input_shape": (size, size, 3)})
    x, described_input = formula_input(size, input_range)
    ranges = calibrated_ranges(model, x)
    y = model.predict(x, verbose=0)
    return {
        "framework": f"keras {keras.__version__} ({keras.backend.backend()})",
        "application": f"keras.applications.{build.__name__}",
        "options": options,
        "config": saved_config(model),
        "weights": describe_weights(model, ranges),
        "input": described_input,
        "output": outputs(y),
        "sensitivity": sensitivity(model, x, y),
    }


def write_gzip(path, record):
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write((json.dumps(record, separators=(",", ":")) + "\n").encode())


def real_files():
    """Models as a user saves them: each `.keras` file and its prediction."""
    for name, build, size, input_range in [("mobilenet", mobilenet, 32, UNIT), ("efficientnet_preprocessing", efficientnet_preprocessing, 8, PIXELS)]:
        keras.backend.clear_session()
        keras.utils.set_random_seed(0)
        x, described_input = formula_input(size, input_range)
        model = build(x)
        model.save(OUT_DIR / f"{name}.keras")
        record = {"framework": f"keras {keras.__version__} ({keras.backend.backend()})", "input": described_input, "output": outputs(model.predict(x, verbose=0))}
        (OUT_DIR / f"{name}.keras.json").write_text(json.dumps(record) + "\n")
        print(f"{name}.keras")


def mobilenet(x):
    """With the calibrated formula's weights: from Keras's initial ones (identity batch norms) its activations fade
    to nothing, and every prediction would be the same 0.1."""
    model = A.MobileNet(weights=None, input_shape=(32, 32, 3), alpha=0.25, classes=10)
    calibrated_ranges(model, x)
    return model


def efficientnet_preprocessing(_x):
    """EfficientNet's stem as its ImageNet build writes it: Rescaling, an adapted Normalization, a
    per-channel Rescaling; then a convolution with Keras's initial weights (from seed 0)."""
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Rescaling(1.0 / 255.0)(inputs)
    normalization = keras.layers.Normalization(axis=-1)
    normalization.adapt(formula_values(99, (16, 8, 8, 3), *PIXELS) / 255.0)
    x = normalization(x)
    x = keras.layers.Rescaling([1.0 / math.sqrt(stddev) for stddev in (0.229, 0.224, 0.225)])(x)
    x = keras.layers.Conv2D(4, 3, strides=2, use_bias=False)(x)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.Activation("swish")(x)
    return keras.Model(inputs, keras.layers.GlobalAveragePooling2D()(x))


def main(names):
    """Every family and the real files, or only those named (a family, or `files` for the real files)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    families = [n for n in names if n != "files"] if names else list(FAMILIES)
    for family in families:
        record = family_fixture(family)
        write_gzip(OUT_DIR / f"{family}.json.gz", record)
        print(f"{family}: {len(record['weights'])} weights, output {record['output']['shape']}")
    if not names or "files" in names:
        real_files()


if __name__ == "__main__":
    main(sys.argv[1:])
