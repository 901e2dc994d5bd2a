/**
 * Group normalization (Keras 3): the channels (`axis`) are split into `groups`; each sample is
 * normalized over its group's channels and every other non-batch axis, then scaled by `gamma`
 * and shifted by `beta` (one per channel). `groups: 1` normalizes over all non-batch axes (as
 * layer normalization), `groups: -1` (one group per channel) is instance normalization.
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

export interface GroupNormalizationArgs extends LayerArgs {
  /** Number of groups the channels are split into; it must divide them. -1: one per channel. Default 32. */
  groups?: number;
  /** The channels axis (negative counts from the end). Default -1. */
  axis?: number;
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
  /** Penalty on `beta` added to the training loss. Default none. */
  betaRegularizer?: regularizers.RegularizerIdentifier;
  /** Penalty on `gamma` added to the training loss. Default none. */
  gammaRegularizer?: regularizers.RegularizerIdentifier;
  /** Projection of `beta` after each optimizer update. Default none. */
  betaConstraint?: constraints.ConstraintIdentifier;
  /** Projection of `gamma` after each optimizer update. Default none. */
  gammaConstraint?: constraints.ConstraintIdentifier;
}

export class GroupNormalization extends Layer {
  static override className = 'GroupNormalization';
  /** As Keras: the value given (-1 possible) until the layer is built, then the number of groups. */
  groups: number;
  readonly axis: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: initializers.Initializer;
  readonly gammaInitializer: initializers.Initializer;
  readonly betaRegularizer: RegularizerLike | null;
  readonly gammaRegularizer: RegularizerLike | null;
  readonly betaConstraint: ConstraintLike | null;
  readonly gammaConstraint: ConstraintLike | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;

  constructor(args: GroupNormalizationArgs = {}) {
    const groups = args.groups ?? 32;
    if (!Number.isInteger(groups) || (groups <= 0 && groups !== -1)) {
      throw new ValueError(`Received an invalid value for argument \`groups\`, expected a positive integer (or \`-1\` for instance normalization). Received: groups=${String(groups)}`);
    }
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new ValueError(`GroupNormalization: 'axis' must be an integer, received ${JSON.stringify(axis)}`);
    this.groups = groups;
    this.axis = axis;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = initializers.get(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = initializers.get(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = regularizers.get(args.betaRegularizer);
    this.gammaRegularizer = regularizers.get(args.gammaRegularizer);
    this.betaConstraint = constraints.get(args.betaConstraint);
    this.gammaConstraint = constraints.get(args.gammaConstraint);
    this.supportsMasking = true;
  }

  override build(inputShape: SymbolicShape): void {
    this.checkAxis(inputShape);
    const dim = inputShape[this.axis < 0 ? this.axis + inputShape.length : this.axis];
    if (dim === null || dim === undefined) {
      throw new ValueError(`Axis ${this.axis} of input tensor should have a defined dimension but the layer received an input with shape ${formatShape(inputShape)}.`);
    }
    if (this.groups === -1) this.groups = dim;
    if (dim < this.groups) throw new ValueError(`Number of groups (${this.groups}) cannot be more than the number of channels (${dim}).`);
    if (dim % this.groups !== 0) throw new ValueError(`Number of groups (${this.groups}) must be a multiple of the number of channels (${dim}).`);
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes: { [this.axis]: dim } });
    if (this.scale) {
      this.gamma = this.addWeight({ name: 'gamma', shape: [dim], initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    }
    if (this.center) {
      this.beta = this.addWeight({ name: 'beta', shape: [dim], initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    }
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const x = inputs.dtype === 'float32' ? inputs : ops.cast(inputs, 'float32');
    const rank = x.shape.length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const channels = x.shape[axis]!;
    // (…, channels, …) → (…, groups, channels / groups, …); statistics over all but batch and group.
    const groupShape = [...x.shape.slice(0, axis), this.groups, channels / this.groups, ...x.shape.slice(axis + 1)];
    const grouped = ops.reshape(x, groupShape);
    const reductionAxes = groupShape.map((_, i) => i).filter((i) => i !== 0 && i !== axis);
    const broadcastShape = groupShape.map((d, i) => (i === axis || i === axis + 1 ? d : 1));
    const mean = ops.mean(grouped, reductionAxes, true);
    const variance = ops.mean(ops.square(ops.subtract(grouped, mean)), reductionAxes, true);
    let inv = ops.divide(1, ops.sqrt(ops.add(variance, this.epsilon)));
    if (this.gamma) inv = ops.multiply(inv, ops.reshape(this.gamma.value, broadcastShape));
    let y = ops.multiply(ops.subtract(grouped, mean), inv);
    if (this.beta) y = ops.add(y, ops.reshape(this.beta.value, broadcastShape));
    return ops.reshape(y, x.shape);
  }

  private checkAxis(inputShape: SymbolicShape): void {
    if (this.axis >= inputShape.length || this.axis < -inputShape.length) {
      throw new ValueError(`Axis ${this.axis} is out of bounds for input shape ${formatShape(inputShape)}. Received: axis=${this.axis}`);
    }
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    this.checkAxis(inputShape);
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      groups: this.groups,
      axis: this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: initializers.serialize(this.betaInitializer),
      gamma_initializer: initializers.serialize(this.gammaInitializer),
      beta_regularizer: regularizers.serialize(this.betaRegularizer),
      gamma_regularizer: regularizers.serialize(this.gammaRegularizer),
      beta_constraint: constraints.serialize(this.betaConstraint),
      gamma_constraint: constraints.serialize(this.gammaConstraint),
    };
  }
}

registerBuiltIn(GroupNormalization);
