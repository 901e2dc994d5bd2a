"""Fixtures for kerasm's directory loaders, from Keras 3.15.1 (TensorFlow decodes and resizes).

Writes a small tree of text and image files under tests/fixtures/loaders/tree/ (made with
TensorFlow's PNG/JPEG encoders from fixed random pixels), then what Keras's
`text_dataset_from_directory` and `image_dataset_from_directory` make of it:
tests/fixtures/loaders/keras.json holds, per case, the file paths (relative to the tree's
folder) and labels of each split, the class names and, for unshuffled cases, the texts or the
images' pixels after decoding and resizing.

Run: KERAS_BACKEND=jax /tmp/kenv-layers/bin/python scripts/keras/loader_fixtures.py
"""
import json
import os
import shutil

import numpy as np
import tensorflow as tf
import keras
from keras.src.utils import dataset_utils

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "tests", "fixtures", "loaders")
TREE = os.path.join(OUT, "tree")

TEXTS = {
    "text/neg/b.txt": "bad, not good at all",
    "text/neg/a.txt": "awful film",
    "text/neg/C.TXT": "dull: upper-case ending still counts",
    "text/neg/notes.md": "not a text sample (wrong ending)",
    "text/neg/sub/deep.txt": "nested files belong to their class folder",
    "text/neg/sub-x/z.txt": "sorted by folder path: sub before sub-x",
    "text/pos/é.txt": "café — naïve, multi-byte text",
    "text/pos/10.txt": "great",
    "text/pos/9.txt": "loved it",
    "text/pos/.hidden.txt": "hidden files are still files",
    "text/.hidden/x.txt": "hidden folders are no class",
    "text/pos/y.txt": "fine",
    "text/zeta/only.txt": "a third class",
}


