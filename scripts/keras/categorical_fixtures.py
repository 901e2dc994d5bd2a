"""Golden values from real Keras for kerasm's categorical preprocessing layers
(tests/layers/preprocessing/categorical_fixtures.test.ts): CategoryEncoding, Discretization,
Hashing and HashedCrossing.

Run (from the repository root, in the venv of requirements-layers.txt, which has TensorFlow:
Hashing and HashedCrossing call TensorFlow's string ops whatever the backend):
    KERAS_BACKEND=tensorflow /tmp/kenv-layers/bin/python scripts/keras/categorical_fixtures.py

Writes tests/fixtures/categorical/categorical.json: for every case, the layer's Keras config (kerasm
builds the layer from it), the input(s) as values, shape and dtype, and the output. Discretization
cases with `adapt` also hold the adapt data and the boundaries Keras learned. Also writes
preprocessing.keras, a Functional model with the four layers inside, and preprocessing.json, its
inputs and Keras's predictions. The other direction, Keras reading kerasm's file:
    KERAS_BACKEND=tensorflow /tmp/kenv-layers/bin/python scripts/keras/categorical_fixtures.py check FILE.keras
"""
import json
import os
import pathlib
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "categorical" / "categorical.json"
WORDS = ["apple", "banana", "", "cherry", "héllo wörld", "a much longer string that passes sixty-four bytes of UTF-8 text..", "banana"]


def described(x):
    """An input as the fixture holds it: flat values, shape and kerasm's dtype."""
    x = np.asarray(x)
    dtype = "string" if x.dtype.kind in "US" else ("int32" if x.dtype.kind == "i" else "float32")
    return {"values": x.reshape(-1).tolist(), "shape": list(x.shape), "dtype": dtype}


def case(name, layer, inputs, count_weights=None, **extra):
    output = np.asarray(layer(inputs) if count_weights is None else layer(inputs, count_weights=count_weights))
    many = isinstance(inputs, list)
    return {
        "name": name,
        "class_name": type(layer).__name__,
        "config": keras.saving.serialize_keras_object(layer)["config"],
        "inputs": [described(x) for x in inputs] if many else described(inputs),
        "output": {"values": output.reshape(-1).tolist(), "shape": list(output.shape)},
        **({} if count_weights is None else {"count_weights": described(count_weights)}),
        **extra,
    }


def category_encoding_cases():
    ids = np.array([[0, 1, 1, 3], [2, 2, 3, 0]], dtype="int32")
    layers = keras.layers
    weights = np.array([[0.5, 1.0, 2.0, 1.0], [1.0, 1.0, 1.0, 0.25]], dtype="float32")
    return [
        case("CategoryEncoding multi_hot", layers.CategoryEncoding(4), ids),
        case("CategoryEncoding count", layers.CategoryEncoding(5, "count"), ids),
        case("CategoryEncoding one_hot, [batch, 1]", layers.CategoryEncoding(4, "one_hot"), ids[:, :1]),
        case("CategoryEncoding one_hot, [batch]", layers.CategoryEncoding(4, "one_hot"), ids[:, 0]),
        case("CategoryEncoding multi_hot, a vector is one sample", layers.CategoryEncoding(4), ids[0]),
        case("CategoryEncoding count with count_weights", layers.CategoryEncoding(4, "count"), ids, count_weights=weights),
    ]


def hashing_cases():
    layers = keras.layers
    words = np.array(WORDS)
    ints = np.array([[0, 1, 42], [-7, 123456789, 2147483647]], dtype="int32")
    return [
        case("Hashing strings", layers.Hashing(num_bins=7), words),
        case("Hashing strings [batch, 1]", layers.Hashing(num_bins=1000), words[:, None]),
        case("Hashing strings, salt 133", layers.Hashing(num_bins=7, salt=133), words),
        case("Hashing strings, salt pair", layers.Hashing(num_bins=1000, salt=[11, 987654321]), words),
        case("Hashing strings, mask ''", layers.Hashing(num_bins=5, mask_value=""), words),
        case("Hashing integers", layers.Hashing(num_bins=11), ints),
        case("Hashing integers, salt, mask 42", layers.Hashing(num_bins=11, salt=5, mask_value=42), ints),
        case("Hashing floats truncate", layers.Hashing(num_bins=11), np.array([1.7, -2.5, 3.0], dtype="float32")),
        case("Hashing multi_hot", layers.Hashing(num_bins=6, output_mode="multi_hot"), words.reshape(1, 7)),
        case("Hashing count", layers.Hashing(num_bins=6, output_mode="count"), ints),
        case("Hashing one_hot", layers.Hashing(num_bins=6, output_mode="one_hot"), words[:, None]),
    ]


