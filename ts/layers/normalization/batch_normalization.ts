/**
 * Batch normalization: `gamma * (x - mean) / sqrt(variance + epsilon) + beta` along `axis`.
 * In training (`training: true` and the layer trainable) mean and variance are the batch's
 * statistics over every other axis (gradients flow through both), and the moving statistics
 * (non-trainable weights) are updated as Keras does:
 * `moving = moving * momentum + batch * (1 - momentum)`. At inference the moving statistics
 * are used. Any input rank.
 */
import { InputSpec } from '../../engine/input_spec.js';
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

export interface BatchNormalizationArgs extends LayerArgs {
  /** The features axis (an integer; negative counts from the end). Default -1. */
  axis?: number;
  /** Momentum of the moving average: `moving = moving * momentum + batch * (1 - momentum)`. Default 0.99. */
  momentum?: number;
  /** Small float added to the variance to avoid dividing by zero. Default 1e-3. */
  epsilon?: number;
  /** Whether to add the learned offset `beta`. Default true. */
  center?: boolean;
  /** Whether to multiply by the learned scale `gamma`. Default true. */
  scale?: boolean;
  /** Initializer of `beta`. Default 'zeros'. */
  betaInitializer?: initializers.InitializerIdentifier;
  /** Initializer of `gamma`. Default 'ones'. */
  gammaInitializer?: initializers.InitializerIdentifier;
  /** Initializer of the moving mean. Default 'zeros'. */
  movingMeanInitializer?: initializers.InitializerIdentifier;
  /** Initializer of the moving variance. Default 'ones'. */
  movingVarianceInitializer?: initializers.InitializerIdentifier;
  /** Penalty on `beta` added to the training loss. Default none. */
  betaRegularizer?: regularizers.RegularizerIdentifier;
  /** Penalty on `gamma` added to the training loss. Default none. */
  gammaRegularizer?: regularizers.RegularizerIdentifier;
  /** Projection of `beta` after each optimizer update. Default none. */
  betaConstraint?: constraints.ConstraintIdentifier;
  /** Projection of `gamma` after each optimizer update. Default none. */
  gammaConstraint?: constraints.ConstraintIdentifier;
  /** Keras's cross-replica statistics (TensorFlow backend only); kerasm runs one replica, so only false is accepted. */
  synchronized?: boolean;
  /** Batch renormalization. Not implemented in kerasm: only false is accepted. */
  renorm?: boolean;
  /** Clipping of the renormalization corrections (kept in the config; only with `renorm`). */
  renormClipping?: Record<string, number> | null;
  /** Momentum of the renormalization statistics (kept in the config; only with `renorm`). Default 0.99. */
  renormMomentum?: number;
}

export class BatchNormalization extends Layer {
  static override className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: initializers.Initializer;
  readonly gammaInitializer: initializers.Initializer;
  readonly movingMeanInitializer: initializers.Initializer;
  readonly movingVarianceInitializer: initializers.Initializer;
  readonly betaRegularizer: RegularizerLike | null;
  readonly gammaRegularizer: RegularizerLike | null;
  readonly betaConstraint: ConstraintLike | null;
  readonly gammaConstraint: ConstraintLike | null;
  readonly renormClipping: Record<string, number> | null;
  readonly renormMomentum: number;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean: Variable | null = null;
  movingVariance: Variable | null = null;
  private reductionAxes: number[] = [];

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new ValueError(`Expected an integer value for \`axis\`. Received: axis=${String(axis)}`);
    if (args.synchronized) throw new ValueError('Argument synchronized=True is only supported with the TensorFlow backend.');
    if (args.renorm) throw new ValueError('BatchNormalization: renorm=True (batch renormalization) is not supported by kerasm.');
    this.axis = axis;
    this.momentum = Number(args.momentum ?? 0.99);
    this.epsilon = Number(args.epsilon ?? 1e-3);
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = initializers.get(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = initializers.get(args.gammaInitializer ?? 'ones');
    this.movingMeanInitializer = initializers.get(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = initializers.get(args.movingVarianceInitializer ?? 'ones');
    this.betaRegularizer = regularizers.get(args.betaRegularizer);
    this.gammaRegularizer = regularizers.get(args.gammaRegularizer);
    this.betaConstraint = constraints.get(args.betaConstraint);
    this.gammaConstraint = constraints.get(args.gammaConstraint);
    this.renormClipping = args.renormClipping ?? null;
    this.renormMomentum = args.renormMomentum ?? 0.99;
    this.supportsMasking = true;
  }

  override build(inputShape: SymbolicShape): void {
    const rank = inputShape.length;
    if (this.axis >= rank || this.axis < -rank) {
      throw new ValueError(`Axis ${this.axis} is out of bounds for input shape ${formatShape(inputShape)}. Received: axis=${this.axis}`);
    }
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const dim = inputShape[axis];
    if (dim === null || dim === undefined) {
      throw new ValueError(`Layer "${this.name}": axis ${this.axis} of the inputs to BatchNormalization should have a defined dimension. Received input shape ${formatShape(inputShape)}`);
    }
    const shape = [dim];
    if (this.scale) {
      this.gamma = this.addWeight({ name: 'gamma', shape, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    }
    if (this.center) {
      this.beta = this.addWeight({ name: 'beta', shape, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    }
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
    if (this.axis >= inputShape.length || this.axis < -inputShape.length) {
      throw new ValueError(`Axis ${this.axis} is out of bounds for input shape ${formatShape(inputShape)}. Received: axis=${this.axis}`);
    }
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
      beta_initializer: initializers.serialize(this.betaInitializer),
      gamma_initializer: initializers.serialize(this.gammaInitializer),
      moving_mean_initializer: initializers.serialize(this.movingMeanInitializer),
      moving_variance_initializer: initializers.serialize(this.movingVarianceInitializer),
      beta_regularizer: regularizers.serialize(this.betaRegularizer),
      gamma_regularizer: regularizers.serialize(this.gammaRegularizer),
      beta_constraint: constraints.serialize(this.betaConstraint),
      gamma_constraint: constraints.serialize(this.gammaConstraint),
      synchronized: false,
      renorm: false,
      renorm_clipping: this.renormClipping,
      renorm_momentum: this.renormMomentum,
    };
  }
}

registerBuiltIn(BatchNormalization);
