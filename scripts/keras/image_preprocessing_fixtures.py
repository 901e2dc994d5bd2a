"""Keras 3.15.1's image ops and deterministic image layers on fixed inputs, for kerasm's tests
(tests/ops/image_keras.test.ts, tests/layers/preprocessing/image/).

    KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/image_preprocessing_fixtures.py

writes tests/fixtures/image/image_ops.json: for every case, the inputs (images, and the
transform of `affine_transform`), the options in kerasm's spelling, Keras's output, and the
gradient of `sum(output * weights)` with respect to the images (`weights` fixed, given too), from
`jax.grad` through Keras's op. Small images (at most 2 × 7 × 6 × 2) keep the file small.

It also writes tests/fixtures/image/image_layers.json: the image layers called in training on
fixed images, with factors whose range is a single value (so that the random draw does not
matter: the rotation angle, zoom, shift, contrast factor and brightness delta are fixed), and the
deterministic layers; each case gives the class, the config arguments in kerasm's spelling, the
images and Keras's output.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import json
import math
import pathlib

import jax
import jax.numpy as jnp
import numpy as np

import keras
from keras import ops

REPO = pathlib.Path(__file__).resolve().parents[2]
OUT = REPO / "tests" / "fixtures" / "image" / "image_ops.json"


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


def values(shape, seed):
    return np.random.default_rng(seed).uniform(-1, 1, size=shape).astype("float32")


def rounded(array):
    return np.round(np.asarray(array, dtype="float64"), 6).tolist()


def case(op, images, options, transform=None):
    weights = None
    if op == "resize":
        f = lambda x: ops.image.resize(x, **options)
    else:
        f = lambda x: ops.image.affine_transform(x, transform, **options)
    out = np.asarray(f(images))
    weights = values(out.shape, 99)
    grad = jax.grad(lambda x: jnp.sum(f(x) * weights))(jnp.asarray(images))
    entry = {
        "op": op,
        "images": {"shape": list(images.shape), "values": rounded(images.reshape(-1))},
        "options": {camel(k): (list(v) if isinstance(v, tuple) else v) for k, v in options.items()},
        "output": {"shape": list(out.shape), "values": rounded(out.reshape(-1))},
        "weights": rounded(weights.reshape(-1)),
        "grad": rounded(np.asarray(grad).reshape(-1)),
    }
    if transform is not None:
        entry["transform"] = rounded(transform)
    return entry


def rotation_zoom(height, width, degrees, zoom, shift):
    """A rotation about the centre, a zoom and a shift: every pixel interpolated, some outside."""
    t = math.radians(degrees)
    cx, cy = (width - 1) / 2, (height - 1) / 2
    a0, a1 = zoom * math.cos(t), -zoom * math.sin(t)
    b0, b1 = zoom * math.sin(t), zoom * math.cos(t)
    return [a0, a1, cx - cx * a0 - cy * a1 + shift, b0, b1, cy - cx * b0 - cy * b1 - shift, 0.0, 0.0]


def cases():
    out = []
    images = values((2, 5, 6, 2), 1)
    for interpolation in ["bilinear", "nearest", "bicubic", "lanczos3", "lanczos5"]:
        for size in [(7, 4), (3, 9), (2, 2)]:
            for antialias in [False, True]:
                out.append(case("resize", images, {"size": size, "interpolation": interpolation, "antialias": antialias}))
    out.append(case("resize", images, {"size": (4, 4), "crop_to_aspect_ratio": True}))
    out.append(case("resize", images, {"size": (4, 4), "pad_to_aspect_ratio": True, "fill_value": 0.5}))
    out.append(case("resize", images, {"size": (2, 6), "pad_to_aspect_ratio": True, "fill_value": -1.0}))
    out.append(case("resize", values((2, 5, 6), 2), {"size": (3, 4), "data_format": "channels_first"}))
    out.append(case("resize", values((5, 6, 3), 3), {"size": (6, 3), "interpolation": "bicubic"}))

    images = values((2, 7, 6, 2), 4)
    transform = np.array([rotation_zoom(7, 6, 30, 1.2, 0.7), rotation_zoom(7, 6, -75, 0.8, -1.3)], dtype="float32")
    for interpolation in ["bilinear", "nearest"]:
        for fill_mode in ["constant", "nearest", "wrap", "mirror", "reflect"]:
            out.append(case("affine_transform", images, {"interpolation": interpolation, "fill_mode": fill_mode, "fill_value": 0.25}, transform))
    out.append(case("affine_transform", values((2, 3, 7, 6), 5), {"data_format": "channels_first", "fill_mode": "reflect"}, transform))
    out.append(case("affine_transform", values((7, 6, 3), 6), {"fill_mode": "wrap"}, transform[0]))
    return out


LAYER_CASES = [
    ("Resizing", {"height": 4, "width": 9, "interpolation": "bicubic", "antialias": True}, (2, 5, 6, 2)),
    ("Resizing", {"height": 4, "width": 4, "crop_to_aspect_ratio": True, "data_format": "channels_first"}, (2, 2, 5, 6)),
    ("CenterCrop", {"height": 3, "width": 4}, (2, 5, 6, 2)),
    ("CenterCrop", {"height": 7, "width": 4}, (5, 6, 2)),
    ("RandomRotation", {"factor": [0.1, 0.1], "fill_mode": "reflect"}, (2, 7, 6, 2)),
    ("RandomRotation", {"factor": [-0.3, -0.3], "fill_mode": "constant", "fill_value": 0.5, "interpolation": "nearest"}, (7, 6, 2)),
    ("RandomZoom", {"height_factor": [0.3, 0.3], "width_factor": [-0.2, -0.2], "fill_mode": "wrap"}, (2, 7, 6, 2)),
    ("RandomZoom", {"height_factor": [-0.4, -0.4], "fill_mode": "nearest", "data_format": "channels_first"}, (2, 2, 7, 6)),
    ("RandomTranslation", {"height_factor": [0.2, 0.2], "width_factor": [-0.3, -0.3], "fill_mode": "reflect"}, (2, 7, 6, 2)),
    ("RandomTranslation", {"height_factor": [-0.25, -0.25], "width_factor": [0.5, 0.5], "fill_mode": "constant", "interpolation": "nearest"}, (7, 6, 2)),
    ("RandomContrast", {"factor": [0.0, 0.0], "value_range": [-0.5, 0.5]}, (2, 5, 6, 2)),
    ("RandomBrightness", {"factor": [0.1, 0.1], "value_range": [-1, 0.9]}, (2, 5, 6, 2)),
]


def layer_cases():
    out = []
    for i, (name, kwargs, shape) in enumerate(LAYER_CASES):
        images = values(shape, 10 + i)
        layer = getattr(keras.layers, name)(**kwargs)
        result = np.asarray(layer(images, training=True))
        out.append({
            "class_name": name,
            "args": {camel(k): v for k, v in kwargs.items()},
            "images": {"shape": list(shape), "values": rounded(images.reshape(-1))},
            "output": {"shape": list(result.shape), "values": rounded(result.reshape(-1))},
        })
    return out


def main():
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"keras_version": keras.__version__, "cases": cases()}) + "\n")
    layers_out = OUT.parent / "image_layers.json"
    layers_out.write_text(json.dumps({"keras_version": keras.__version__, "cases": layer_cases()}) + "\n")
    print(f"wrote {OUT} and {layers_out}")


if __name__ == "__main__":
    main()
