/**
 * Batch normalization: `gamma * (x - mean) / sqrt(variance + epsilon) + beta` along `axis`.
 * In training (`training: true` and the layer trainable) mean and variance are the batch's
 * statistics over every other axis (gradients flow through both), and the moving statistics
 * (non-trainable weights) are updated as Keras does:
 * `moving = moving * momentum + batch * (1 - momentum)`. At inference the moving statistics
 * are used. Any input rank.
 */
import { canonicalAxis, standardizeAxis } from '../../arguments/axis.js';
import { type KerasArgs, onlyDefault } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as initializers from '../../initializers/index.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { type Tensor, formatShape } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface BatchNormalizationArgs extends LayerArgs, WeightOptionArgs<'beta'>, WeightOptionArgs<'gamma'> {
  /** The features axis (an integer; negative counts from the end). Default -1. */
  axis?: number;
  /** Momentum of the moving average: `moving = moving * momentum + batch * (1 - momentum)`. Default 0.99. */
  momentum?: number;
  /** Small float added to the variance to avoid dividing by zero. Default 1e-3. */
  epsilon?: number;
  /** Whether to add the learned offset `beta` (`betaInitializer` 'zeros' by default). Default true. */
  center?: boolean;
  /** Whether to multiply by the learned scale `gamma` (`gammaInitializer` 'ones' by default). Default true. */
  scale?: boolean;
  /** Initializer of the moving mean. Default 'zeros'. */
  movingMeanInitializer?: initializers.InitializerIdentifier;
  /** Initializer of the moving variance. Default 'ones'. */
  movingVarianceInitializer?: initializers.InitializerIdentifier;
  /** Batch renormalization. Not implemented in kerasm: only the default (false) is taken. */
  renorm?: false;
  /** Clipping of the renormalization corrections (kept in the config; only used with `renorm`). */
  renormClipping?: Record<string, number> | null;
  /** Momentum of the renormalization statistics (kept in the config; only used with `renorm`). Default 0.99. */
  renormMomentum?: number;
  /** Keras's cross-replica statistics (TensorFlow backend only); kerasm runs one replica, so only false is accepted. */
  synchronized?: boolean;
}

/** `layer.gammaInitializer`, `layer.betaConstraint`, … as Keras's attributes. */
export interface BatchNormalization extends WeightOptions<'beta'>, WeightOptions<'gamma'> {}

export class BatchNormalization extends Layer {
  static override className = 'BatchNormalization';
  static override readonly signature = layerSignature<BatchNormalizationArgs>()({
    axis: -1, momentum: 0.99, epsilon: 1e-3, center: true, scale: true, betaInitializer: 'zeros', gammaInitializer: 'ones',
    movingMeanInitializer: 'zeros', movingVarianceInitializer: 'ones', betaRegularizer: null, gammaRegularizer: null,
    betaConstraint: null, gammaConstraint: null, renorm: onlyDefault(false), renormClipping: null, renormMomentum: 0.99, synchronized: false,
  });
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly movingMeanInitializer: initializers.Initializer;
  readonly movingVarianceInitializer: initializers.Initializer;
  readonly renormClipping: Record<string, number> | null;
  readonly renormMomentum: number;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean: Variable | null = null;
  movingVariance: Variable | null = null;
  private reductionAxes: number[] = [];

  /** `new BatchNormalization()`, `new BatchNormalization(1, 0.9)` (axis, momentum), or `new BatchNormalization({ axis: 1, momentum: 0.9 })`. */
  constructor(...args: KerasArgs<[axis: number, momentum: number, epsilon: number, center: boolean, scale: boolean], BatchNormalizationArgs>) {
    const a = BatchNormalization.signature.resolve(args, new.target);
    super(a);
    if (a.synchronized) throw new ValueError('Argument synchronized=True is only supported with the TensorFlow backend.');
    this.axis = standardizeAxis(a.axis);
    this.momentum = Number(a.momentum);
    this.epsilon = Number(a.epsilon);
    this.center = a.center;
    this.scale = a.scale;
    Object.assign(this, weightOptions(a, 'beta'), weightOptions(a, 'gamma'));
    this.movingMeanInitializer = initializers.get(a.movingMeanInitializer);
    this.movingVarianceInitializer = initializers.get(a.movingVarianceInitializer);
    this.renormClipping = a.renormClipping;
    this.renormMomentum = a.renormMomentum;
    this.supportsMasking = true;
  }

