/**
 * Layer normalization (Keras 3): each sample is normalized over `axis` (one axis or several),
 * `gamma * (x - mean) / sqrt(variance + epsilon) + beta`, with `gamma` and `beta` shaped like
 * the normalized axes. Statistics are per sample, so training and inference behave the same.
 */
import { canonicalAxes, standardizeAxis } from '../../arguments/axis.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { normalizedAxes } from './normalized_axes.js';

export interface LayerNormalizationArgs extends LayerArgs, WeightOptionArgs<'beta'>, WeightOptionArgs<'gamma'> {
  /** The axis or axes to normalize over (negative counts from the end). Default -1. */
  axis?: number | number[];
  /** Small float added to the variance to avoid dividing by zero. Default 1e-3. */
  epsilon?: number;
  /** Whether to add the learned offset `beta` (`betaInitializer` 'zeros' by default). Default true. */
  center?: boolean;
  /** Whether to multiply by the learned scale `gamma` (`gammaInitializer` 'ones' by default). Default true. */
  scale?: boolean;
  /**
   * Deprecated in Keras (use `RMSNormalization`): scales by `1 / sqrt(variance + epsilon)`
   * without centring, and creates no `beta`. Kept so that Keras configs load. Default false.
   */
  rmsScaling?: boolean;
}

/** `layer.gammaInitializer`, `layer.betaConstraint`, … as Keras's attributes. */
export interface LayerNormalization extends WeightOptions<'beta'>, WeightOptions<'gamma'> {}

export class LayerNormalization extends Layer {
  static override className = 'LayerNormalization';
  /** Keras's parameters; `rmsScaling` is one of its `**kwargs`. */
  static override readonly signature = layerSignature<LayerNormalizationArgs>()({
    axis: -1, epsilon: 1e-3, center: true, scale: true, betaInitializer: 'zeros', gammaInitializer: 'ones',
    betaRegularizer: null, gammaRegularizer: null, betaConstraint: null, gammaConstraint: null,
  }, { rmsScaling: false });
  /** As Keras: the value given until the layer is built, then the sorted list of axes. */
  axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly rmsScaling: boolean;
  gamma: Variable | null = null;
  beta: Variable | null = null;

  /** `new LayerNormalization()`, `new LayerNormalization([1, 2], 1e-5)` (axis, epsilon), or `new LayerNormalization({ axis: [1, 2] })`. */
  constructor(...args: KerasArgs<[axis: number | number[], epsilon: number, center: boolean, scale: boolean], LayerNormalizationArgs>) {
    const a = LayerNormalization.signature.resolve(args, new.target);
    super(a);
    const axis = standardizeAxis(a.axis, true);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.epsilon = a.epsilon;
    this.center = a.center;
    this.scale = a.scale;
    this.rmsScaling = a.rmsScaling!; // a keyword: the signature fills its default, its type does not say so
    Object.assign(this, weightOptions(a, 'beta'), weightOptions(a, 'gamma'));
    this.supportsMasking = true;
  }

  override build(inputShape: SymbolicShape): void {
    const { axes, shape } = normalizedAxes(this.axis, inputShape, this);
    if (this.scale || this.rmsScaling) this.gamma = this.addWeight({ name: 'gamma', shape, ...weightHooks(this, 'gamma') });
    if (this.center && !this.rmsScaling) this.beta = this.addWeight({ name: 'beta', shape, ...weightHooks(this, 'beta') });
    this.axis = axes;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const axes = canonicalAxes(this.axis, x.shape);
    // keras.ops.layer_normalization: gamma and beta reshaped to (1, …, d_axis, …, 1).
    const broadcastShape = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    const mean = ops.mean(x, axes, true);
    const variance = ops.mean(ops.square(ops.subtract(x, mean)), axes, true);
    let inv = ops.divide(1, ops.sqrt(ops.add(variance, this.epsilon)));
    if (this.gamma) inv = ops.multiply(inv, ops.reshape(this.gamma.value, broadcastShape));
    if (this.rmsScaling) return ops.multiply(x, inv);
    const y = ops.multiply(ops.subtract(x, mean), inv);
    return this.beta ? ops.add(y, ops.reshape(this.beta.value, broadcastShape)) : y;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    canonicalAxes(this.axis, inputShape);
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      axis: Array.isArray(this.axis) ? [...this.axis] : this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      rms_scaling: this.rmsScaling,
      ...weightOptionsConfig(this, 'beta'),
      ...weightOptionsConfig(this, 'gamma'),
    };
  }
}

registerBuiltIn(LayerNormalization);