def hashed_crossing_cases():
    layers = keras.layers
    a = np.array(["a", "b", "hello", "", "b"])
    b = np.array([1, 2, -30, 4, 2], dtype="int32")
    c = np.array(["x", "y", "z", "x", "y"])
    return [
        case("HashedCrossing strings x integers", layers.HashedCrossing(num_bins=10), [a, b]),
        case("HashedCrossing three features [batch, 1]", layers.HashedCrossing(num_bins=1000), [a[:, None], b[:, None], c[:, None]]),
        case("HashedCrossing one_hot", layers.HashedCrossing(num_bins=5, output_mode="one_hot"), [b, a]),
        case("HashedCrossing scalars", layers.HashedCrossing(num_bins=100), [np.array("a"), np.array(3, dtype="int32")]),
    ]


def adapted(name, data, x, **kwargs):
    layer = keras.layers.Discretization(**kwargs)
    layer.adapt(data)
    return case(name, layer, x, adapt={"values": np.asarray(data).reshape(-1).tolist(), "shape": list(np.asarray(data).shape)},
                boundaries=list(layer.bin_boundaries))


def discretization_cases():
    layers = keras.layers
    x = np.array([[-1.5, 0.0, 0.2], [1.0, 2.5, 0.99]], dtype="float32")
    rng = np.random.RandomState(0)
    normal = np.round(rng.normal(size=(1000, 1)), 4).astype("float32")
    skewed = np.round(rng.exponential(size=(250, 2)), 4).astype("float32")
    return [
        case("Discretization boundaries", layers.Discretization(bin_boundaries=[0.0, 1.0]), x),
        case("Discretization one_hot", layers.Discretization(bin_boundaries=[0.0, 0.5, 1.0], output_mode="one_hot"), x),
        case("Discretization multi_hot", layers.Discretization(bin_boundaries=[0.0, 0.5, 1.0], output_mode="multi_hot"), x),
        case("Discretization count", layers.Discretization(bin_boundaries=[0.0, 0.5, 1.0], output_mode="count"), x),
        adapted("Discretization adapt, 4 bins of 1000 normal values", normal, x, num_bins=4),
        adapted("Discretization adapt, 5 bins, epsilon 0.05", skewed, x, num_bins=5, epsilon=0.05),
        adapted("Discretization adapt, few values", np.array([3.0, 1.0, 2.0, 5.0, 4.0], dtype="float32"), x, num_bins=3),
        adapted("Discretization adapt, 10 bins, epsilon 0.001", normal, x, num_bins=10, epsilon=0.001),
    ]


MODEL_INPUTS = {
    "word": np.array([["apple"], ["banana"], [""], ["cherry"], ["héllo"]]),
    "count": np.array([[1], [2], [3], [2], [-5]], dtype="int32"),
    "value": np.array([[-1.0], [0.1], [0.5], [2.0], [0.25]], dtype="float32"),
}


def preprocessing_model():
    """A Functional model with the four layers inside, as a user saves its preprocessing with it."""
    word = keras.Input(shape=(1,), dtype="string", name="word")
    count = keras.Input(shape=(1,), dtype="int32", name="count")
    value = keras.Input(shape=(1,), name="value")
    hashed = keras.layers.Hashing(16, salt=3, name="hashed")(word)
    words = keras.layers.CategoryEncoding(16, "multi_hot", name="words")(hashed)
    crossed = keras.layers.HashedCrossing(8, "one_hot", name="crossed")([word, count])
    bins = keras.layers.Discretization(num_bins=4, output_mode="one_hot", name="bins")
    bins.adapt(np.linspace(-2, 2, 101).astype("float32"))
    features = keras.layers.Concatenate()([words, crossed, bins(value)])
    outputs = keras.layers.Dense(1, kernel_initializer=keras.initializers.RandomNormal(seed=7), name="score")(features)
    return keras.Model([word, count, value], outputs)


def predictions(model):
    import tensorflow as tf  # predict() refuses NumPy string arrays; a direct call takes TensorFlow tensors

    return np.asarray(model([tf.constant(MODEL_INPUTS[k]) for k in ("word", "count", "value")])).reshape(-1).tolist()


def write_model():
    """tests/fixtures/categorical/preprocessing.keras and the predictions Keras makes with it."""
    model = preprocessing_model()
    model.save(OUT.parent / "preprocessing.keras")
    inputs = {k: described(v) for k, v in MODEL_INPUTS.items()}
    (OUT.parent / "preprocessing.json").write_text(json.dumps({"inputs": inputs, "outputs": predictions(model)}, ensure_ascii=False) + "\n")


def check(path):
    """Keras loads a kerasm-written model (preprocessing.keras re-saved) and predicts what Keras's own file does."""
    expected = json.loads((OUT.parent / "preprocessing.json").read_text())["outputs"]
    got = predictions(keras.saving.load_model(path))
    ok = np.allclose(got, expected, atol=1e-5)
    print(f"{'PASS' if ok else 'FAIL'} {path}: {got} vs {expected}")
    sys.exit(0 if ok else 1)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        return check(sys.argv[2])
    cases = category_encoding_cases() + hashing_cases() + hashed_crossing_cases() + discretization_cases()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"keras_version": keras.__version__, "cases": cases}, ensure_ascii=False) + "\n")
    write_model()
    print(f"wrote {len(cases)} cases and preprocessing.keras to {OUT.parent}")


if __name__ == "__main__":
    main()
