#!/usr/bin/env bash
# `npm run interop:check`: kerasm writes the reference models (.keras, .weights.h5, legacy .h5 and
# its predictions) to a temporary directory, then real Keras loads each file and compares
# (scripts/keras/saving_fixtures.py check): PASS/FAIL per file, non-zero exit on any failure.
# The same for Functional models with op nodes (scripts/keras/ops_fixtures.py check) and for the
# image preprocessing layers (scripts/keras/image_preprocessing_fixtures.py check).
# The Keras venv is made from scripts/keras/requirements.txt on first use; KERAS_VENV moves it.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv="${KERAS_VENV:-/tmp/kenv-saving}"
export KERAS_BACKEND=jax  # the backend requirements.txt installs
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import keras, jax, h5py' 2>/dev/null; then
  echo "interop:check: creating the Keras venv in $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r scripts/keras/requirements.txt
fi

out="$(mktemp -d -t kerasm-interop-XXXXXX)"
echo "interop:check: kerasm writes to $out"
node dist/scripts/keras/write_kerasm_models.js "$out"
echo "interop:check: Keras $("$venv/bin/python" -c 'import keras; print(keras.__version__)') reads them back"
"$venv/bin/python" scripts/keras/saving_fixtures.py check "$out"

ops_out="$out/ops"
node dist/scripts/keras/write_kerasm_ops_models.js "$ops_out"
"$venv/bin/python" scripts/keras/ops_fixtures.py check "$ops_out"

image_out="$out/image"
node dist/scripts/keras/write_kerasm_image_model.js "$image_out"
"$venv/bin/python" scripts/keras/image_preprocessing_fixtures.py check "$image_out"
