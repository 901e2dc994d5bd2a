"""A transformer block with MultiHeadAttention saved by real Keras, and kerasm's copy read back by Keras.

    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/attention_fixtures.py generate
        writes tests/fixtures/attention/transformer_block.keras (Keras 3.15.1) and
        transformer_block.json (its input ids and Keras's predictions), which
        tests/layers/attention/keras_files.test.ts loads in kerasm.
    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/attention_fixtures.py check DIR
        loads DIR/transformer_block.kerasm.keras, which that test writes when KERASM_INTEROP_DIR=DIR,
        in Keras and compares its predictions with kerasm's (DIR/transformer_block.kerasm.json).

The block: token ids → Embedding(mask_zero) → MultiHeadAttention (causal self-attention; the
padding mask reaches it from the Embedding) → residual Add → LayerNormalization → Dense
feed-forward → residual Add → LayerNormalization → GlobalAveragePooling1D → Dense softmax; a
second MultiHeadAttention (cross-attention from a second input, returning its scores) covers
key/value dims, `output_shape` and a returned second output.
"""
import json
import os
import pathlib
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "attention"
STEM = "transformer_block"
TOLERANCE = 1e-5


def build():
    L = keras.layers
    keras.utils.set_random_seed(7)
    ids = keras.Input((6,), dtype="int32", name="ids")
    memory = keras.Input((4, 5), name="memory")
    x = L.Embedding(20, 8, mask_zero=True, name="embedding")(ids)
    attended = L.MultiHeadAttention(2, 4, name="self_attention")(x, x, use_causal_mask=True)
    x = L.LayerNormalization(name="norm_1")(L.Add(name="residual_1")([x, attended]))
    crossed, scores = L.MultiHeadAttention(2, 3, value_dim=2, output_shape=8, name="cross_attention")(x, memory, return_attention_scores=True)
    x = L.Add(name="residual_2")([x, crossed])
    ff = L.Dense(8, name="feed_forward_2")(L.Dense(16, activation="relu", name="feed_forward_1")(x))
    x = L.LayerNormalization(name="norm_2")(L.Add(name="residual_3")([x, ff]))
    pooled = L.GlobalAveragePooling1D(name="pool")(x)
    probabilities = L.Dense(3, activation="softmax", name="classifier")(pooled)
    return keras.Model([ids, memory], [probabilities, scores])


def probe():
    rng = np.random.RandomState(3)
    ids = rng.randint(1, 20, size=(3, 6)).astype("int32")
    ids[0, 4:] = 0  # padding: masked positions
    ids[2, 5:] = 0
    memory = np.round(rng.uniform(-1, 1, size=(3, 4, 5)), 4).astype("float32")
    return {"ids": ids, "memory": memory}


def predictions(model, inputs):
    probabilities, scores = model.predict([inputs["ids"], inputs["memory"]], verbose=0)
    return {"classifier": np.asarray(probabilities).tolist(), "cross_attention": np.asarray(scores).tolist()}


def generate():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    model = build()
    inputs = probe()
    model.save(OUT_DIR / f"{STEM}.keras")
    record = {
        "written_by": f"keras {keras.__version__} ({keras.backend.backend()})",
        "inputs": {name: value.tolist() for name, value in inputs.items()},
        "outputs": predictions(model, inputs),
    }
    (OUT_DIR / f"{STEM}.json").write_text(json.dumps(record) + "\n")
    print(f"{STEM}: written to {OUT_DIR}")


def check(directory):
    directory = pathlib.Path(directory)
    record = json.loads((directory / f"{STEM}.kerasm.json").read_text())
    model = keras.saving.load_model(directory / f"{STEM}.kerasm.keras")
    inputs = {"ids": np.asarray(record["inputs"]["ids"], dtype="int32"), "memory": np.asarray(record["inputs"]["memory"], dtype="float32")}
    got = predictions(model, inputs)
    worst = max(float(np.max(np.abs(np.asarray(got[k]) - np.asarray(record["outputs"][k])))) for k in got)
    status = "PASS" if worst <= TOLERANCE else "FAIL"
    print(f"{status} {STEM}.kerasm.keras: Keras {keras.__version__} predicts kerasm's outputs (max |difference| {worst:.2e})")
    return status == "PASS"


if __name__ == "__main__":
    if sys.argv[1:2] == ["generate"]:
        generate()
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 3:
        sys.exit(0 if check(sys.argv[2]) else 1)
    else:
        sys.exit(__doc__)
