"""Golden values from real Keras for kerasm's layer tests (tests/layers/keras_fixtures.test.ts).

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/layer_fixtures.py

For every case the script builds the layer (Keras 3 on the JAX CPU backend; tf_keras 2 for the
LocallyConnected layers, which Keras 3 dropped), gives it fixed weights, feeds a fixed input, and
writes tests/fixtures/layers/<case>.json holding the serialized layer, the input, the weights in
the layer's weight order, the output, and the gradients of sum(output * upstream) with respect to
the inputs and the trainable weights (upstream is a fixed random tensor). Cases run in training mode
also store the weights after the call (BatchNormalization's moving statistics). Values are rounded
so that the files stay small: inputs and weights to 4 decimals (the rounded values are the ones
fed to Keras), results to 7 significant digits.
"""
import json
import os
import pathlib
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras  # noqa: E402
from keras.src.applications.convnext import LayerScale  # noqa: E402
from keras.src.applications.inception_resnet_v2 import CustomScaleLayer  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "layers"


def fixed(shape, seed, low=-1.0, high=1.0):
    """A reproducible float32 array, rounded to 4 decimals."""
    values = np.random.RandomState(seed).uniform(low, high, size=shape)
    return np.round(values, 4).astype(np.float32)


def short(array):
    """Flat list of floats with 7 significant digits."""
    return [float(f"{v:.7g}") for v in np.asarray(array, dtype=np.float32).ravel().tolist()]


def weight_values(layer, seed):
    """Fixed values for each weight; variances and norms' scales stay positive, integer counters zero."""
    values = []
    for i, w in enumerate(layer.weights):
        if "int" in w.dtype:
            values.append(np.zeros(tuple(w.shape), dtype=w.dtype))
            continue
        name = w.name.split("/")[-1].split(":")[0]
        positive = "variance" in name
        values.append(fixed(tuple(w.shape), seed + 17 * i, 0.5 if positive else -1.0, 1.5 if positive else 1.0))
    return values


def weight_entries(layer, values, grads_by_index=None, after=None):
    trainable_ids = [id(w) for w in layer.trainable_weights]
    entries = []
    for i, (w, v) in enumerate(zip(layer.weights, values)):
        entry = {"name": w.name.split("/")[-1].split(":")[0], "shape": list(v.shape), "values": short(v),
                 "trainable": id(w) in trainable_ids}
        if grads_by_index is not None and i in grads_by_index:
            entry["grad"] = short(grads_by_index[i])
        if after is not None:
            entry["after"] = short(after[i])
        entries.append(entry)
    return entries


def input_entries(xs, grads):
    return [{"shape": list(x.shape), "values": short(x), "grad": short(g)} for x, g in zip(xs, grads)]


def output_shape(layer, input_shape):
    """The layer's output shape; from a symbolic call for layers without `compute_output_shape` (LayerScale)."""
    try:
        return tuple(layer.compute_output_shape(input_shape))
    except NotImplementedError:
        several = isinstance(input_shape, list)
        inputs = [keras.KerasTensor(s) for s in input_shape] if several else keras.KerasTensor(input_shape)
        return tuple(layer.compute_output_spec(inputs).shape)


def keras3_case(layer, input_shape, seed, training=False):
    """One Keras 3 case; `input_shape` is a tuple, or a list of tuples for a layer of several inputs."""
    several = isinstance(input_shape, list)
    shapes = input_shape if several else [input_shape]
    xs = [fixed(shape, seed + 100 * i) for i, shape in enumerate(shapes)]
    layer.build(input_shape)
    values = weight_values(layer, seed + 1)
    layer.set_weights(values)
    if hasattr(layer, "finalize_state"):
        layer.finalize_state()  # Normalization reads its statistics from the weights only then (as on loading)
    out_shape = output_shape(layer, input_shape)
    upstream = fixed(out_shape, seed + 2)
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]

    def objective(tv, inputs):
        kwargs = {"training": True} if training else {}
        y, new_non_trainable = layer.stateless_call(tv, non_trainable, inputs if several else inputs[0], **kwargs)
        return jnp.sum(y * upstream), (y, new_non_trainable)

    (_, (y, new_non_trainable)), (g_weights, g_inputs) = jax.value_and_grad(objective, argnums=(0, 1), has_aux=True)(
        trainable, [jnp.asarray(x) for x in xs])
    positions = {id(w): i for i, w in enumerate(layer.weights)}
    grads = {positions[id(w)]: g for w, g in zip(layer.trainable_variables, g_weights)}
    after = None
    if training:
        updated = {positions[id(w)]: v for w, v in zip(layer.non_trainable_variables, new_non_trainable)}
        after = [updated.get(i, values[i]) for i in range(len(values))]
    return {
        "framework": f"keras {keras.__version__} ({keras.backend.backend()})",
        "layer": keras.saving.serialize_keras_object(layer),
        "training": training,
        "inputs": input_entries(xs, g_inputs),
        "weights": weight_entries(layer, values, grads, after),
        "output_shape": list(np.shape(y)), "output": short(y),
        "upstream": short(upstream),
    }


