"""Golden values from real Keras for kerasm's recurrent layers (tests/layers/rnn/keras_rnn.test.ts).

Run (from the repository root, in the venv of layer_fixtures.py):
    /tmp/kenv-layers/bin/python scripts/keras/rnn_fixtures.py

What scripts/keras/layer_fixtures.py cannot express: masks, initial states passed to the call and
returned states. Each case writes tests/fixtures/rnn/<case>.json: the serialized layer, the
sequences, the mask, the initial states, the weights, every output (with a fixed upstream
tensor) and the gradients of sum(output_i * upstream_i) over all outputs with respect to the
sequences, the initial states and the trainable weights. It also saves a Sequential model with
Embedding(mask_zero) → LSTM → GRU → Dense as tests/fixtures/rnn/lstm_gru.keras (and .h5) with
its predictions on fixed token ids (lstm_gru_predictions.json).
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "rnn"


def fixed(shape, seed, low=-1.0, high=1.0):
    return np.round(np.random.RandomState(seed).uniform(low, high, size=shape), 4).astype(np.float32)


def short(array):
    return [float(f"{v:.7g}") for v in np.asarray(array, dtype=np.float32).ravel().tolist()]


def entry(value, grad=None):
    out = {"shape": list(np.shape(value)), "values": short(value)}
    if grad is not None:
        out["grad"] = short(grad)
    return out


def case(layer, steps, features, mask, seed, initial_state=True):
    """The layer on (2, steps, features) sequences with `mask` (None: none) and random initial states."""
    x = fixed((2, steps, features), seed)
    layer.build((2, steps, features))
    values = [fixed(tuple(w.shape), seed + 17 * (i + 1)) for i, w in enumerate(layer.weights)]
    layer.set_weights(values)
    sizes = layer.cell.state_size if isinstance(layer.cell.state_size, list) else [layer.cell.state_size]
    states = [fixed((2, size), seed + 50 + i) for i, size in enumerate(sizes)] if initial_state else []
    mask_array = None if mask is None else np.array(mask, dtype=bool)
    # The dropout seed generator's state: a non-trainable variable that is not a weight.
    non_trainable = [v.value for v in layer.non_trainable_variables]

    def run(weights, x, states):
        kwargs = {"mask": mask_array}
        if states:
            kwargs["initial_state"] = states
        y, _ = layer.stateless_call(weights, non_trainable, x, **kwargs)
        return keras.tree.flatten(y)  # a stack's states are nested per cell; kerasm returns them flat

    outputs = run([jnp.asarray(v) for v in values], jnp.asarray(x), [jnp.asarray(s) for s in states])
    upstreams = [fixed(np.shape(y), seed + 90 + i) for i, y in enumerate(outputs)]

    def objective(weights, x, states):
        return sum(jnp.sum(y * u) for y, u in zip(run(weights, x, states), upstreams))

    g_weights, g_x, g_states = jax.grad(objective, argnums=(0, 1, 2))(
        [jnp.asarray(v) for v in values], jnp.asarray(x), [jnp.asarray(s) for s in states])
    return {
        "framework": f"keras {keras.__version__} ({keras.backend.backend()})",
        "layer": keras.saving.serialize_keras_object(layer),
        "sequences": entry(x, g_x),
        "mask": None if mask is None else [[int(v) for v in row] for row in mask],
        "initial_states": [entry(s, g) for s, g in zip(states, g_states)],
        "weights": [dict(entry(v, g), name=w.name) for w, v, g in zip(layer.weights, values, g_weights)],
        "outputs": [dict(entry(y), upstream=short(u)) for y, u in zip(outputs, upstreams)],
    }


MASK = [[1, 1, 0, 1, 0], [0, 1, 1, 1, 1]]

CASES = {
    "lstm_mask_initial_state_return_state": lambda: case(L.LSTM(3, return_sequences=True, return_state=True), 5, 3, MASK, 1),
    "lstm_mask_backwards": lambda: case(L.LSTM(3, go_backwards=True, return_state=True), 5, 2, MASK, 2, initial_state=False),
    "gru_mask_backwards_return_state": lambda: case(L.GRU(3, go_backwards=True, return_state=True), 5, 3, MASK, 3),
    "gru_reset_before_mask_sequences": lambda: case(L.GRU(2, reset_after=False, return_sequences=True, return_state=True), 5, 3, MASK, 4),
    "simple_rnn_mask_initial_state": lambda: case(L.SimpleRNN(3, return_sequences=True), 5, 2, MASK, 5),
    "rnn_stacked_mask_return_state": lambda: case(L.RNN([L.LSTMCell(3), L.GRUCell(2)], return_sequences=True, return_state=True), 5, 2, MASK, 6, initial_state=False),
}


def saved_model():
    """A Keras-made model with an LSTM and a GRU behind a masking Embedding, saved both ways."""
    keras.utils.set_random_seed(7)
    model = keras.Sequential([
        keras.Input((6,), dtype="int32"),
        L.Embedding(20, 4, mask_zero=True),
        L.LSTM(5, return_sequences=True),
        L.GRU(3, reset_after=False, go_backwards=True),
        L.Dense(2),
    ])
    tokens = np.array([[3, 7, 1, 9, 0, 0], [5, 2, 8, 4, 6, 11]], dtype="int32")
    model.save(OUT_DIR / "lstm_gru.keras")
    model.save(OUT_DIR / "lstm_gru.h5")
    (OUT_DIR / "lstm_gru_predictions.json").write_text(json.dumps({
        "framework": f"keras {keras.__version__} ({keras.backend.backend()})",
        "tokens": tokens.tolist(), "predictions": short(model.predict(tokens, verbose=0)),
    }) + "\n")


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, make in CASES.items():
        (OUT_DIR / f"{name}.json").write_text(json.dumps(make(), separators=(",", ":")) + "\n")
        print(name)
    saved_model()
    print("lstm_gru.keras, lstm_gru.h5")


if __name__ == "__main__":
    main()
