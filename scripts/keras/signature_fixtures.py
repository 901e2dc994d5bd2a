"""Keras 3's constructor signatures and default configs, for tests/signatures.test.ts.

Run (from the repository root; needs PyPI):
    python3 -m venv /tmp/kenv-layers && /tmp/kenv-layers/bin/pip install -r scripts/keras/requirements-layers.txt \
      && /tmp/kenv-layers/bin/python scripts/keras/signature_fixtures.py

For every public class of keras.layers, initializers, regularizers, constraints, optimizers,
optimizers.schedules (as `schedules`), models, losses, metrics and callbacks it records `inspect.signature(cls.__init__)` (each parameter's
name, kind and default, in Keras's order) and, where the class has a `get_config`, the config of
an instance built with only its required arguments (the values in REQUIRED). kerasm's test checks
every exported class with a Keras twin against this file, so a new class is covered by exporting
it (and, if Keras requires arguments to build it, adding them to REQUIRED).
"""
import inspect
import json
import math
import re
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "signatures" / "keras_signatures.json"
NAMESPACES = ["layers", "initializers", "regularizers", "constraints", "optimizers", "losses", "metrics", "callbacks", "models", "schedules"]
# Namespaces that are not attributes of `keras` itself, by their module path under it.
NESTED = {"schedules": "optimizers.schedules"}

# The required arguments of classes that cannot be built without any (keyword form).
REQUIRED = {
    "layers": {
        "Dense": {"units": 3},
        "EinsumDense": {"equation": "ab,bc->ac", "output_shape": 4},
        "Embedding": {"input_dim": 10, "output_dim": 4},
        "Activation": {"activation": "relu"},
        "Dropout": {"rate": 0.5},
        "SpatialDropout1D": {"rate": 0.5},
        "SpatialDropout2D": {"rate": 0.5},
        "SpatialDropout3D": {"rate": 0.5},
        "GaussianNoise": {"stddev": 0.1},
        "GaussianDropout": {"rate": 0.5},
        "AlphaDropout": {"rate": 0.5},
        "Reshape": {"target_shape": [2, 3]},
        "Permute": {"dims": [2, 1]},
        "RepeatVector": {"n": 2},
        "Dot": {"axes": 1},
        "Conv1D": {"filters": 2, "kernel_size": 3},
        "Conv2D": {"filters": 2, "kernel_size": 3},
        "Conv3D": {"filters": 2, "kernel_size": 3},
        "Conv1DTranspose": {"filters": 2, "kernel_size": 3},
        "Conv2DTranspose": {"filters": 2, "kernel_size": 3},
        "Conv3DTranspose": {"filters": 2, "kernel_size": 3},
        "SeparableConv1D": {"filters": 2, "kernel_size": 3},
        "SeparableConv2D": {"filters": 2, "kernel_size": 3},
        "DepthwiseConv1D": {"kernel_size": 3},
        "DepthwiseConv2D": {"kernel_size": 3},
        "ConvLSTM1D": {"filters": 2, "kernel_size": 3},
        "ConvLSTM2D": {"filters": 2, "kernel_size": 3},
        "ConvLSTM3D": {"filters": 2, "kernel_size": 3},
        "GroupNormalization": {},
        "SimpleRNN": {"units": 3},
        "GRU": {"units": 3},
        "LSTM": {"units": 3},
        "SimpleRNNCell": {"units": 3},
        "GRUCell": {"units": 3},
        "LSTMCell": {"units": 3},
        "MultiHeadAttention": {"num_heads": 2, "key_dim": 4},
        "GroupedQueryAttention": {"head_dim": 4, "num_query_heads": 4, "num_key_value_heads": 2},
        "Resizing": {"height": 4, "width": 4},
        "CenterCrop": {"height": 4, "width": 4},
        "RandomCrop": {"height": 4, "width": 4},
        "RandomRotation": {"factor": 0.1},
        "RandomTranslation": {"height_factor": 0.1, "width_factor": 0.1},
        "RandomZoom": {"height_factor": 0.1},
        "RandomHeight": {"factor": 0.1},
        "RandomWidth": {"factor": 0.1},
        "RandomContrast": {"factor": 0.1},
        "RandomBrightness": {"factor": 0.1},
        "Rescaling": {"scale": 0.5},
        "Hashing": {"num_bins": 4},
        "HashedCrossing": {"num_bins": 4},
        "CategoryEncoding": {"num_tokens": 4},
        "AveragePooling1D": {"pool_size": 2},
        "AveragePooling2D": {"pool_size": 2},
        "AveragePooling3D": {"pool_size": 2},
        "AdaptiveAveragePooling1D": {"output_size": 2},
        "AdaptiveAveragePooling2D": {"output_size": 2},
        "AdaptiveAveragePooling3D": {"output_size": 2},
        "AdaptiveMaxPooling1D": {"output_size": 2},
        "AdaptiveMaxPooling2D": {"output_size": 2},
        "AdaptiveMaxPooling3D": {"output_size": 2},
        "Discretization": {"num_bins": 4},
        "InputLayer": {"shape": [3]},
        "MaxNumBoundingBoxes": {"max_number": 4},
        "RandomColorDegeneration": {"factor": 0.1},
        "RandomHue": {"factor": 0.1},
        "RandomPosterization": {"factor": 4},
        "RandomSaturation": {"factor": 0.1},
        "RandomSharpness": {"factor": 0.1},
        "ReversibleEmbedding": {"input_dim": 10, "output_dim": 4},
        "Bidirectional": {"layer": lambda: keras.layers.LSTM(3)},
        "TimeDistributed": {"layer": lambda: keras.layers.Dense(3)},
        "SpectralNormalization": {"layer": lambda: keras.layers.Dense(3)},
        "StackedRNNCells": {"cells": lambda: [keras.layers.SimpleRNNCell(3)]},
        "RNN": {"cell": lambda: keras.layers.SimpleRNNCell(3)},
    },
    "metrics": {
        "MeanIoU": {"num_classes": 3},
        "IoU": {"num_classes": 3, "target_class_ids": [0]},
        "OneHotIoU": {"num_classes": 3, "target_class_ids": [0]},
        "OneHotMeanIoU": {"num_classes": 3},
        "BinaryIoU": {},
        "PrecisionAtRecall": {"recall": 0.5},
        "RecallAtPrecision": {"precision": 0.5},
        "SensitivityAtSpecificity": {"specificity": 0.5},
        "SpecificityAtSensitivity": {"sensitivity": 0.5},
        "FBetaScore": {},
    },
    "optimizers": {"LossScaleOptimizer": {"inner_optimizer": lambda: keras.optimizers.SGD()}},
    "schedules": {
        "ExponentialDecay": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5},
        "InverseTimeDecay": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5},
        "PolynomialDecay": {"initial_learning_rate": 0.1, "decay_steps": 10},
        "CosineDecay": {"initial_learning_rate": 0.1, "decay_steps": 10},
        "CosineDecayRestarts": {"initial_learning_rate": 0.1, "first_decay_steps": 10},
        "PiecewiseConstantDecay": {"boundaries": [10], "values": [0.1, 0.01]},
    },
}


