"""Golden values from real Keras for kerasm's TextVectorization (tests/layers/preprocessing/).

Run (from the repository root; Keras's TextVectorization needs TensorFlow):
    KERAS_BACKEND=tensorflow /tmp/kenv-layers/bin/python scripts/keras/text_fixtures.py

Writes tests/fixtures/text/:
- tokens.json: the tokens TextVectorization's standardize → split → ngrams pipeline makes of
  texts with accented, non-Latin, punctuation and unusual whitespace characters;
- layers.json: layers adapted on those texts (or given a vocabulary): their config, vocabulary,
  idf weights and outputs, one case per option set;
- text_vectorization.keras: a Functional model with a string input, an adapted
  TextVectorization, an Embedding and a Dense head, and text_vectorization_predictions.json.

    KERAS_BACKEND=tensorflow /tmp/kenv-layers/bin/python scripts/keras/text_fixtures.py check DIR
checks that Keras loads kerasm's DIR/text_vectorization.keras and gives the predictions kerasm
stored beside it (DIR/text_vectorization_predictions.json): PASS or FAIL, non-zero exit on FAIL.
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

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "text"

TEXTS = [
    "The quick brown fox -- jumps over the LAZY dog!",
    "ÉCOLE Ünïcode ΑΒΓ Straße İstanbul école",
    "a\u00a0b\u2003c\td\ne\x0bf\x0cg\rh",
    "don't «stop» — it’s ¿qué? 1,000.5 $x_y (fox) [dog] {the}",
    "  leading  and   trailing  ",
    "",
    "日本語 テキスト！ the fox 日本語",
    "the the the fox fox dog",
]

PIPELINES = [
    {},
    {"standardize": "lower"},
    {"standardize": "strip_punctuation"},
    {"standardize": None},
    {"split": "character"},
    {"split": "character", "standardize": None},
    {"ngrams": 2},
    {"ngrams": (1, 3)},
    {"ngrams": (2,), "standardize": "lower"},
]


def strings(values):
    """Nested lists of bytes as nested lists of str."""
    if isinstance(values, list):
        return [strings(v) for v in values]
    return values.decode("utf-8")


def tokens_case(options):
    layer = keras.layers.TextVectorization(**options)
    tokens = layer._preprocess(tf.constant(TEXTS))
    return {"options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()}, "tokens": strings(tokens.to_list())}


def array(value):
    value = np.asarray(value)
    return {"shape": list(value.shape), "values": value.ravel().tolist()}


def layer_case(name, options, inputs, adapt=TEXTS):
    layer = keras.layers.TextVectorization(**options)
    if adapt is not None:
        layer.adapt(adapt)
    out = layer(tf.constant(inputs))
    serialized = keras.saving.serialize_keras_object(layer)
    lookup = layer._lookup_layer
    idf = None if lookup.output_mode != "tf_idf" else np.asarray(lookup.idf_weights_const).tolist()
    return {
        "name": name,
        "config": serialized["config"],
        "adapt": adapt,
        "inputs": inputs,
        "vocabulary": layer.get_vocabulary(),
        "vocabulary_size": layer.vocabulary_size(),
        "idf_weights": idf,
        "output": array(out),
        "output_dtype": str(out.dtype.name),
    }


QUERIES = ["the fox and the dog", "École école ÉCOLE", "unknown words only", "", "日本語 fox fox fox"]


def layer_cases():
    given = ["earth", "wind", "and", "fire"]
    return [
        layer_case("int_default", {}, QUERIES),
        layer_case("int_max_tokens", {"max_tokens": 6}, QUERIES),
        layer_case("int_sequence_length_pad", {"output_sequence_length": 7}, QUERIES),
        layer_case("int_sequence_length_truncate", {"output_sequence_length": 2}, QUERIES),
        layer_case("int_rank2_input", {"output_sequence_length": 4}, [[q] for q in QUERIES]),
        layer_case("int_no_split", {"split": None}, [[q] for q in QUERIES]),
        layer_case("int_no_split_columns", {"split": None, "standardize": "lower"}, [["the", "fox"], ["dog", "the"]], adapt=["the", "the", "fox"]),
        layer_case("int_character", {"split": "character", "max_tokens": 12}, QUERIES),
        layer_case("int_ngrams", {"ngrams": 2, "max_tokens": 20, "output_sequence_length": 10}, QUERIES),
        layer_case("multi_hot", {"output_mode": "multi_hot", "max_tokens": 10}, QUERIES),
        layer_case("multi_hot_pad", {"output_mode": "multi_hot", "max_tokens": 40, "pad_to_max_tokens": True}, QUERIES),
        layer_case("count", {"output_mode": "count"}, QUERIES),
        layer_case("count_ngrams", {"output_mode": "count", "ngrams": (1, 2), "max_tokens": 15}, QUERIES),
        layer_case("tf_idf", {"output_mode": "tf_idf", "max_tokens": 12}, QUERIES),
        layer_case("tf_idf_pad", {"output_mode": "tf_idf", "max_tokens": 30, "pad_to_max_tokens": True}, QUERIES),
        layer_case("given_vocabulary", {"vocabulary": given, "output_sequence_length": 5}, ["earth wind and fire", "fire and water"], adapt=None),
        layer_case(
            "given_idf",
            {"vocabulary": given, "idf_weights": [0.5, 0.25, 0.2, 0.125], "output_mode": "tf_idf"},
            ["earth wind and fire", "fire and water fire"],
            adapt=None,
        ),
    ]


def saved_model():
    texts = TEXTS + QUERIES
    vectorize = keras.layers.TextVectorization(max_tokens=30, output_sequence_length=8, name="vectorize")
    vectorize.adapt(texts)
    bag = keras.layers.TextVectorization(max_tokens=20, output_mode="tf_idf", ngrams=2, name="bag")
    bag.adapt(texts)
    inputs = keras.Input(shape=(), dtype="string", name="text")
    embedded = keras.layers.Embedding(30, 4, name="embedding")(vectorize(inputs))
    pooled = keras.layers.GlobalAveragePooling1D(name="pool")(embedded)
    joined = keras.layers.Concatenate(name="join")([pooled, bag(inputs)])
    outputs = keras.layers.Dense(2, name="head")(joined)
    model = keras.Model(inputs, outputs, name="text_model")
    for i, weight in enumerate(model.weights):
        weight.assign(np.round(np.random.RandomState(i).uniform(-1, 1, weight.shape), 4).astype(np.float32))
    model.save(OUT_DIR / "text_vectorization.keras")
    queries = QUERIES + TEXTS[:3]
    predictions = model.predict(tf.constant(queries), verbose=0)
    (OUT_DIR / "text_vectorization_predictions.json").write_text(
        json.dumps({"inputs": queries, "predictions": array(predictions)}, ensure_ascii=False, indent=1) + "\n"
    )


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    tokens = {"texts": TEXTS, "cases": [tokens_case(p) for p in PIPELINES]}
    (OUT_DIR / "tokens.json").write_text(json.dumps(tokens, ensure_ascii=False, indent=1) + "\n")
    (OUT_DIR / "layers.json").write_text(json.dumps(layer_cases(), ensure_ascii=False, indent=1) + "\n")
    saved_model()


def check(directory):
    directory = pathlib.Path(directory)
    record = json.loads((directory / "text_vectorization_predictions.json").read_text())
    model = keras.models.load_model(directory / "text_vectorization.keras")
    got = model.predict(tf.constant(record["inputs"]), verbose=0)
    want = np.array(record["predictions"]["values"], dtype=np.float32).reshape(record["predictions"]["shape"])
    same = got.shape == want.shape and np.allclose(got, want, atol=1e-5)
    print(f"{'PASS' if same else 'FAIL'} text_vectorization.keras" + ("" if same else f": Keras gives {got.tolist()}, kerasm gave {want.tolist()}"))
    return same


if __name__ == "__main__":
    if sys.argv[1:2] == ["check"]:
        sys.exit(0 if check(sys.argv[2]) else 1)
    main()
