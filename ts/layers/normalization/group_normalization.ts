/**
 * Group normalization (Keras 3): the channels (`axis`) are split into `groups`; each sample is
 * normalized over its group's channels and every other non-batch axis, then scaled by `gamma`
 * and shifted by `beta` (one per channel). `groups: 1` normalizes over all non-batch axes (as
 * layer normalization), `groups: -1` (one group per channel) is instance normalization.
 */
import { canonicalAxis, standardizeAxis } from '../../arguments/axis.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { type Tensor, formatShape } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';

export interface GroupNormalizationArgs extends LayerArgs, WeightOptionArgs<'beta'>, WeightOptionArgs<'gamma'> {
  /** Number of groups the channels are split into; it must divide them. -1: one per channel. Default 32. */
  groups?: number;
  /** The channels axis (negative counts from the end). Default -1. */
  axis?: number;
  /** Small float added to the variance to avoid dividing by zero. Default 1e-3. */
  epsilon?: number;
  /** Whether to add the learned offset `beta` (`betaInitializer` 'zeros' by default). Default true. */
  center?: boolean;
  /** Whether to multiply by the learned scale `gamma` (`gammaInitializer` 'ones' by default). Default true. */
  scale?: boolean;
}

/** `layer.gammaInitializer`, `layer.betaConstraint`, … as Keras's attributes. */
export interface GroupNormalization extends WeightOptions<'beta'>, WeightOptions<'gamma'> {}

export class GroupNormalization extends Layer {
  static override className = 'GroupNormalization';
  static override readonly signature = layerSignature<GroupNormalizationArgs>()({
    groups: 32, axis: -1, epsilon: 1e-3, center: true, scale: true, betaInitializer: 'zeros', gammaInitializer: 'ones',
    betaRegularizer: null, gammaRegularizer: null, betaConstraint: null, gammaConstraint: null,
  });
  /** As Keras: the value given (-1 possible) until the layer is built, then the number of groups. */
  groups: number;
  readonly axis: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  gamma: Variable | null = null;
  beta: Variable | null = null;

  /** `new GroupNormalization(8)`, `new GroupNormalization(8, 1)` (groups, axis), or `new GroupNormalization({ groups: 8, axis: 1 })`. */
  constructor(...args: KerasArgs<[groups: number, axis: number, epsilon: number, center: boolean, scale: boolean], GroupNormalizationArgs>) {
    const a = GroupNormalization.signature.resolve(args, new.target);
    const groups = a.groups;
    if (!Number.isInteger(groups) || (groups <= 0 && groups !== -1)) {
      throw new ValueError(`Received an invalid value for argument \`groups\`, expected a positive integer (or \`-1\` for instance normalization). Received: groups=${pythonStr(groups)}`);
    }
    super(a);
    this.groups = groups;
    this.axis = standardizeAxis(a.axis);
    this.epsilon = a.epsilon;
    this.center = a.center;
    this.scale = a.scale;
    Object.assign(this, weightOptions(a, 'beta'), weightOptions(a, 'gamma'));
    this.supportsMasking = true;
  }

  override build(inputShape: SymbolicShape): void {
    const dim = inputShape[canonicalAxis(this.axis, inputShape)];
    if (dim === null || dim === undefined) {
      throw new ValueError(`Axis ${this.axis} of input tensor should have a defined dimension but the layer received an input with shape ${formatShape(inputShape)}.`);
    }
    if (this.groups === -1) this.groups = dim;
    if (dim < this.groups) throw new ValueError(`Number of groups (${this.groups}) cannot be more than the number of channels (${dim}).`);
    if (dim % this.groups !== 0) throw new ValueError(`Number of groups (${this.groups}) must be a multiple of the number of channels (${dim}).`);
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes: { [this.axis]: dim } });
    if (this.scale) this.gamma = this.addWeight({ name: 'gamma', shape: [dim], ...weightHooks(this, 'gamma') });
    if (this.center) this.beta = this.addWeight({ name: 'beta', shape: [dim], ...weightHooks(this, 'beta') });
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

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    canonicalAxis(this.axis, inputShape);
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
      ...weightOptionsConfig(this, 'beta'),
      ...weightOptionsConfig(this, 'gamma'),
    };
  }
}

registerBuiltIn(GroupNormalization);
