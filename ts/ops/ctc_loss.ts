/**
 * `ctcLoss(target, output, targetLength, outputLength, maskIndex)`, as `keras.ops.ctc_loss`: the
 * connectionist temporal classification loss of each sequence, `-log p(labels | logits)` over every
 * alignment of the labels to the frames, with `maskIndex` the blank class. One Rust kernel computes
 * it (log-space alpha recursion) and records its gradient with respect to the logits (alpha and
 * beta recursions). A sequence too long for its frames has an infinite loss and no gradient (Keras
 * on JAX gives a large finite value there, about 1e5 per missing frame). On KerasTensors it
 * records Keras's `CTCLoss` node.
 */
import { signature } from '../arguments/signature.js';
import { call } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { cast } from './cast.js';
import { requireTensor, type TensorArg } from './operands.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import type { TensorSpec } from './symbolic/spec.js';

/** Keras's check that two arguments agree on the batch size. */
function checkFirstDim(name1: string, shape1: readonly (number | null)[], name2: string, shape2: readonly (number | null)[]): void {
  if (shape1[0] !== shape2[0]) {
    throw new ValueError(`Arguments \`${name1}\` and \`${name2}\` must have the same first dimension. Received shapes: \`${formatShape(shape1)}\` and \`${formatShape(shape2)}\`.`);
  }
}

function checkShapes(target: TensorSpec, output: TensorSpec, targetLength: TensorSpec, outputLength: TensorSpec): void {
  checkFirstDim('target', target.shape, 'output', output.shape);
  checkFirstDim('target_length', targetLength.shape, 'target', target.shape);
  checkFirstDim('output_length', outputLength.shape, 'output', output.shape);
}

const CTCLoss = defineOp<[target: Tensor, output: Tensor, targetLength: Tensor, outputLength: Tensor], Record<string, never>, { maskIndex: number }>({
  className: 'CTCLoss', module: 'keras.src.ops.nn',
  config: signature<{ maskIndex: number }>()({ maskIndex: 0 }),
  compute: (args, _, { maskIndex }) => {
    const [target, output, targetLength, outputLength] = args.map((x, i) => requireTensor(x, ['target', 'output', 'target_length', 'output_length'][i]!, 'ctcLoss'));
    checkShapes(target!, output!, targetLength!, outputLength!);
    return tidy(() => {
      const [t, tl, ol] = [target!, targetLength!, outputLength!].map((x) => (x.dtype === 'int32' ? x : cast(x, 'int32')));
      const logits = output!.dtype === 'float32' ? output! : cast(output!, 'float32');
      return wrap('ctcLoss', call('ctcLoss', (w) => w.ctc_loss(t!.handle, logits.handle, tl!.handle, ol!.handle, maskIndex)));
    });
  },
  outputSpec: ([target, output, targetLength, outputLength]) => {
    checkShapes(target, output, targetLength, outputLength);
    return { shape: [target.shape[0]!], dtype: 'float32' };
  },
});

/**
 * The CTC loss of each sequence: `target` (batch, maxLabelLength) holds integer labels, of which
 * the first `targetLength` count; `output` (batch, frames, classes) holds logits (not
 * softmax-normalised), of which the first `outputLength` frames count. Returns shape (batch,).
 */
export function ctcLoss<X extends TensorArg>(target: X, output: X, targetLength: X, outputLength: X, maskIndex = 0): OpResult<X> {
  return CTCLoss.invoke({ maskIndex }, [target, output, targetLength, outputLength]);
}
