"""Golden values from real Keras for kerasm's StringLookup and IntegerLookup
(tests/layers/preprocessing/lookup_fixtures.test.ts), and the check that Keras reads kerasm's
`.keras` files with lookup layers (tests/saving/lookup_interop.test.ts runs it).

Keras's lookup layers need TensorFlow; run from the repository root with the layers venv
(scripts/keras/requirements-layers.txt):
    KERAS_BACKEND=tensorflow /tmp/kenv-layers/bin/python scripts/keras/lookup_fixtures.py
writes tests/fixtures/lookup/<case>.json for every case: the layer's config before `adapt`, the
data it adapts on (or none), the vocabulary, vocabulary size, TF-IDF weights and config after,
and the output on a fixed input; and string_lookup_model.keras / integer_lookup_model.keras,
Functional models with adapted and given lookup layers, each with a .json of its inputs and
Keras's outputs.
    KERAS_BACKEND=tensorflow /tmp/kenv-layers/bin/python scripts/keras/lookup_fixtures.py check DIR
loads each of those models that kerasm wrote into DIR and compares its outputs on the inputs of
the .json beside it with the outputs kerasm stored there: PASS or FAIL each, non-zero exit on a failure.
"""
import json
import os
import pathlib
import sys

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "lookup"
L = keras.layers

WORDS = [["the", "cat", "sat"], ["the", "dog", "sat"], ["a", "cat", "ran"], ["the", "zebra", "é"], ["é", "e", "🙂"], ["\uff21", "🙂", "a"]]
WORD_INPUT = [["the", "cat", "bird"], ["é", "🙂", "zzz"], ["\uff21", "", "dog"]]
NUMBERS = [[3, 5, 5], [5, 7, 9], [9, 9, 2], [12, 3, 7], [7, 40, 5]]
NUMBER_INPUT = [[3, 5, 0], [9, 100, -4], [40, 7, 11]]


def plain(value):
    """JSON-ready: tensors and arrays as nested lists, bytes as text, NumPy scalars as numbers."""
    if isinstance(value, (tf.Tensor, tf.Variable)):
        value = value.numpy()
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()] if value.ndim > 0 else plain(value.item())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float):
        return float(f"{value:.7g}")
    return value


def case(layer, inputs, adapt=None, input_dtype=None):
    config = layer.get_config()
    if adapt is not None:
        layer.adapt(np.array(adapt))
    output = layer(tf.constant(inputs, dtype=input_dtype))
    idf = getattr(layer, "idf_weights_const", None) if layer.output_mode == "tf_idf" else None
    return {
        "class_name": layer.__class__.__name__,
        "config": plain(config),
        "adapt": adapt,
        "inputs": inputs,
        "vocabulary": plain(layer.get_vocabulary()),
        "vocabulary_without_special_tokens": plain(layer.get_vocabulary(include_special_tokens=False)),
        "vocabulary_size": int(layer.vocabulary_size()),
        "idf_weights": None if idf is None else plain(idf),
        "config_after": plain(layer.get_config()),
        "output": plain(output),
        "output_shape": list(output.shape),
    }


CASES = {
    # IntegerLookup
    "integer_adapted": lambda: case(L.IntegerLookup(), NUMBER_INPUT, NUMBERS, "int64"),
    "integer_adapted_max_tokens_mask": lambda: case(L.IntegerLookup(max_tokens=5, mask_token=0), NUMBER_INPUT, NUMBERS, "int64"),
    "integer_floormod_oov": lambda: case(L.IntegerLookup(vocabulary=[4, 8, 15], num_oov_indices=3, mask_token=0), [[0, 4, 8], [5, 6, 7], [-1, 15, 16]], None, "int64"),
    "integer_no_oov": lambda: case(L.IntegerLookup(vocabulary=[4, 8, 15], num_oov_indices=0), [[4, 15], [8, 4]], None, "int64"),
    "integer_farmhash_oov": lambda: case(L.IntegerLookup(vocabulary=[4, 8], num_oov_indices=3, oov_method="farmhash"), NUMBER_INPUT, None, "int64"),
    "integer_salted_oov": lambda: case(L.IntegerLookup(vocabulary=[4, 8], num_oov_indices=5, oov_method="farmhash", salt=[3, 11]), NUMBER_INPUT, None, "int64"),
    "integer_invert": lambda: case(L.IntegerLookup(vocabulary=[4, 8, 15], invert=True, mask_token=0), [[0, 1, 2], [3, 4, 9]], None, "int64"),
    "integer_one_hot": lambda: case(L.IntegerLookup(output_mode="one_hot"), [[3], [5], [100]], NUMBERS, "int64"),
    "integer_multi_hot_mask": lambda: case(L.IntegerLookup(output_mode="multi_hot", mask_token=0), NUMBER_INPUT, NUMBERS, "int64"),
    "integer_count_padded": lambda: case(L.IntegerLookup(output_mode="count", max_tokens=10, pad_to_max_tokens=True), NUMBER_INPUT, NUMBERS, "int64"),
    "integer_tf_idf": lambda: case(L.IntegerLookup(output_mode="tf_idf"), NUMBER_INPUT, NUMBERS, "int64"),
    "integer_tf_idf_given": lambda: case(
        L.IntegerLookup(output_mode="tf_idf", vocabulary=[5, 9, 7], idf_weights=[0.5, 1.5, 2.25], max_tokens=6, pad_to_max_tokens=True), NUMBER_INPUT, None, "int64"),
    # StringLookup
    "string_adapted": lambda: case(L.StringLookup(), WORD_INPUT, WORDS),
    "string_adapted_mask_max_tokens": lambda: case(L.StringLookup(mask_token="", max_tokens=7), WORD_INPUT, WORDS),
    "string_given_with_special_tokens": lambda: case(L.StringLookup(vocabulary=["", "[UNK]", "cat", "the"], mask_token=""), WORD_INPUT),
    "string_hashed_oov": lambda: case(L.StringLookup(vocabulary=["cat", "the"], num_oov_indices=3), WORD_INPUT),
    "string_salted_oov_multi_hot": lambda: case(L.StringLookup(vocabulary=["cat", "the"], num_oov_indices=4, salt=7, output_mode="multi_hot"), WORD_INPUT),
    "string_invert": lambda: case(L.StringLookup(vocabulary=["cat", "the", "é"], invert=True, mask_token="[MASK]"), [[0, 1, 2], [3, 4, 7]], None, "int64"),
    "string_one_hot": lambda: case(L.StringLookup(output_mode="one_hot"), [["the"], ["cat"], ["nope"]], WORDS),
    "string_multi_hot": lambda: case(L.StringLookup(output_mode="multi_hot", mask_token=""), WORD_INPUT, WORDS),
    "string_count": lambda: case(L.StringLookup(output_mode="count"), WORD_INPUT, WORDS),
    "string_tf_idf": lambda: case(L.StringLookup(output_mode="tf_idf"), WORD_INPUT, WORDS),
    "string_tf_idf_padded": lambda: case(L.StringLookup(output_mode="tf_idf", max_tokens=12, pad_to_max_tokens=True), WORD_INPUT, WORDS),
}

