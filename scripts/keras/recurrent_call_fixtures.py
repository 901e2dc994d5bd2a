"""Golden values from real Keras for kerasm's Bidirectional and ConvLSTM tests
(tests/layers/rnn/bidirectional.test.ts, conv_lstm.test.ts).

Run (from the repository root, in the venv of scripts/keras/requirements-layers.txt):
    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/recurrent_call_fixtures.py

Writes into tests/fixtures/recurrent_calls/:
- bidirectional_cases.json, conv_lstm_cases.json: layers called with what layer_fixtures.py cannot
  give them (a mask, initial states, returned states, Bidirectional's merge_mode None): each with
  its serialized layer, weights in Keras's order, inputs, and every output.
- conv_lstm_model.keras and conv_lstm_model.json: two stacked ConvLSTM2D layers and a Dense head
  with fixed weights, and their predictions.
- text_model.keras and text_model.json: an Embedding(mask_zero) → Bidirectional(LSTM) →
  Bidirectional(GRU) → Dense model with fixed weights, and its predictions on padded sequences;
  plus the parameter count of the guide's Embedding(1000, 64, mask_zero) → Bidirectional(LSTM(32))
  → Dense(1).
"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "recurrent_calls"
L = keras.layers


def fixed(shape, seed, low=-1.0, high=1.0):
    """A reproducible float32 array, rounded to 4 decimals."""
    return np.round(np.random.RandomState(seed).uniform(low, high, size=shape), 4).astype(np.float32)


def short(array):
    return [float(f"{v:.7g}") for v in np.asarray(array, dtype=np.float32).ravel().tolist()]


def entry(array):
    return {"shape": list(np.shape(array)), "values": short(array)}


def set_fixed_weights(layer, seed):
    values = [fixed(tuple(w.shape), seed + 17 * i) for i, w in enumerate(layer.weights)]
    layer.set_weights(values)
    return values


def case(layer, seq_shape, seed, mask_lengths=None, n_states=0, state_shape=None):
    """The layer called on fixed sequences, with a mask keeping each row's first `mask_lengths[i]` steps, and
    `n_states` initial states (of `state_shape`, by default `(batch, units)` of a Bidirectional's layer)."""
    x = fixed(seq_shape, seed)
    layer.build(seq_shape)
    weights = set_fixed_weights(layer, seed + 1)
    kwargs = {}
    mask = None
    if mask_lengths is not None:
        mask = np.arange(seq_shape[1])[None, :] < np.array(mask_lengths)[:, None]
        kwargs["mask"] = mask
    states = []
    if n_states:
        shape = state_shape or (seq_shape[0], layer.forward_layer.cell.units)
        states = [fixed(shape, seed + 50 + i) for i in range(n_states)]
        kwargs["initial_state"] = states
    outputs = layer(x, **kwargs)
    outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
    return {
        "layer": keras.saving.serialize_keras_object(layer),
        "weights": [entry(w) for w in weights],
        "sequences": entry(x),
        "mask": None if mask is None else [[bool(v) for v in row] for row in mask],
        "initial_states": [entry(s) for s in states],
        "outputs": [entry(np.asarray(o)) for o in outputs],
    }


BIDIRECTIONAL_CASES = {
    "lstm_sequences_masked": lambda: case(L.Bidirectional(L.LSTM(3, return_sequences=True)), (3, 5, 2), 200, mask_lengths=[5, 3, 1]),
    "gru_masked_ave": lambda: case(L.Bidirectional(L.GRU(2), merge_mode="ave"), (2, 4, 3), 201, mask_lengths=[2, 4]),
    "lstm_states_return_state": lambda: case(L.Bidirectional(L.LSTM(2, return_state=True)), (2, 3, 2), 202, n_states=4),
    "gru_sequences_none_return_state": lambda: case(
        L.Bidirectional(L.GRU(2, return_sequences=True, return_state=True), merge_mode=None), (2, 3, 2), 203, n_states=2),
    "simple_rnn_masked_states_sum": lambda: case(
        L.Bidirectional(L.SimpleRNN(3, return_sequences=True), merge_mode="sum"), (2, 4, 2), 204, mask_lengths=[3, 2], n_states=2),
}


CONV_LSTM_CASES = {
    # No masks: Keras 3.15.1's ConvLSTM broadcasts a (batch, 1) step mask against image states, which
    # fails on JAX or mixes samples; kerasm applies it per sample (tests/layers/rnn/conv_lstm.test.ts).
    "conv_lstm2d_states_return_state": lambda: case(
        L.ConvLSTM2D(2, 3, padding="same", return_state=True), (2, 3, 4, 4, 2), 211, n_states=2, state_shape=(2, 4, 4, 2)),
    "conv_lstm1d_backwards_states": lambda: case(
        L.ConvLSTM1D(3, 2, go_backwards=True, return_sequences=True), (2, 3, 5, 2), 212, n_states=2, state_shape=(2, 4, 3)),
    "bidirectional_conv_lstm2d": lambda: case(L.Bidirectional(L.ConvLSTM2D(2, 2, return_sequences=True)), (1, 3, 3, 3, 1), 213),
}


def conv_lstm_model():
    model = keras.Sequential([
        L.Input((3, 5, 5, 1)),
        L.ConvLSTM2D(3, 3, padding="same", return_sequences=True),
        L.ConvLSTM2D(2, 2, strides=2),
        L.Flatten(),
        L.Dense(1),
    ])
    for i, layer in enumerate(model.layers):
        set_fixed_weights(layer, 400 + 40 * i)
    frames = fixed((2, 3, 5, 5, 1), 450)
    model.save(OUT_DIR / "conv_lstm_model.keras")
    return {"frames": entry(frames), "predictions": entry(model.predict(frames, verbose=0))}


def text_model():
    keras.utils.set_random_seed(7)
    model = keras.Sequential([
        L.Input((6,), dtype="int32"),
        L.Embedding(50, 8, mask_zero=True),
        L.Bidirectional(L.LSTM(4, return_sequences=True)),
        L.Bidirectional(L.GRU(3)),
        L.Dense(1),
    ])
    for i, layer in enumerate(model.layers):
        set_fixed_weights(layer, 300 + 40 * i)
    tokens = np.array([[3, 14, 15, 9, 2, 6], [5, 35, 8, 0, 0, 0], [42, 0, 0, 0, 0, 0]], dtype=np.int32)
    model.save(OUT_DIR / "text_model.keras")
    guide = keras.Sequential([L.Input((None,), dtype="int32"), L.Embedding(1000, 64, mask_zero=True), L.Bidirectional(L.LSTM(32)), L.Dense(1)])
    return {
        "framework": f"keras {keras.__version__} ({keras.backend.backend()})",
        "tokens": {"shape": list(tokens.shape), "values": tokens.ravel().tolist()},
        "predictions": entry(model.predict(tokens, verbose=0)),
        "weight_paths": [w.path for w in model.weights],
        "guide_model_params": guide.count_params(),
    }


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for file, cases in [("bidirectional_cases", BIDIRECTIONAL_CASES), ("conv_lstm_cases", CONV_LSTM_CASES)]:
        values = {name: make() for name, make in cases.items()}
        (OUT_DIR / f"{file}.json").write_text(json.dumps(values, separators=(",", ":")) + "\n")
    (OUT_DIR / "text_model.json").write_text(json.dumps(text_model(), indent=1) + "\n")
    (OUT_DIR / "conv_lstm_model.json").write_text(json.dumps(conv_lstm_model(), separators=(",", ":")) + "\n")
    print("cases, text_model.keras, conv_lstm_model.keras")


if __name__ == "__main__":
    main()
