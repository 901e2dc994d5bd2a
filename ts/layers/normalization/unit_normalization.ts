/**
 * Unit normalization (Keras 3): each sample scaled to unit L2 norm over `axis` (one axis or
 * several), `x * rsqrt(max(sum(x²), 1e-24))` as Keras's `ops.normalize` (epsilon 1e-12, clamped
 * on the squared norm so that zero vectors stay finite). It has no weights.
 */
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { type Tensor, formatShape } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface UnitNormalizationArgs extends LayerArgs {
  /** The axis or axes whose entries are normalized together (negative counts from the end). Default -1. */
  axis?: number | number[];
}

const EPSILON = 1e-12;

export class UnitNormalization extends Layer {
  static override className = 'UnitNormalization';
  readonly axis: number | number[];

  constructor(args: UnitNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (Array.isArray(axis) && axis.every((a) => Number.isInteger(a))) this.axis = [...axis];
    else if (Number.isInteger(axis)) this.axis = axis;
    else throw new TypeError(`Invalid value for \`axis\` argument: expected an int or a list/tuple of ints. Received: axis=${typeof axis === 'string' ? axis : JSON.stringify(axis)}`);
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const squareSum = ops.sum(ops.square(x), this.axis, true);
    return ops.divide(x, ops.sqrt(ops.maximum(squareSum, EPSILON * EPSILON)));
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    for (const axis of Array.isArray(this.axis) ? this.axis : [this.axis]) {
      if (axis >= inputShape.length || axis < -inputShape.length) {
        throw new ValueError(`Axis ${Array.isArray(this.axis) ? `[${this.axis.join(', ')}]` : this.axis} is out of bounds for input shape ${formatShape(inputShape)}.`);
      }
    }
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axis: Array.isArray(this.axis) ? [...this.axis] : this.axis };
  }
}

registerBuiltIn(UnitNormalization);
