/**
 * Softmax activation layer, as `keras.layers.Softmax`: `exp(x) / sum(exp(x))` along `axis` (or
 * several axes). With a mask, masked positions (mask false, or <= 0.5) are set to -1e9 before the
 * softmax and to 0 after it, so a fully masked row gives zeros rather than a uniform distribution.
 *
 * @example
 * new layers.Softmax().apply(scores, { mask: validPositions });
 */
import * as activations from '../../activations.js';
import { standardizeAxis } from '../../arguments/axis.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape } from '../../utils/python_repr.js';

export interface SoftmaxArgs extends LayerArgs {
  /** The axis, or axes, along which the softmax normalisation is applied. Default -1. */
  axis?: number | number[];
}

/** Keras's `_large_negative_number` for float32. */
const LARGE_NEGATIVE = -1e9;

export class Softmax extends Layer {
  static override className = 'Softmax';
  static override readonly signature = layerSignature<SoftmaxArgs>()({ axis: -1 });
  readonly axis: number | number[];

  /** `new Softmax()`, `new Softmax(1)`, `new Softmax([1, 2])`, or `new Softmax({ axis: 1 })`. */
  constructor(...args: KerasArgs<[axis: number | number[]], SoftmaxArgs>) {
    const a = Softmax.signature.resolve(args, new.target);
    super(a);
    this.axis = standardizeAxis(a.axis, true);
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    const mask = args.mask ?? null;
    let keep: Tensor | null = null;
    let x = inputs;
    if (mask) {
      checkMask(inputs, mask);
      keep = ops.greater(ops.cast(mask, 'float32'), 0.5);
      x = ops.where(keep, inputs, LARGE_NEGATIVE);
    }
    let outputs: Tensor;
    if (Array.isArray(this.axis) && this.axis.length > 1) {
      // exp(x - logsumexp(x, axes)); the max shift keeps exp finite.
      const shifted = ops.subtract(x, ops.max(x, this.axis, true));
      const e = ops.exp(shifted);
      outputs = ops.divide(e, ops.sum(e, this.axis, true));
    } else {
      outputs = activations.softmax(x, { axis: Array.isArray(this.axis) ? this.axis[0]! : this.axis });
    }
    return keep ? ops.where(keep, outputs, 0) : outputs;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Keras's checks that `mask` broadcasts to `inputs` (aligned on the last axis). */
function checkMask(inputs: Tensor, mask: Tensor): void {
  const [xs, ms] = [inputs.shape, mask.shape];
  if (ms.length > xs.length) {
    throw new ValueError(
      `The \`mask\` must be broadcastable to \`inputs\` and must not have more dimensions. Received: inputs.shape=${formatShape(xs)}, mask.shape=${formatShape(ms)}`,
    );
  }
  for (let i = 1; i <= ms.length; i++) {
    const [m, d] = [ms[ms.length - i]!, xs[xs.length - i]!];
    if (m !== 1 && m !== d) {
      throw new ValueError(
        `The \`mask\` must be broadcastable to \`inputs\`. Each mask dimension must be 1 or match the corresponding input dimension. Received: inputs.shape=${formatShape(xs)}, mask.shape=${formatShape(ms)}`,
      );
    }
  }
}

registerBuiltIn(Softmax);