def required_args(namespace, cls):
    """The REQUIRED arguments of `cls` (by its own name, so aliases share them), objects built."""
    required = REQUIRED.get(namespace, {}).get(cls.__name__, {})
    return {k: (v() if callable(v) else v) for k, v in required.items()}


def to_json(value):
    """A default value as JSON: tuples as lists, None as null, what JSON cannot hold as {"python": repr}."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else {"python": repr(float(value))}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return to_json(value.tolist())
    if isinstance(value, (keras.layers.Layer, keras.optimizers.Optimizer)):
        return keras.saving.serialize_keras_object(value)
    return {"python": type(value).__name__}


def parameters(cls):
    params = []
    for p in list(inspect.signature(cls.__init__).parameters.values())[1:]:
        entry = {"name": p.name, "kind": p.kind.name}
        if p.default is not inspect.Parameter.empty:
            entry["default"] = to_json(p.default)
        params.append(entry)
    return params


def default_config(namespace, name, cls):
    if not hasattr(cls, "get_config") or namespace == "callbacks":
        return None
    try:
        instance = cls(**required_args(namespace, cls))
    except Exception as error:  # abstract bases and classes needing arguments not listed
        return {"error": describe(error)}
    try:
        return to_json(instance.get_config())
    except Exception as error:
        return {"error": describe(error)}


def describe(error):
    """The error's type and message, without object addresses, so the file is the same on every run."""
    return re.sub(r" at 0x[0-9a-f]+", "", f"{type(error).__name__}: {error}")[:200]


def main():
    keras.utils.set_random_seed(0)  # configs that draw a seed (RandomCrop) come out the same on every run
    fixture = {"keras_version": keras.__version__, "classes": {}}
    for namespace in NAMESPACES:
        module = keras
        for name in NESTED.get(namespace, namespace).split("."):
            module = getattr(module, name)
        classes = {}
        for name in sorted(dir(module)):
            cls = getattr(module, name)
            if not inspect.isclass(cls) or name.startswith("_"):
                continue
            if cls.__name__ != name and hasattr(module, cls.__name__):
                classes[name] = {"alias_of": cls.__name__}
                continue
            entry = {"params": parameters(cls)}
            required = required_args(namespace, cls)
            if required:
                entry["required"] = to_json(required)
            config = default_config(namespace, name, cls)
            if config is not None:
                entry["config"] = config
            classes[name] = entry
        fixture["classes"][namespace] = classes
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1, sort_keys=False) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
