/**
 * The shared body of `Conv1D`, `Conv2D` and `Conv3D`, as Keras's `BaseConv`:
 * `activation(conv(inputs, kernel) + bias)` with a kernel of shape
 * `(kernelSize…, inputChannels / groups, filters)`.
 */
import type { Padding } from '../../arguments/padding.js';
import { REQUIRED, type Resolved } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { conv } from '../../ops/conv.js';
import { convOutputShape } from '../../ops/output_shape.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonRepr } from '../../utils/python_repr.js';
import { KernelLayer, type KernelLayerArgs } from '../kernel_layer.js';
import {
  type ConvWindow, type ConvWindowArgs, addChannelsBias, channelsSpec, checkStridesOrDilation, convWindow, convWindowConfig, inputChannels,
  strictlyPositive,
} from './conv_window.js';

/** Options of the convolution layers, as the keyword arguments of Keras's `ConvND`. */
export interface ConvArgs extends LayerArgs, KernelLayerArgs, ConvWindowArgs<Padding> {
  /** The number of output channels (filters); a positive integer. */
  filters?: number;
  /**
   * `'valid'` (no padding, the default), `'same'` (zeros so that the output has
   * `ceil(size / stride)` positions, the odd one after, as TensorFlow), or for `Conv1D`
   * `'causal'` (zeros before only, so that output `t` sees inputs up to `t`).
   */
  padding?: Padding;
  /**
   * Channel groups: the inputs' channels and the filters are split into `groups` groups, and
   * group `g` of the filters only sees group `g` of the channels. Default 1.
   */
  groups?: number;
}

/** Keras's `ConvND` signature for `rank` spatial dimensions (defaults such as `strides` are `rank`-tuples, or ints for 1-D). */
export function convSignature(rank: number) {
  const ones = rank === 1 ? 1 : new Array<number>(rank).fill(1);
  return layerSignature<ConvArgs>()({
    filters: REQUIRED, kernelSize: REQUIRED, strides: ones, padding: 'valid', dataFormat: null, dilationRate: ones, groups: 1,
    activation: null, useBias: true, kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros', kernelRegularizer: null,
    biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
  });
}

/** The arguments of a convolution once its signature resolved them. */
export type ResolvedConvArgs = Resolved<ConvArgs, ReturnType<typeof convSignature>['params']>;

/** `layer.kernelSize`, `layer.strides`, … as Keras's attributes. */
export interface BaseConv extends ConvWindow<Padding> {}

/** The base of the N-D convolution layers; not used directly. */
export abstract class BaseConv extends KernelLayer {
  readonly rank: number;
  readonly filters: number;
  readonly groups: number;

  /** `args`: the leaf class's resolved arguments. */
  constructor(rank: number, args: ResolvedConvArgs) {
    super(args);
    this.rank = rank;
    this.groups = args.groups;
    Object.assign(this, rank === 1 ? convWindow(rank, args, true) : convWindow(rank, args));
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
    this.filters = strictlyPositive('filters', args.filters);
    if (!Number.isInteger(this.groups) || this.groups <= 0) {
      throw new ValueError(`The number of groups must be a positive integer. Received: groups=${pythonRepr(this.groups)}.`);
    }
    if (this.filters % this.groups !== 0) {
      throw new ValueError(`The number of filters must be evenly divisible by the number of groups. Received: groups=${this.groups}, filters=${this.filters}.`);
    }
    checkStridesOrDilation(this);
  }

  override build(inputShape: SymbolicShape): void {
    const channels = inputChannels(inputShape, this.dataFormat);
    this.inputSpec = channelsSpec(this.rank, this.dataFormat, channels);
    if (channels % this.groups !== 0) {
      throw new ValueError(
        `The number of input channels must be evenly divisible by the number of groups. Received groups=${this.groups}, but the input has ${channels} channels (full input shape is ${formatShape(inputShape)}).`,
      );
    }
    this.computeOutputShape(inputShape);
    this.addKernelAndBias([...this.kernelSize, channels / this.groups, this.filters], [this.filters]);
  }

  /** The convolution itself (Conv1D overrides it for `'causal'` padding). */
  protected convolutionOp(inputs: Tensor, kernel: Tensor): Tensor {
    return conv(inputs, kernel, {
      strides: this.strides, padding: this.padding as 'valid' | 'same', dataFormat: this.dataFormat, dilationRate: this.dilationRate,
    });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const outputs = this.convolutionOp(inputs, this.kernel!.value);
    return this.activation(this.bias ? addChannelsBias(outputs, this.bias.value, this.dataFormat) : outputs);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return convOutputShape(inputShape, this.filters, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...convWindowConfig(this),
      groups: this.groups,
      ...this.kernelConfig(),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
    };
  }
}
