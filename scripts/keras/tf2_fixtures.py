"""Genuine tf.keras 2 legacy files of the MLP and the CNN, for kerasm's legacy `.h5` reader.

    python scripts/keras/tf2_fixtures.py [DIR]   # default tests/fixtures/saving

Run it in the venv of scripts/keras/requirements-tf2.txt. It builds the two models with tf_keras
(the Keras 2 line of tf.keras), trains each for four steps, and writes `<model>.tf2.h5`
(`model.save`: `model_config`, `training_config`, `model_weights` with `layer_names` /
`weight_names` and `kernel:0` datasets, `optimizer_weights`), `<model>.tf2_weights.h5`
(`save_weights`: the same weight groups at the root, no config) and `<model>.tf2.json`, the
record `saving_fixtures.py check` reads.
"""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"  # the Keras 3 that reference_models imports must not need jax
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

import json
import pathlib
import sys

import tensorflow as tf
import tf_keras

import reference_models
from saving_fixtures import DEFAULT_DIR, describe


def main(argv):
    out_dir = pathlib.Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ["mlp", "cnn"]:
        model = reference_models.build(name, tf_keras)
        x, y = reference_models.training_data(name)
        model.fit(x[0], y[0], batch_size=reference_models.BATCH_SIZE, epochs=1, shuffle=False, verbose=0)
        files = [f"{name}.tf2.h5", f"{name}.tf2_weights.h5"]
        model.save(out_dir / files[0], save_format="h5")
        model.save_weights(out_dir / files[1], save_format="h5")
        written_by = f"tf_keras {tf_keras.__version__} (tensorflow {tf.__version__})"
        record = describe(model, name, files, reference_models.probe_inputs(name), written_by)
        (out_dir / f"{name}.tf2.json").write_text(json.dumps(record) + "\n")
        print(f"wrote {name}: {', '.join(files)}, {name}.tf2.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
