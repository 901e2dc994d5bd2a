/**
 * `TimeDistributed`, as Keras 3's wrapper: applies its layer to every temporal slice of an input
 * of shape `(batch, time, ...)`, the same weights at every step. Keras loops over the steps and
 * stacks the results; kerasm folds time into the batch instead (`(batch * time, ...)`, one call of
 * the layer, then unfolded), which gives the same values for any layer that treats the rows of a
 * batch independently (Dense, Conv2D, …) in one kernel call. A mask of shape `(batch, time, ...)`
 * is folded the same way for the layer, and passes through unchanged, as Keras's does.
 *
 * The wrapped layer is built for the shape of one slice, `(batch, ...)`; its weights are the
 * wrapper's, saved under `layer` as Keras saves them.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonStr } from '../../utils/python_repr.js';
import { Wrapper, type WrapperArgs } from '../core/wrapper.js';

export class TimeDistributed extends Wrapper {
  static override className = 'TimeDistributed';
  static override readonly signature = layerSignature<WrapperArgs>()({ layer: REQUIRED });

  /** `new TimeDistributed(new Dense(8))` or `new TimeDistributed({ layer: conv, name: 'frames' })`. */
  constructor(...args: KerasArgs<[layer: Layer], WrapperArgs>) {
    const a = TimeDistributed.signature.resolve(args, new.target);
    if (!(a.layer instanceof Layer)) {
      throw new ValueError(`Please initialize \`TimeDistributed\` layer with a \`keras.layers.Layer\` instance. Received: ${pythonStr(a.layer)}`);
    }
    super(a as WrapperArgs & { layer: Layer });
    this.supportsMasking = true;
  }

  /** Builds the wrapped layer for one temporal slice. */
  override build(inputShape: SymbolicShape): void {
    super.build(childInputShape(this.name, inputShape));
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const childOutput = this.layer.computeOutputShape(childInputShape(this.name, inputShape));
    if (isShapeList(childOutput)) throw new ValueError(`TimeDistributed: the wrapped layer "${this.layer.name}" must have one output`);
    return [childOutput[0] ?? null, inputShape[1] ?? null, ...childOutput.slice(1)];
  }

  /** The layer on `(batch * time, ...)` (and the mask folded alike), its output unfolded to `(batch, time, ...)`. */
  call(inputs: Tensor, args: CallArgs): Tensor {
    const mask = args.mask ?? null;
    if (mask !== null) checkMask(mask.shape, inputs.shape);
    const [batch, time] = inputs.shape as [number, number];
    const foldTime = (x: Tensor) => ops.reshape(x, [batch * time, ...x.shape.slice(2)]);
    const output = this.layer.apply(foldTime(inputs), { training: args.training, mask: mask && foldTime(mask) }) as Tensor;
    return ops.reshape(output, [batch, time, ...output.shape.slice(1)]);
  }
}

/** The shape of one temporal slice, `(batch, ...)`, or Keras's error (naming the layer) for an input of fewer than 3 axes. */
function childInputShape(layerName: string, inputShape: ShapeOrShapes): SymbolicShape {
  if (isShapeList(inputShape) || inputShape.length < 3) {
    throw new ValueError(`Layer "${layerName}": \`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${formatShape(inputShape)}`);
  }
  return [inputShape[0] ?? null, ...inputShape.slice(2)];
}

/** Keras's checks of a mask: at least `(batch, time)`, both matching the input's. */
function checkMask(maskShape: readonly number[], inputShape: readonly number[]): void {
  if (maskShape.length < 2) {
    throw new ValueError(
      `The \`mask\` passed to the \`TimeDistributed\` layer must be at least 2D (e.g., \`(batch_size, timesteps)\`), but it has ${maskShape.length} dimension(s) with shape ${formatShape(maskShape)}.`);
  }
  if (maskShape[0] !== inputShape[0] || maskShape[1] !== inputShape[1]) {
    throw new ValueError(
      `The \`mask\` passed to the \`TimeDistributed\` layer has a shape ${formatShape(maskShape)} that is incompatible with the input shape ${formatShape(inputShape)}. ` +
        `The first two dimensions of the mask (batch size and timesteps) must match the input's first two dimensions. Expected mask shape prefix: (${inputShape[0]}, ${inputShape[1]}).`);
  }
}

registerBuiltIn(TimeDistributed);
