/**
 * Root-mean-square normalization (Keras 3.9+): `x * rsqrt(mean(x², axis) + epsilon) * scale`,
 * with `scale` (initialized to ones) shaped like the normalized axes. No centring, no offset.
 */
import { canonicalAxes, standardizeAxis } from '../../arguments/axis.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { normalizedAxes } from './normalized_axes.js';

export interface RMSNormalizationArgs extends LayerArgs {
  /** The axis or axes to normalize over (negative counts from the end). Default -1. */
  axis?: number | number[];
  /** Small float added to the mean square to avoid dividing by zero. Default 1e-6. */
  epsilon?: number;
}

export class RMSNormalization extends Layer {
  static override className = 'RMSNormalization';
  static override readonly signature = layerSignature<RMSNormalizationArgs>()({ axis: -1, epsilon: 1e-6 });
  /** As Keras: the value given until the layer is built, then the sorted list of axes. */
  axis: number | number[];
  readonly epsilon: number;
  scale: Variable | null = null;

  /** `new RMSNormalization()`, `new RMSNormalization(-1, 1e-5)` (axis, epsilon), or `new RMSNormalization({ epsilon: 1e-5 })`. */
  constructor(...args: KerasArgs<[axis: number | number[], epsilon: number], RMSNormalizationArgs>) {
    const a = RMSNormalization.signature.resolve(args, new.target);
    super(a);
    const axis = standardizeAxis(a.axis, true);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.epsilon = a.epsilon;
  }

  override build(inputShape: SymbolicShape): void {
    const { axes, shape } = normalizedAxes(this.axis, inputShape, this);
    this.scale = this.addWeight({ name: 'scale', shape, initializer: 'ones' });
    this.axis = axes;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const axes = canonicalAxes(this.axis, x.shape);
    const broadcastShape = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    const rrms = ops.divide(1, ops.sqrt(ops.add(ops.mean(ops.square(x), axes, true), this.epsilon)));
    const y = ops.multiply(x, rrms);
    return this.scale ? ops.multiply(y, ops.reshape(this.scale.value, broadcastShape)) : y;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    canonicalAxes(this.axis, inputShape);
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axis: Array.isArray(this.axis) ? [...this.axis] : this.axis, epsilon: this.epsilon };
  }
}

registerBuiltIn(RMSNormalization);
