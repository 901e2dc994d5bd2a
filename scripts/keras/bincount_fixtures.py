"""`keras.ops.bincount` golden values for tests/ops/bincount.test.ts.

    KERAS_BACKEND=jax python scripts/keras/bincount_fixtures.py [OUT]   # default tests/fixtures/ops/bincount.json

For each case (int32 `x` of rank 1 or 2, optional float32 `weights`, `minlength`), Keras 3.15.1's
output and, with weights, the gradient of `sum(output * upstream)` with respect to the weights
(JAX's `grad`). The values are fixed, so the file is the same from run to run.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import json
import pathlib
import sys

import jax
import jax.numpy as jnp
import numpy as np

from keras import ops

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "tests" / "fixtures" / "ops" / "bincount.json"

# name: (x, weights or None, minlength). Rows of a matrix reach the same largest value (JAX's
# backend counts each row alone and stacks them).
CASES = {
    "vector": ([1, 2, 2, 3], None, 0),
    "vector_minlength": ([1, 2, 2, 3], None, 6),
    "vector_weights": ([1, 2, 2, 3, 0], [0.5, 1.0, 1.0, 1.5, -2.0], 0),
    "matrix": ([[1, 2, 5], [0, 0, 5]], None, 3),
    "matrix_weights": ([[1, 2, 5, 1], [0, 0, 5, 4]], [[1.0, 2.0, 3.0, 0.25], [4.0, 5.0, 6.0, -1.5]], 7),
}


def upstream(shape):
    """A fixed upstream gradient: ((i % 5) - 2) / 4 in row-major order."""
    return ((np.arange(int(np.prod(shape))) % 5 - 2) / 4).reshape(shape).astype("float32")


def record(x, weights, minlength):
    x = np.array(x, dtype="int32")
    out = ops.bincount(x, weights=None if weights is None else np.array(weights, dtype="float32"), minlength=minlength)
    case = {"x": x.tolist(), "shape": list(x.shape), "weights": weights, "minlength": minlength,
            "output": np.asarray(out).tolist(), "output_shape": list(out.shape), "dtype": str(out.dtype)}
    if weights is not None:
        seed = upstream(out.shape)
        grad = jax.grad(lambda w: jnp.sum(ops.bincount(x, weights=w, minlength=minlength) * seed))(jnp.array(weights, dtype="float32"))
        case["upstream"] = seed.tolist()
        case["weights_grad"] = np.asarray(grad).tolist()
    return case


def main(argv):
    out = pathlib.Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    cases = {name: record(*case) for name, case in CASES.items()}
    lines = ",\n".join(f"  {json.dumps(name)}: {json.dumps(case)}" for name, case in cases.items())
    out.write_text(f'{{\n "written_by": "keras 3.15.1 (jax), scripts/keras/bincount_fixtures.py",\n "cases": {{\n{lines}\n }}\n}}\n')
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv)
