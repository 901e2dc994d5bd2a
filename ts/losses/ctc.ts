/** The CTC loss for sequence outputs (speech, handwriting) whose alignment to the labels is unknown. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { LossArgs } from './loss.js';
import { type BasicLossArgs, LossFunctionWrapper } from './loss_function_wrapper.js';

/** Keras's blank class: label 0 marks padding in the targets and the blank in the logits. */
const MASK_INDEX = 0;

/**
 * The CTC loss of each sequence, as `keras.losses.ctc`: `yTrue` (batch, maxLength) holds labels
 * in [1, classes), padded at the end with 0, the blank (a sequence's length is its number of
 * nonzero labels); `yPred` (batch, frames, classes) holds logits, every frame counting.
 */
export function ctc(yTrue: Tensor, yPred: Tensor): Tensor {
  if (yTrue.rank !== 2) {
    throw new ValueError(`Targets \`y_true\` are expected to be a tensor of shape \`(batch_size, max_length)\` in integer format. Received: y_true.shape=${formatShape(yTrue.shape)}`);
  }
  if (yPred.rank !== 3) {
    throw new ValueError(`Logits \`y_pred\` are expected to be a tensor of shape \`(batch_size, max_length, num_classes)\`. Received: y_pred.shape=${formatShape(yPred.shape)}`);
  }
  const [batch, frames] = yPred.shape as [number, number, number];
  const labelLength = ops.cast(ops.sum(ops.notEqual(yTrue, MASK_INDEX), -1), 'int32');
  const inputLength = ops.cast(ops.multiply(ops.ones([batch]), frames), 'int32');
  return ops.ctcLoss(yTrue, yPred, labelLength, inputLength, MASK_INDEX);
}

/**
 * Connectionist temporal classification loss, as `keras.losses.CTC`: the model's logits per
 * frame against dense label sequences padded with 0 (see {@link ctc}).
 *
 * @example
 * model.compile({ optimizer: 'adam', loss: new CTC() }) // or loss: 'ctc'
 */
export class CTC extends LossFunctionWrapper {
  static override className = 'CTC';
  static override readonly signature = signature<LossArgs>()({ reduction: 'sum_over_batch_size', name: 'ctc', dtype: null });

  constructor(...args: BasicLossArgs) {
    const a = CTC.signature.resolve(args, new.target);
    super(ctc, a.reduction, a.name, a.dtype);
  }
}
