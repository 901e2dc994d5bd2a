/**
 * Layer normalization (Keras 3): each sample is normalized over `axis` (one axis or several),
 * `gamma * (x - mean) / sqrt(variance + epsilon) + beta`, with `gamma` and `beta` shaped like
 * the normalized axes. Statistics are per sample, so training and inference behave the same.
 */
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import type { ConstraintLike } from '../../constraints.js';
import type { RegularizerLike } from '../../regularizers.js';
import * as constraints from '../../constraints.js';
import * as initializers from '../../initializers/index.js';
import * as regularizers from '../../regularizers.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { type Tensor, formatShape } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { checkAxes } from './check_axes.js';

export interface LayerNormalizationArgs extends LayerArgs {
  /** The axis or axes to normalize over (negative counts from the end). Default -1. */
  axis?: number | number[];
  /** Small float added to the variance to avoid dividing by zero. Default 1e-3. */
  epsilon?: number;
  /** Whether to add the learned offset `beta`. Default true. */
  center?: boolean;
  /** Whether to multiply by the learned scale `gamma`. Default true. */
  scale?: boolean;
  /**
   * Deprecated in Keras (use `RMSNormalization`): scales by `1 / sqrt(variance + epsilon)`
   * without centring, and creates no `beta`. Kept so that Keras configs load. Default false.
   */
  rmsScaling?: boolean;
  /** Initializer of `beta`. Default 'zeros'. */
  betaInitializer?: initializers.InitializerIdentifier;
  /** Initializer of `gamma`. Default 'ones'. */
  gammaInitializer?: initializers.InitializerIdentifier;
  /** Penalty on `beta` added to the training loss. Default none. */
  betaRegularizer?: regularizers.RegularizerIdentifier;
  /** Penalty on `gamma` added to the training loss. Default none. */
  gammaRegularizer?: regularizers.RegularizerIdentifier;
  /** Projection of `beta` after each optimizer update. Default none. */
  betaConstraint?: constraints.ConstraintIdentifier;
  /** Projection of `gamma` after each optimizer update. Default none. */
  gammaConstraint?: constraints.ConstraintIdentifier;
}

export class LayerNormalization extends Layer {
  static override className = 'LayerNormalization';
  /** As Keras: the value given until the layer is built, then the sorted list of axes. */
  axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly rmsScaling: boolean;
  readonly betaInitializer: initializers.Initializer;
  readonly gammaInitializer: initializers.Initializer;
  readonly betaRegularizer: RegularizerLike | null;
  readonly gammaRegularizer: RegularizerLike | null;
  readonly betaConstraint: ConstraintLike | null;
  readonly gammaConstraint: ConstraintLike | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    const valid = Number.isInteger(axis) || (Array.isArray(axis) && axis.every((a) => Number.isInteger(a)));
    if (!valid) {
      throw new ValueError(`Expected an int or a list/tuple of ints for the argument 'axis', but received: ${typeof axis === 'string' ? `'${axis}'` : JSON.stringify(axis) ?? String(axis)}`);
    }
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.rmsScaling = args.rmsScaling ?? false;
    this.betaInitializer = initializers.get(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = initializers.get(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = regularizers.get(args.betaRegularizer);
    this.gammaRegularizer = regularizers.get(args.gammaRegularizer);
    this.betaConstraint = constraints.get(args.betaConstraint);
    this.gammaConstraint = constraints.get(args.gammaConstraint);
    this.supportsMasking = true;
  }

  private axes(): number[] {
    return Array.isArray(this.axis) ? this.axis : [this.axis];
  }

  override build(inputShape: SymbolicShape): void {
    checkAxes(this.axis, inputShape);
    const axes = Array.isArray(this.axis) ? [...this.axis].sort((a, b) => a - b) : [this.axis];
    const shape = axes.map((a) => inputShape[a < 0 ? a + inputShape.length : a]);
    if (shape.some((d) => d === null || d === undefined)) {
      throw new ValueError(`Layer "${this.name}": the normalized axes ${JSON.stringify(axes)} of the inputs to LayerNormalization should be defined. Received input shape ${formatShape(inputShape)}`);
    }
    const dims = shape as number[];
    if (this.scale || this.rmsScaling) {
      this.gamma = this.addWeight({ name: 'gamma', shape: dims, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    }
    if (this.center && !this.rmsScaling) {
      this.beta = this.addWeight({ name: 'beta', shape: dims, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    }
    this.axis = axes;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const rank = x.shape.length;
    const axes = this.axes().map((a) => (a < 0 ? a + rank : a));
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
    checkAxes(this.axis, inputShape);
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
      beta_initializer: initializers.serialize(this.betaInitializer),
      gamma_initializer: initializers.serialize(this.gammaInitializer),
      beta_regularizer: regularizers.serialize(this.betaRegularizer),
      gamma_regularizer: regularizers.serialize(this.gammaRegularizer),
      beta_constraint: constraints.serialize(this.betaConstraint),
      gamma_constraint: constraints.serialize(this.gammaConstraint),
    };
  }
}

registerBuiltIn(LayerNormalization);
