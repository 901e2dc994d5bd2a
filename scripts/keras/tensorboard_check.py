"""Reads kerasm's TensorBoard event files with TensorBoard's and TensorFlow's own readers.

Run (from the repository root; the venv with TensorFlow, plus `pip install tensorboard`):
    KERASM_TENSORBOARD_OUT=/tmp/kerasm-tb npx vitest run --project threaded tests/training/callbacks/tensorboard.test.ts
    /tmp/kenv-layers/bin/python scripts/keras/tensorboard_check.py /tmp/kerasm-tb

For each run folder (`train`, `validation`): every record is read by `tf.data.TFRecordDataset`
(which checks the masked CRC-32C of each length and each record), then TensorBoard's
`EventAccumulator` (the one its plugins read, which gives TensorFlow 2's scalar summaries as
tensors of the `scalars` plugin) loads the folder and the scalars it finds are printed, with the
Keras model graph when there is one. Exits non-zero when a folder is missing, a record is corrupt, or no
scalar is found.
"""
import glob
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402
from tensorboard.plugins.graph import keras_util  # noqa: E402
from tensorboard.backend.event_processing.plugin_event_accumulator import EventAccumulator  # noqa: E402


def check_records(folder):
    files = glob.glob(os.path.join(folder, "events.out.tfevents.*"))
    if not files:
        sys.exit(f"FAIL: no event file in {folder}")
    count = sum(1 for _ in tf.data.TFRecordDataset(files))
    print(f"{folder}: {len(files)} file(s), {count} records, every CRC valid")


def show_scalars(folder):
    accumulator = EventAccumulator(folder)
    accumulator.Reload()
    by_plugin = {}
    for tag in accumulator.Tags()["tensors"]:
        by_plugin.setdefault(accumulator.SummaryMetadata(tag).plugin_data.plugin_name, []).append(tag)
    if not by_plugin.get("scalars"):
        sys.exit(f"FAIL: TensorBoard found no scalars in {folder}")
    for tag in by_plugin["scalars"]:
        points = ", ".join(f"{e.step}: {tf.make_ndarray(e.tensor_proto).item():.6g}" for e in accumulator.Tensors(tag))
        print(f"  {tag}: {points}")
    for tag in by_plugin.get("graph_keras_model", []):
        [event] = accumulator.Tensors(tag)
        model = json.loads(tf.make_ndarray(event.tensor_proto).item())
        # What TensorBoard's graph tab does with it: a GraphDef of the model's layers.
        graph = keras_util.keras_model_to_graph_def(model)
        print(f"  graph ({tag}): a {model['class_name']}, drawn by TensorBoard's graph plugin as nodes {[n.name for n in graph.node]}")


def main():
    root = sys.argv[1]
    for name in ("train", "validation"):
        folder = os.path.join(root, name)
        if not os.path.isdir(folder):
            sys.exit(f"FAIL: {folder} is missing")
        check_records(folder)
        show_scalars(folder)
    print("PASS")


main()