def string_lookup_model():
    """StringLookups in a Functional model: adapted (the vocabulary saved as an asset) and given (in the config)."""
    words = keras.Input(shape=(3,), dtype="string", name="words")
    adapted = L.StringLookup(mask_token="", name="adapted_words")
    adapted.adapt(np.array(WORDS))
    given = L.StringLookup(vocabulary=["cat", "the", "é"], output_mode="multi_hot", name="given_words")
    return keras.Model(words, [adapted(words), given(words)], name="string_lookup_model")


def integer_lookup_model():
    """IntegerLookups in a Functional model: adapted (`count`; `tf_idf`, whose weights go in the weights file) and given."""
    numbers = keras.Input(shape=(3,), dtype="int32", name="numbers")  # kerasm has no int64 dtype
    counted = L.IntegerLookup(output_mode="count", name="counted")
    counted.adapt(np.array(NUMBERS))
    weighted = L.IntegerLookup(output_mode="tf_idf", mask_token=0, name="weighted")
    weighted.adapt(np.array(NUMBERS))
    given = L.IntegerLookup(vocabulary=[4, 8, 15], num_oov_indices=2, name="given")
    return keras.Model(numbers, [counted(numbers), weighted(numbers), given(numbers)], name="integer_lookup_model")


MODELS = {"string_lookup_model": (string_lookup_model, WORD_INPUT, "string"), "integer_lookup_model": (integer_lookup_model, NUMBER_INPUT, "int32")}


def model_outputs(model, inputs, dtype):
    return [plain(y) for y in model(tf.constant(inputs, dtype=dtype))]


def write_fixtures():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, make in CASES.items():
        (OUT_DIR / f"{name}.json").write_text(json.dumps(make(), ensure_ascii=False) + "\n")
    for name, (make, inputs, dtype) in MODELS.items():
        model = make()
        model.save(OUT_DIR / f"{name}.keras")
        record = {"keras_version": keras.__version__, "inputs": inputs, "outputs": model_outputs(model, inputs, dtype)}
        (OUT_DIR / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(CASES)} cases and {len(MODELS)} models to {OUT_DIR}")


def check(directory):
    """Every <model>.keras that kerasm wrote in `directory` gives, in Keras, the outputs kerasm stored beside it."""
    directory = pathlib.Path(directory)
    ok = True
    for name, (_, _, dtype) in MODELS.items():
        if not (directory / f"{name}.keras").exists():
            continue
        record = json.loads((directory / f"{name}.json").read_text())
        got = model_outputs(keras.models.load_model(directory / f"{name}.keras"), record["inputs"], dtype)
        same = len(got) == len(record["outputs"]) and all(
            np.allclose(np.array(g, dtype=np.float64), np.array(w, dtype=np.float64), atol=1e-5) for g, w in zip(got, record["outputs"]))
        print(f"{'PASS' if same else 'FAIL'} {name}.keras" + ("" if same else f": Keras gives {got}, kerasm gave {record['outputs']}"))
        ok = ok and same
    return ok


if __name__ == "__main__":
    if sys.argv[1:2] == ["check"]:
        sys.exit(0 if check(sys.argv[2]) else 1)
    write_fixtures()