def tf_keras_case(layer, input_shape, seed):
    x = fixed(input_shape, seed)
    layer.build(input_shape)
    values = weight_values(layer, seed + 1)
    layer.set_weights(values)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = layer(xt)
        upstream = fixed(tuple(y.shape), seed + 2)
        objective = tf.reduce_sum(y * upstream)
    grads = tape.gradient(objective, [xt] + layer.trainable_weights)
    positions = {id(w): i for i, w in enumerate(layer.weights)}
    by_index = {positions[id(w)]: g.numpy() for w, g in zip(layer.trainable_weights, grads[1:])}
    return {
        "framework": f"tf_keras {tf_keras.__version__} (tensorflow {tf.__version__})",
        "layer": tf_keras.layers.serialize(layer),
        "training": False,
        "inputs": input_entries([x], [grads[0].numpy()]),
        "weights": weight_entries(layer, values, by_index),
        "output_shape": list(y.shape), "output": short(y.numpy()),
        "upstream": short(upstream),
    }


def spectral_case(layer, input_shape, seed):
    """A SpectralNormalization case in training mode. Keras assigns the normalized kernel, a
    trainable weight, which `stateless_call` leaves out of the weights after the call: those are
    read from an eager call instead, on the same weights and input."""
    case = keras3_case(layer, input_shape, seed, training=True)
    layer.set_weights(weight_values(layer, seed + 1))
    layer(fixed(input_shape, seed), training=True)
    for entry, w in zip(case["weights"], layer.weights):
        entry["after"] = short(w.numpy())
    return case


def fixed_mask(shape, seed):
    """A reproducible 0/1 mask whose first position along the last axis is always 1 (no row fully masked)."""
    mask = np.random.RandomState(seed).uniform(size=shape) > 0.3
    mask[..., 0] = True
    return mask


def attention_case(layer, input_shapes, seed, call=None, masks=None, attention_mask=None, value_mask=None, spread=False):
    """An attention case: `input_shapes` [query, value(, key)] called as a list (Attention) or spread
    as arguments (`spread`, MultiHeadAttention), with the keyword arguments `call`, masks on the
    inputs (Attention's `mask` list), MultiHeadAttention's `attention_mask` / `value_mask`; every
    output (scores too) has its own upstream."""
    call = dict(call or {})
    xs = [fixed(shape, seed + 100 * i) for i, shape in enumerate(input_shapes)]
    layer.build(*input_shapes) if spread else layer.build(input_shapes)
    values = weight_values(layer, seed + 1)
    layer.set_weights(values)
    kwargs = dict(call)
    if masks is not None:
        kwargs["mask"] = [None if m is None else jnp.asarray(m) for m in masks]
    if attention_mask is not None:
        kwargs["attention_mask"] = jnp.asarray(attention_mask)
    if value_mask is not None:
        kwargs["value_mask"] = jnp.asarray(value_mask)
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]
    probe = layer.stateless_call(trainable, non_trainable, *xs, **kwargs) if spread else layer.stateless_call(trainable, non_trainable, xs, **kwargs)
    outs = probe[0] if isinstance(probe[0], (tuple, list)) else [probe[0]]
    upstreams = [fixed(tuple(o.shape), seed + 2 + i) for i, o in enumerate(outs)]

    def objective(tv, inputs):
        y, _ = layer.stateless_call(tv, non_trainable, *inputs, **kwargs) if spread else layer.stateless_call(tv, non_trainable, inputs, **kwargs)
        ys = y if isinstance(y, (tuple, list)) else [y]
        return sum(jnp.sum(o * u) for o, u in zip(ys, upstreams)), ys

    (_, ys), (g_weights, g_inputs) = jax.value_and_grad(objective, argnums=(0, 1), has_aux=True)(trainable, [jnp.asarray(x) for x in xs])
    positions = {id(w): i for i, w in enumerate(layer.weights)}
    grads = {positions[id(w)]: g for w, g in zip(layer.trainable_variables, g_weights)}
    case = {
        "framework": f"keras {keras.__version__} ({keras.backend.backend()})",
        "layer": keras.saving.serialize_keras_object(layer),
        "training": False,
        "inputs": input_entries(xs, g_inputs),
        "weights": weight_entries(layer, values, grads),
        "output_shape": list(np.shape(ys[0])), "output": short(ys[0]),
        "upstream": short(upstreams[0]),
        "call": call,
        "extra_outputs": [{"shape": list(np.shape(y)), "values": short(y), "upstream": short(u)} for y, u in zip(ys[1:], upstreams[1:])],
    }
    if masks is not None:
        case["masks"] = [None if m is None else np.asarray(m, dtype=np.float32).ravel().tolist() for m in masks]
    for key, mask in (("attention_mask", attention_mask), ("value_mask", value_mask)):
        if mask is not None:
            case[key] = {"shape": list(mask.shape), "values": np.asarray(mask, dtype=np.float32).ravel().tolist()}
    return case


