/**
 * `topK(x, k, sorted)`, as `keras.ops.top_k`: the `k` largest values along the last axis and
 * their int32 indices, `[values, indices]`, largest first (ties: the lower index first; NaN above
 * everything), as JAX. The values' gradient goes back to the positions they came from; the
 * indices have none. On a KerasTensor it records Keras's `TopK` node, with two outputs.
 */
import { REQUIRED, signature } from '../arguments/signature.js';
import { call } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import type { KerasTensor } from './symbolic/keras_tensor.js';
import { type TensorArg, requireTensor } from './operands.js';
import { defineOp } from './symbolic/op.js';

interface TopKConfig {
  k: number;
  /** Keras's `sorted`: kerasm always returns the values sorted, which `sorted=false` allows. */
  sorted: boolean;
}

function checkK(k: unknown): number {
  if (Number.isInteger(k) && Math.abs(k as number) <= 0x7fffffff) return k as number;
  throw new ValueError(`top_k: \`k\` must be an integer, received ${pythonRepr(k)}`);
}

const TopK = defineOp<[x: Tensor], Record<string, never>, TopKConfig>({
  className: 'TopK', module: 'keras.src.ops.math',
  config: signature<TopKConfig>()({ k: REQUIRED, sorted: true }),
  compute: ([x], _, { k }) => {
    const t = requireTensor(x, 'x', 'topK');
    const count = checkK(k);
    const [values, indices] = call('topK', (w) => w.top_k(t.handle, count));
    return [wrap('topK', values!), wrap('topK', indices!)];
  },
  outputSpec: ([x], _, { k }) => {
    const shape = [...x.shape.slice(0, -1), checkK(k)];
    return [{ shape, dtype: x.dtype }, { shape, dtype: 'int32' }];
  },
});

/** The `k` largest values along the last axis of `x` and their int32 indices: `[values, indices]`. */
export function topK(x: Tensor, k: number, sorted?: boolean): [values: Tensor, indices: Tensor];
export function topK(x: KerasTensor, k: number, sorted?: boolean): [values: KerasTensor, indices: KerasTensor];
export function topK(x: TensorArg, k: number, sorted = true): [TensorArg, TensorArg] {
  return TopK.invoke({ k, sorted }, [x]) as unknown as [TensorArg, TensorArg];
}