def write_tree():
    shutil.rmtree(TREE, ignore_errors=True)
    for rel, text in TEXTS.items():
        path = os.path.join(TREE, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    rng = np.random.RandomState(0)
    images = [
        ("images/cat/a_rgb.png", (9, 7, 3), "png"),
        ("images/cat/b_gray.png", (6, 10, 1), "png"),
        ("images/cat/c_rgba.png", (8, 8, 4), "png"),
        ("images/dog/d_rgb.jpg", (16, 12, 3), "jpeg"),
        ("images/dog/e_gray.jpeg", (10, 14, 1), "jpeg"),
        ("images/dog/f_small.PNG", (3, 4, 3), "png"),
    ]
    for rel, shape, kind in images:
        path = os.path.join(TREE, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # Smooth pictures (a gradient plus noise), so JPEG's loss stays small and decoders agree.
        h, w, c = shape
        base = np.add.outer(np.linspace(0, 180, h), np.linspace(0, 60, w))[..., None]
        pixels = np.clip(base + rng.randint(0, 40, size=shape), 0, 255).astype("uint8")
        if c == 4:
            pixels[..., 3] = rng.randint(128, 256, size=(h, w))
        encode = tf.io.encode_png if kind == "png" else lambda p: tf.io.encode_jpeg(p, quality=95)
        tf.io.write_file(path, encode(pixels))
    with open(os.path.join(TREE, "images", "dog", "ignored.txt"), "w") as f:
        f.write("not an image")


def relative(paths, folder):
    return [os.path.relpath(p, folder) for p in paths]


def index_case(folder, formats, **kwargs):
    """Keras's index_directory and both splits, as the loaders take them."""
    paths, labels, class_names = dataset_utils.index_directory(folder, formats=formats, **kwargs)
    labels = None if labels is None else [int(v) for v in labels]
    return {"files": relative(paths, folder), "labels": labels, "class_names": class_names}


def split_case(folder, formats, validation_split, seed):
    """The files and labels of each split, as the loaders cut them from index_directory's list."""
    paths, labels, class_names = dataset_utils.index_directory(folder, "inferred", formats=formats, seed=seed, verbose=False)
    case = {"class_names": class_names}
    for subset in ("training", "validation"):
        files, subset_labels = dataset_utils.get_training_or_validation_split(paths, labels, validation_split, subset)
        case[subset] = {"files": relative(files, folder), "labels": [int(v) for v in subset_labels]}
    return case


def text_cases():
    folder = os.path.join(TREE, "text")
    cases = {}
    cases["index_sorted"] = index_case(folder, (".txt",), labels="inferred", shuffle=False)
    cases["index_seed_1337"] = index_case(folder, (".txt",), labels="inferred", shuffle=True, seed=1337)
    cases["index_class_names"] = index_case(folder, (".txt",), labels="inferred", class_names=["zeta", "neg"], shuffle=False)
    cases["index_no_labels"] = index_case(folder, (".txt",), labels=None, shuffle=True, seed=7)
    n = len(cases["index_no_labels"]["files"])
    manual = [int(v) for v in np.arange(n) % 3 * 2]
    cases["index_manual_labels"] = index_case(folder, (".txt",), labels=manual, shuffle=False)
    cases["index_manual_labels"]["given"] = manual
    cases["split_seed_42"] = split_case(folder, (".txt",), 0.3, 42)
    for mode in ("int", "categorical"):
        ds = keras.utils.text_dataset_from_directory(folder, label_mode=mode, shuffle=False, max_length=6, batch_size=4, verbose=False)
        batches = [(x.numpy().tolist(), y.numpy().tolist()) for x, y in ds]
        cases[f"batches_{mode}_max_length_6"] = {
            "texts": [t.decode("utf-8", errors="replace") for xs, _ in batches for t in xs],
            "batch_sizes": [len(xs) for xs, _ in batches],
            "labels": [label for _, ys in batches for label in ys],
        }
    return cases


def image_cases():
    folder = os.path.join(TREE, "images")
    formats = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
    cases = {"index_seed_3": index_case(folder, formats, labels="inferred", shuffle=True, seed=3)}
    cases["split_seed_5"] = split_case(folder, formats, 0.5, 5)
    # The image loader's own file_paths of each split: the same cut.
    train, val = keras.utils.image_dataset_from_directory(folder, validation_split=0.5, subset="both", seed=5, image_size=(4, 4), verbose=False)
    assert relative(train.file_paths, folder) == cases["split_seed_5"]["training"]["files"]
    assert relative(val.file_paths, folder) == cases["split_seed_5"]["validation"]["files"]
    variants = {
        "rgb_bilinear": dict(),
        "grayscale": dict(color_mode="grayscale"),
        "rgba": dict(color_mode="rgba", class_names=["cat"]),  # TensorFlow: "JPEG does not support 4 channels"
        "nearest": dict(interpolation="nearest"),
        "crop": dict(crop_to_aspect_ratio=True),
        "pad": dict(pad_to_aspect_ratio=True),
        "channels_first": dict(data_format="channels_first"),
        "binary": dict(label_mode="binary"),
    }
    for name, extra in variants.items():
        ds = keras.utils.image_dataset_from_directory(folder, shuffle=False, image_size=(5, 6), batch_size=4, verbose=False, **extra)
        images, labels = [], []
        for x, y in ds:
            images += x.numpy().tolist()
            labels += y.numpy().tolist()
        cases[name] = {"options": extra, "images": images, "labels": labels, "files": relative(ds.file_paths, folder)}
    return cases


def decoded_pixels():
    """TensorFlow's decode_image of each fixture image, for each channel count it allows."""
    folder = os.path.join(TREE, "images")
    out = {}
    for cls in ("cat", "dog"):
        for name in sorted(os.listdir(os.path.join(folder, cls))):
            if name.endswith(".txt"):
                continue
            data = tf.io.read_file(os.path.join(folder, cls, name))
            channels = (1, 3) if "jp" in name.lower() else (1, 3, 4)
            out[f"{cls}/{name}"] = {str(c): tf.image.decode_image(data, channels=c).numpy().tolist() for c in channels}
    return out


def main():
    write_tree()
    fixtures = {"keras_version": keras.__version__, "text": text_cases(), "images": image_cases(), "decoded": decoded_pixels()}
    with open(os.path.join(OUT, "keras.json"), "w") as f:
        json.dump(fixtures, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
