/**
 * Unit normalization (Keras 3): each sample scaled to unit L2 norm over `axis` (one axis or
 * several), `x * rsqrt(max(sum(x²), 1e-24))` as Keras's `ops.normalize` (epsilon 1e-12, clamped
 * on the squared norm so that zero vectors stay finite). It has no weights.
 */
import { canonicalAxes, standardizeAxis } from '../../arguments/axis.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';

export interface UnitNormalizationArgs extends LayerArgs {
  /** The axis or axes whose entries are normalized together (negative counts from the end). Default -1. */
  axis?: number | number[];
}

const EPSILON = 1e-12;

export class UnitNormalization extends Layer {
  static override className = 'UnitNormalization';
  static override readonly signature = layerSignature<UnitNormalizationArgs>()({ axis: -1 });
  readonly axis: number | number[];

  /** `new UnitNormalization()`, `new UnitNormalization([1, 2])`, or `new UnitNormalization({ axis: [1, 2] })`. */
  constructor(...args: KerasArgs<[axis: number | number[]], UnitNormalizationArgs>) {
    const a = UnitNormalization.signature.resolve(args, new.target);
    super(a);
    const axis = standardizeAxis(a.axis, true);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const squareSum = ops.sum(ops.square(x), this.axis, true);
    return ops.divide(x, ops.sqrt(ops.maximum(squareSum, EPSILON * EPSILON)));
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    canonicalAxes(this.axis, inputShape);
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axis: Array.isArray(this.axis) ? [...this.axis] : this.axis };
  }
}

registerBuiltIn(UnitNormalization);