  override build(inputShape: SymbolicShape): void {
    const rank = inputShape.length;
    const axis = canonicalAxis(this.axis, inputShape);
    const dim = inputShape[axis];
    if (dim === null || dim === undefined) {
      throw new ValueError(`Layer "${this.name}": axis ${this.axis} of the inputs to BatchNormalization should have a defined dimension. Received input shape ${formatShape(inputShape)}`);
    }
    const shape = [dim];
    if (this.scale) this.gamma = this.addWeight({ name: 'gamma', shape, ...weightHooks(this, 'gamma') });
    if (this.center) this.beta = this.addWeight({ name: 'beta', shape, ...weightHooks(this, 'beta') });
    this.movingMean = this.addWeight({ name: 'moving_mean', shape, initializer: this.movingMeanInitializer, trainable: false });
    this.movingVariance = this.addWeight({ name: 'moving_variance', shape, initializer: this.movingVarianceInitializer, trainable: false });
    this.inputSpec = new InputSpec({ ndim: rank, axes: { [this.axis]: dim } });
    this.reductionAxes = Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis);
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    const mask = args.mask ?? null;
    if (mask && mask.shape.length !== inputs.shape.length - 1) {
      throw new ValueError(`The mask provided should be one dimension less than the inputs. Received: mask.shape=${formatShape(mask.shape)}, inputs.shape=${formatShape(inputs.shape)}`);
    }
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const rank = x.shape.length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    // Per-feature vectors broadcast against the inputs: (1, …, features, …, 1).
    const broadcastShape = x.shape.map((d, i) => (i === axis ? d : 1));
    const asBroadcast = (v: Tensor) => ops.reshape(v, broadcastShape);
    let mean: Tensor;
    let variance: Tensor;
    if (args.training === true && this.trainable) {
      [mean, variance] = this.moments(x, mask);
      const momentum = this.momentum;
      const flat = [x.shape[axis]!];
      this.movingMean!.assign(ops.add(ops.multiply(this.movingMean!.value, momentum), ops.multiply(ops.reshape(mean, flat), 1 - momentum)));
      this.movingVariance!.assign(ops.add(ops.multiply(this.movingVariance!.value, momentum), ops.multiply(ops.reshape(variance, flat), 1 - momentum)));
    } else {
      mean = asBroadcast(this.movingMean!.value);
      variance = asBroadcast(this.movingVariance!.value);
    }
    // ops.batch_normalization: (x - mean) * rsqrt(variance + epsilon) * gamma + beta.
    let invStd = ops.divide(1, ops.sqrt(ops.add(variance, this.epsilon)));
    if (this.gamma) invStd = ops.multiply(invStd, asBroadcast(this.gamma.value));
    const y = ops.multiply(ops.subtract(x, mean), invStd);
    return this.beta ? ops.add(y, asBroadcast(this.beta.value)) : y;
  }

  /** Batch mean and (biased) variance over the reduction axes, kept broadcastable; masked steps excluded as in Keras. */
  private moments(x: Tensor, mask: Tensor | null): [Tensor, Tensor] {
    if (!mask) {
      const mean = ops.mean(x, this.reductionAxes, true);
      return [mean, ops.mean(ops.square(ops.subtract(x, mean)), this.reductionAxes, true)];
    }
    const weights = ops.cast(ops.notEqual(ops.reshape(mask, [...mask.shape, 1]), 0), 'float32');
    // Keras broadcasts the mask over the last axis before counting: when that axis is reduced
    // too, every unmasked position counts once per feature of it.
    const last = x.shape.length - 1;
    const perPosition = this.reductionAxes.includes(last) ? x.shape[last]! : 1;
    const total = ops.add(ops.multiply(ops.sum(weights, this.reductionAxes, true), perPosition), 1e-7);
    const mean = ops.divide(ops.sum(ops.where(weights, x, 0), this.reductionAxes, true), total);
    const centred = ops.where(weights, ops.subtract(x, mean), 0);
    return [mean, ops.divide(ops.sum(ops.square(centred), this.reductionAxes, true), total)];
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    canonicalAxis(this.axis, inputShape);
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      ...weightOptionsConfig(this, 'beta'),
      ...weightOptionsConfig(this, 'gamma'),
      moving_mean_initializer: initializers.serialize(this.movingMeanInitializer),
      moving_variance_initializer: initializers.serialize(this.movingVarianceInitializer),
      synchronized: false,
      renorm: false,
      renorm_clipping: this.renormClipping,
      renorm_momentum: this.renormMomentum,
    };
  }
}

registerBuiltIn(BatchNormalization);
