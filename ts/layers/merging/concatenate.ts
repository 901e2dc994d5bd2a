/**
 * Concatenates a list of inputs along `axis`; all other dimensions must match (unknown sizes
 * match anything).
 */
import { canonicalAxis, standardizeAxis } from '../../arguments/axis.js';
import type { KerasArgs } from '../../arguments/signature.js';
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type LayerInputs, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { describeInput, formatShapes } from './base_merge.js';

export interface ConcatenateArgs extends LayerArgs {
  /** Axis along which to concatenate (negative counts from the end). Default -1. */
  axis?: number;
}

export class Concatenate extends Layer {
  static override className = 'Concatenate';
  static override readonly signature = layerSignature<ConcatenateArgs>()({ axis: -1 });
  readonly axis: number;

  /** `new Concatenate()`, `new Concatenate(1)`, or `new Concatenate({ axis: 1 })`. */
  constructor(...args: KerasArgs<[axis: number], ConcatenateArgs>) {
    const a = Concatenate.signature.resolve(args, new.target);
    super(a);
    this.axis = standardizeAxis(a.axis);
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeOrShapes): void {
    if (!isShapeList(inputShape)) {
      throw new ValueError(`A \`Concatenate\` layer should be called on a list of at least 1 input. Received: input_shape=${describeInput(inputShape)}`);
    }
    // Keras's check: drop the concatenation axis, then the remaining known sizes must agree.
    const reduced = inputShape.map((s) => s.filter((_, i) => i !== canonicalAxis(this.axis, s)));
    const message = `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=${formatShapes(inputShape)}`;
    if (new Set(reduced.map((s) => s.length)).size !== 1) throw new ValueError(message);
    for (let axis = 0; axis < reduced[0]!.length; axis++) {
      if (new Set(reduced.map((s) => s[axis]).filter((d) => d !== null)).size > 1) throw new ValueError(message);
    }
  }

  call(inputs: LayerInputs, _args: CallArgs): Tensor {
    if (!Array.isArray(inputs)) {
      throw new ValueError(`A \`Concatenate\` layer should be called on a list of inputs. Received: input_shape=${describeInput(inputs)}`);
    }
    return ops.concatenate(inputs, this.axis);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): SymbolicShape {
    if (!isShapeList(inputShape)) {
      throw new ValueError(`A \`Concatenate\` layer should be called on a list of inputs. Received: input_shape=${describeInput(inputShape)}`);
    }
    const output = [...inputShape[0]!];
    const axis = canonicalAxis(this.axis, output);
    for (const shape of inputShape.slice(1)) {
      const a = output[axis] ?? null, b = shape[axis] ?? null;
      if (a === null || b === null) {
        output[axis] = null;
        break;
      }
      output[axis] = a + b;
    }
    return output;
  }

  /**
   * Keras's mask of a concatenation: the inputs' masks (all ones for an unmasked input; a mask of
   * lower rank spread over the input's last axis) concatenated along `axis`, then any over the
   * last axis. No mask when no input has one.
   */
  override computeMask(inputs: LayerInputs, _mask: Tensor | null): Tensor | null {
    if (!Array.isArray(inputs) || inputs.every((x) => x.kerasMask === null)) return null;
    const masks = inputs.map((x) => {
      const mask = x.kerasMask;
      if (mask === null) return ops.add(ops.zeros(x.shape), 1);
      return mask.rank < x.rank ? ops.maximum(ops.reshape(mask, [...mask.shape, 1]), ops.zeros(x.shape)) : mask;
    });
    return ops.max(ops.concatenate(masks, this.axis), -1);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/**
 * Functional form of `Concatenate`, as `keras.layers.concatenate(inputs, axis=-1, **kwargs)`:
 * `concatenate([a, b])`, `concatenate([a, b], 1)` or `concatenate([a, b], { axis: 1, name })`.
 */
export function concatenate(inputs: KerasTensor[], ...args: KerasArgs<[axis: number], ConcatenateArgs>): KerasTensor;
export function concatenate(inputs: Tensor[], ...args: KerasArgs<[axis: number], ConcatenateArgs>): Tensor;
export function concatenate(inputs: Tensor[] | KerasTensor[], ...args: KerasArgs<[axis: number], ConcatenateArgs>): Tensor | KerasTensor {
  return new Concatenate(...args).apply(inputs as Tensor[]) as Tensor | KerasTensor;
}

registerBuiltIn(Concatenate);