L = keras.layers
K2 = tf_keras.layers

# name → (make the case); seeds differ so that no two cases share values.
CASES = {
    # Normalization
    "group_normalization": lambda: keras3_case(L.GroupNormalization(groups=2), (2, 3, 4), 10),
    "group_normalization_axis1": lambda: keras3_case(L.GroupNormalization(groups=3, axis=1, epsilon=1e-2), (2, 6, 2, 2), 11),
    "unit_normalization": lambda: keras3_case(L.UnitNormalization(), (2, 3, 4), 12),
    "unit_normalization_axes": lambda: keras3_case(L.UnitNormalization(axis=[1, 2]), (2, 3, 4), 13),
    "rms_normalization": lambda: keras3_case(L.RMSNormalization(epsilon=1e-3), (2, 3, 4), 14),
    "rms_normalization_axes": lambda: keras3_case(L.RMSNormalization(axis=[1, 2]), (2, 3, 4), 15),
    "layer_normalization": lambda: keras3_case(L.LayerNormalization(), (2, 3, 4), 16),
    "layer_normalization_axes": lambda: keras3_case(L.LayerNormalization(axis=[1, 2]), (2, 3, 4), 17),
    "layer_normalization_axis1_no_center": lambda: keras3_case(L.LayerNormalization(axis=1, center=False, epsilon=1e-2), (2, 3, 4), 18),
    "layer_normalization_rms_scaling": lambda: keras3_case(L.LayerNormalization(rms_scaling=True), (2, 3, 4), 19),
    "batch_normalization_inference": lambda: keras3_case(L.BatchNormalization(), (3, 2, 4), 20),
    "batch_normalization_training": lambda: keras3_case(L.BatchNormalization(momentum=0.9), (3, 2, 4), 21, training=True),
    "batch_normalization_axis1_training": lambda: keras3_case(L.BatchNormalization(axis=1, epsilon=1e-2, scale=False), (3, 2, 2, 2), 22, training=True),
    # Convolutions
    "depthwise_conv1d": lambda: keras3_case(L.DepthwiseConv1D(3, depth_multiplier=2, padding="same"), (2, 7, 3), 30),
    "depthwise_conv1d_dilated": lambda: keras3_case(L.DepthwiseConv1D(2, dilation_rate=2, activation="tanh"), (2, 7, 2), 31),
    "separable_conv1d": lambda: keras3_case(L.SeparableConv1D(4, 3, strides=2, depth_multiplier=2, padding="same"), (2, 8, 3), 32),
    "conv1d_causal_dilated": lambda: keras3_case(L.Conv1D(4, 3, padding="causal", dilation_rate=2), (2, 9, 3), 33),
    "conv1d_transpose": lambda: keras3_case(L.Conv1DTranspose(4, 3, strides=2), (2, 5, 3), 34),
    "conv1d_transpose_same_output_padding": lambda: keras3_case(L.Conv1DTranspose(2, 4, strides=3, padding="same", output_padding=1), (2, 4, 3), 35),
    "conv2d_transpose_strides_output_padding": lambda: keras3_case(L.Conv2DTranspose(3, (3, 2), strides=(2, 3), output_padding=(1, 2)), (2, 3, 2, 2), 36),
    "conv2d_transpose_same_channels_first": lambda: keras3_case(L.Conv2DTranspose(2, 3, strides=2, padding="same", data_format="channels_first"), (1, 2, 3, 3), 37),
    "conv3d": lambda: keras3_case(L.Conv3D(3, 2, strides=(1, 2, 1), padding="same"), (2, 3, 4, 3, 2), 38),
    "conv3d_transpose": lambda: keras3_case(L.Conv3DTranspose(2, 2, strides=2), (1, 2, 2, 3, 2), 39),
    "conv3d_transpose_same": lambda: keras3_case(L.Conv3DTranspose(2, 3, strides=(1, 2, 2), padding="same"), (1, 2, 2, 2, 2), 40),
    "conv1d_groups": lambda: keras3_case(L.Conv1D(4, 2, groups=2, strides=2, padding="same"), (2, 5, 4), 41),
    "conv2d_groups_channels_first": lambda: keras3_case(L.Conv2D(6, 2, groups=3, data_format="channels_first"), (1, 3, 3, 4), 42),
    # Merging
    "dot_axes_normalize": lambda: keras3_case(L.Dot(axes=(1, 2), normalize=True), [(2, 3, 4), (2, 5, 3)], 45),
    "dot_rank4": lambda: keras3_case(L.Dot(axes=-1), [(2, 2, 3, 4), (2, 4)], 46),
    # Pooling
    "max_pooling3d": lambda: keras3_case(L.MaxPooling3D(2, strides=(1, 2, 2)), (2, 3, 4, 4, 2), 50),
    "max_pooling3d_same": lambda: keras3_case(L.MaxPooling3D(2, padding="same"), (1, 3, 3, 3, 2), 51),
    "average_pooling3d_same": lambda: keras3_case(L.AveragePooling3D((2, 2, 3), strides=2, padding="same"), (2, 3, 3, 4, 1), 52),
    "average_pooling3d_channels_first": lambda: keras3_case(L.AveragePooling3D(2, data_format="channels_first"), (1, 2, 2, 4, 2), 53),
    "global_average_pooling1d_keepdims": lambda: keras3_case(L.GlobalAveragePooling1D(keepdims=True), (2, 5, 3), 54),
    "global_max_pooling2d_keepdims_channels_first": lambda: keras3_case(L.GlobalMaxPooling2D(keepdims=True, data_format="channels_first"), (2, 3, 2, 3), 55),
    "global_average_pooling3d_keepdims": lambda: keras3_case(L.GlobalAveragePooling3D(keepdims=True), (2, 2, 3, 2, 2), 56),
    "global_max_pooling3d": lambda: keras3_case(L.GlobalMaxPooling3D(), (2, 2, 3, 2, 2), 57),
    # Reshaping
    "cropping1d": lambda: keras3_case(L.Cropping1D((1, 2)), (2, 6, 2), 60),
    "cropping3d": lambda: keras3_case(L.Cropping3D(((1, 0), (0, 1), (1, 1))), (1, 3, 3, 4, 2), 61),
    "cropping3d_channels_first": lambda: keras3_case(L.Cropping3D(1, data_format="channels_first"), (1, 2, 3, 3, 4), 62),
    "zero_padding1d": lambda: keras3_case(L.ZeroPadding1D((1, 2)), (2, 3, 2), 63),
    "zero_padding3d": lambda: keras3_case(L.ZeroPadding3D(((1, 0), (0, 2), (1, 1))), (1, 2, 2, 2, 2), 64),
    "zero_padding3d_channels_first": lambda: keras3_case(L.ZeroPadding3D(1, data_format="channels_first"), (1, 2, 2, 1, 2), 65),
    "up_sampling1d": lambda: keras3_case(L.UpSampling1D(3), (2, 3, 2), 66),
    "up_sampling3d": lambda: keras3_case(L.UpSampling3D((2, 1, 2)), (1, 2, 2, 2, 2), 67),
    "up_sampling3d_channels_first": lambda: keras3_case(L.UpSampling3D(2, data_format="channels_first"), (1, 2, 2, 1, 2), 68),
    "up_sampling2d_bilinear": lambda: keras3_case(L.UpSampling2D((2, 3), interpolation="bilinear"), (2, 3, 2, 2), 69),
    "up_sampling2d_bilinear_channels_first": lambda: keras3_case(L.UpSampling2D(2, interpolation="bilinear", data_format="channels_first"), (1, 2, 3, 3), 70),
    # Bidirectional (merge_mode None returns a list: tests/layers/rnn/bidirectional.test.ts)
    "bidirectional_lstm": lambda: keras3_case(L.Bidirectional(L.LSTM(3)), (2, 4, 3), 130),
    "bidirectional_gru_sequences_sum": lambda: keras3_case(L.Bidirectional(L.GRU(3, return_sequences=True), merge_mode="sum"), (2, 4, 3), 131),
    "bidirectional_lstm_sequences_mul": lambda: keras3_case(L.Bidirectional(L.LSTM(2, return_sequences=True), merge_mode="mul"), (2, 3, 2), 132),
    "bidirectional_simple_rnn_backward_layer_ave": lambda: keras3_case(L.Bidirectional(
        L.SimpleRNN(2, return_sequences=True), merge_mode="ave",
        backward_layer=L.SimpleRNN(2, activation="relu", return_sequences=True, go_backwards=True)), (2, 4, 3), 133),
    # ConvLSTM
    "conv_lstm2d": lambda: keras3_case(L.ConvLSTM2D(2, 3), (2, 3, 5, 5, 2), 140),
    "conv_lstm2d_same_sequences_backwards": lambda: keras3_case(
        L.ConvLSTM2D(2, (3, 2), padding="same", return_sequences=True, go_backwards=True), (1, 3, 4, 4, 2), 141),
    "conv_lstm2d_channels_first_strides": lambda: keras3_case(L.ConvLSTM2D(3, 2, strides=2, data_format="channels_first"), (2, 2, 2, 5, 5), 142),
    "conv_lstm2d_no_bias_relu_hard_sigmoid": lambda: keras3_case(
        L.ConvLSTM2D(2, 2, use_bias=False, activation="relu", recurrent_activation="hard_sigmoid", return_sequences=True), (1, 3, 3, 3, 1), 143),
    "conv_lstm1d_dilated_sequences": lambda: keras3_case(L.ConvLSTM1D(3, 2, dilation_rate=2, return_sequences=True), (2, 3, 6, 2), 144),
    "conv_lstm3d_same": lambda: keras3_case(L.ConvLSTM3D(2, 2, padding="same"), (1, 2, 3, 3, 3, 1), 145),
    # Preprocessing
    "rescaling": lambda: keras3_case(L.Rescaling(1 / 127.5, offset=-1), (2, 3, 4), 100),
    "rescaling_per_channel": lambda: keras3_case(L.Rescaling([0.5, 2.0, -1.0], offset=[0.1, 0.0, -0.2]), (2, 2, 2, 3), 101),
    "normalization_adapted": lambda: keras3_case(L.Normalization(), (2, 3, 4), 102),
    "normalization_axes_invert": lambda: keras3_case(L.Normalization(axis=(1, 2), invert=True), (2, 3, 2), 103),
    "normalization_given": lambda: keras3_case(L.Normalization(axis=(1, 2), mean=[1.0, -2.0], variance=[4.0, 0.25]), (2, 3, 2), 104),
    "normalization_axis_none": lambda: keras3_case(L.Normalization(axis=None, mean=0.5, variance=2.0), (2, 3), 105),
    # Layers of keras.applications
    "layer_scale": lambda: keras3_case(LayerScale(1e-6, 4), (2, 3, 4), 110),
    "custom_scale_layer": lambda: keras3_case(CustomScaleLayer(0.17), [(2, 3, 4), (2, 3, 4)], 111),
    # Wrappers
    "spectral_normalization_dense": lambda: spectral_case(L.SpectralNormalization(L.Dense(3), power_iterations=2), (2, 4), 90),
    "spectral_normalization_dense_inference": lambda: keras3_case(L.SpectralNormalization(L.Dense(3, activation="tanh")), (2, 3, 4), 91),
    "spectral_normalization_conv2d": lambda: spectral_case(L.SpectralNormalization(L.Conv2D(2, 2, padding="same")), (2, 3, 3, 2), 92),
    "spectral_normalization_conv2d_inference": lambda: keras3_case(L.SpectralNormalization(L.Conv2D(3, (2, 1), strides=2)), (1, 4, 3, 2), 93),
    "time_distributed_dense": lambda: keras3_case(L.TimeDistributed(L.Dense(3, activation="tanh")), (2, 4, 5), 150),
    "time_distributed_dense_4d": lambda: keras3_case(L.TimeDistributed(L.Dense(2, use_bias=False)), (2, 3, 2, 4), 151),
    "time_distributed_conv2d": lambda: keras3_case(L.TimeDistributed(L.Conv2D(2, 2, strides=(1, 2), activation="relu")), (2, 3, 4, 5, 2), 152),
    # Recurrent (masks, initial states and returned states: scripts/keras/rnn_fixtures.py)
    "simple_rnn_sequences": lambda: keras3_case(L.SimpleRNN(3, return_sequences=True), (2, 4, 3), 120),
    "simple_rnn_relu_backwards": lambda: keras3_case(L.SimpleRNN(3, activation="relu", go_backwards=True), (2, 4, 3), 121),
    "gru": lambda: keras3_case(L.GRU(3), (2, 4, 3), 122),
    "gru_reset_before_sequences_backwards": lambda: keras3_case(L.GRU(3, reset_after=False, return_sequences=True, go_backwards=True), (2, 4, 3), 123),
    "lstm_sequences": lambda: keras3_case(L.LSTM(3, return_sequences=True), (2, 4, 3), 124),
    "lstm_backwards_no_bias": lambda: keras3_case(L.LSTM(3, go_backwards=True, use_bias=False), (2, 4, 3), 125),
    "lstm_hard_sigmoid_relu": lambda: keras3_case(L.LSTM(2, activation="relu", recurrent_activation="hard_sigmoid", return_sequences=True), (2, 3, 2), 126),
    "rnn_stacked_cells": lambda: keras3_case(L.RNN([L.LSTMCell(3), L.GRUCell(2, reset_after=False)], return_sequences=True), (2, 4, 3), 127),
    "lstm_swish_step_loop": lambda: keras3_case(L.LSTM(2, activation="silu"), (2, 3, 2), 128),
    # Attention
    "einsum_dense": lambda: keras3_case(L.EinsumDense("ab,bc->ac", 4, bias_axes="c"), (2, 3), 120),
    "einsum_dense_heads": lambda: keras3_case(L.EinsumDense("abc,cde->abde", (4, 2, 3), bias_axes="de", activation="tanh"), (2, 4, 5), 121),
    "einsum_dense_left_elided": lambda: keras3_case(L.EinsumDense("...b,bc->...c", 3, bias_axes="c"), (2, 4, 5), 122),
    "einsum_dense_right_elided": lambda: keras3_case(L.EinsumDense("ab...,bc->ac...", 3), (2, 4, 3), 123),
    "attention_dot": lambda: attention_case(L.Attention(), [(2, 3, 4), (2, 5, 4)], 130),
    "attention_scaled_key_scores": lambda: attention_case(L.Attention(use_scale=True), [(2, 3, 4), (2, 5, 6), (2, 5, 4)], 131, call={"return_attention_scores": True}),
    "attention_concat_masked": lambda: attention_case(L.Attention(use_scale=True, score_mode="concat"), [(2, 4, 3), (2, 5, 3)], 132, masks=[fixed_mask((2, 4), 1), fixed_mask((2, 5), 2)]),
    "attention_causal": lambda: attention_case(L.Attention(), [(2, 4, 3), (2, 4, 3)], 133, call={"use_causal_mask": True, "return_attention_scores": True}),
    "additive_attention": lambda: attention_case(L.AdditiveAttention(), [(2, 3, 4), (2, 5, 4)], 134, masks=[None, fixed_mask((2, 5), 3)]),
    "additive_attention_unscaled": lambda: attention_case(L.AdditiveAttention(use_scale=False), [(2, 3, 4), (2, 5, 4), (2, 5, 4)], 135),
    "multi_head_attention": lambda: attention_case(L.MultiHeadAttention(2, 3), [(2, 4, 5), (2, 6, 5)], 140, spread=True),
    "multi_head_attention_key_scores": lambda: attention_case(L.MultiHeadAttention(2, 3, value_dim=4, output_shape=6), [(2, 4, 5), (2, 6, 3), (2, 6, 7)], 141, spread=True, call={"return_attention_scores": True}),
    "multi_head_attention_causal": lambda: attention_case(L.MultiHeadAttention(3, 2, use_bias=False), [(2, 5, 4), (2, 5, 4)], 142, spread=True, call={"use_causal_mask": True}),
    "multi_head_attention_masks": lambda: attention_case(L.MultiHeadAttention(2, 3), [(2, 4, 5), (2, 6, 5)], 143, spread=True, attention_mask=fixed_mask((2, 4, 6), 4), value_mask=fixed_mask((2, 6), 5)),
    "multi_head_attention_masks_scores": lambda: attention_case(L.MultiHeadAttention(2, 3), [(2, 4, 5), (2, 4, 5)], 144, spread=True, attention_mask=fixed_mask((2, 4, 4), 6), call={"return_attention_scores": True, "use_causal_mask": True}),
    "multi_head_attention_axes": lambda: attention_case(L.MultiHeadAttention(2, 2, attention_axes=(1, 2)), [(2, 3, 2, 4), (2, 3, 2, 4)], 145, spread=True, call={"return_attention_scores": True}),
    "multi_head_attention_axis2": lambda: attention_case(L.MultiHeadAttention(2, 2, attention_axes=2), [(2, 3, 4, 5), (2, 3, 2, 5)], 146, spread=True),
    "group_query_attention": lambda: attention_case(L.GroupQueryAttention(3, 4, 2), [(2, 4, 5), (2, 6, 5)], 150, spread=True),
    "group_query_attention_key_causal_scores": lambda: attention_case(L.GroupQueryAttention(2, 4, 1, use_bias=False), [(2, 5, 3), (2, 5, 3), (2, 5, 4)], 151, spread=True, call={"use_causal_mask": True, "return_attention_scores": True}),
    "group_query_attention_masks": lambda: attention_case(L.GroupQueryAttention(2, 2, 2), [(2, 4, 3), (2, 5, 3)], 152, spread=True, attention_mask=fixed_mask((2, 4, 5), 7), value_mask=fixed_mask((2, 5), 8)),
    # Locally connected (tf_keras 2)
    "locally_connected1d": lambda: tf_keras_case(K2.LocallyConnected1D(3, 3, strides=2), (2, 7, 2), 80),
    "locally_connected1d_impl2_same": lambda: tf_keras_case(K2.LocallyConnected1D(2, 2, padding="same", implementation=2, activation="tanh"), (2, 5, 3), 81),
    "locally_connected1d_impl3_same": lambda: tf_keras_case(K2.LocallyConnected1D(2, 3, strides=2, padding="same", implementation=3), (2, 6, 2), 82),
    "locally_connected1d_channels_first": lambda: tf_keras_case(K2.LocallyConnected1D(2, 2, data_format="channels_first"), (2, 3, 5), 83),
    "locally_connected1d_impl3_channels_first": lambda: tf_keras_case(K2.LocallyConnected1D(2, 2, data_format="channels_first", implementation=3), (2, 3, 5), 84),
    "locally_connected2d": lambda: tf_keras_case(K2.LocallyConnected2D(2, (2, 3), strides=(1, 2)), (2, 4, 5, 2), 85),
    "locally_connected2d_channels_first": lambda: tf_keras_case(K2.LocallyConnected2D(3, 2, data_format="channels_first"), (1, 2, 3, 4), 86),
    "locally_connected2d_impl2_same": lambda: tf_keras_case(K2.LocallyConnected2D(2, 2, strides=2, padding="same", implementation=2), (1, 3, 4, 2), 87),
    "locally_connected2d_impl2_channels_first": lambda: tf_keras_case(K2.LocallyConnected2D(2, 2, data_format="channels_first", implementation=2, use_bias=False), (1, 2, 3, 3), 88),
    "locally_connected2d_impl3_same": lambda: tf_keras_case(K2.LocallyConnected2D(2, 3, padding="same", implementation=3, activation="relu"), (2, 3, 3, 1), 89),
}


def main(names):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in names or CASES:
        case = CASES[name]()
        (OUT_DIR / f"{name}.json").write_text(json.dumps(case, separators=(",", ":")) + "\n")
        print(f"{name}: output {case['output_shape']}")


if __name__ == "__main__":
    main(sys.argv[1:])
