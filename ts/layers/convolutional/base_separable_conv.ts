/**
 * The shared body of `SeparableConv1D` and `SeparableConv2D`, as Keras's `BaseSeparableConv`:
 * a depthwise convolution (kernel `(kernelSize…, channels, depthMultiplier)`) followed by a
 * pointwise 1×1 convolution (kernel `(1…, channels · depthMultiplier, filters)`), then the bias
 * and the activation.
 */
import * as activations from '../../activations.js';
import * as constraints from '../../constraints.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import type { ConstraintLike } from '../../constraints.js';
import type { RegularizerLike } from '../../regularizers.js';
import * as initializers from '../../initializers/index.js';
import { separableConv } from '../../ops/conv.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';

import { checkPositive, inputChannels, standardizePadding } from './base_depthwise_conv.js';
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';
import { convOutputShape } from '../../ops/output_shape.js';
import { standardizeTuple } from '../../arguments/tuples.js';

/** Options of the separable convolution layers, as the keyword arguments of Keras's `SeparableConvND`. */
export interface SeparableConvArgs extends LayerArgs {
  /** The number of output channels of the pointwise convolution; a positive integer. */
  filters?: number;
  /** The size of the depthwise window: one integer for every spatial axis, or one per axis. */
  kernelSize?: number | number[];
  /** The stride of the depthwise window: one integer or one per spatial axis. Default 1. */
  strides?: number | number[];
  /** `'valid'` (no padding, the default) or `'same'` (`ceil(size / stride)` outputs, the odd zero after). */
  padding?: 'valid' | 'same';
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
  /** Dilation of the depthwise window: one integer or one per spatial axis. Default 1. */
  dilationRate?: number | number[];
  /** Depthwise filters per input channel. Default 1. */
  depthMultiplier?: number;
  /** Applied to the output; default none (linear). */
  activation?: string | activations.Activation | null;
  /** Whether to add a bias of `filters` values. Default true. */
  useBias?: boolean;
  /** Initializer of the depthwise kernel. Default `'glorot_uniform'`. */
  depthwiseInitializer?: initializers.InitializerIdentifier;
  /** Initializer of the pointwise kernel. Default `'glorot_uniform'`. */
  pointwiseInitializer?: initializers.InitializerIdentifier;
  /** Initializer of the bias. Default `'zeros'`. */
  biasInitializer?: initializers.InitializerIdentifier;
  /** Regularizer of the depthwise kernel. */
  depthwiseRegularizer?: regularizers.RegularizerIdentifier;
  /** Regularizer of the pointwise kernel. */
  pointwiseRegularizer?: regularizers.RegularizerIdentifier;
  /** Regularizer of the bias. */
  biasRegularizer?: regularizers.RegularizerIdentifier;
  /** Constraint applied to the depthwise kernel after each update. */
  depthwiseConstraint?: constraints.ConstraintIdentifier;
  /** Constraint applied to the pointwise kernel after each update. */
  pointwiseConstraint?: constraints.ConstraintIdentifier;
  /** Constraint applied to the bias after each update. */
  biasConstraint?: constraints.ConstraintIdentifier;
}

/** The base of the N-D separable convolution layers; not used directly. */
export abstract class BaseSeparableConv extends Layer {
  readonly rank: number;
  readonly depthMultiplier: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly depthwiseInitializer: initializers.Initializer;
  readonly pointwiseInitializer: initializers.Initializer;
  readonly biasInitializer: initializers.Initializer;
  readonly depthwiseRegularizer: RegularizerLike | null;
  readonly pointwiseRegularizer: RegularizerLike | null;
  readonly biasRegularizer: RegularizerLike | null;
  readonly depthwiseConstraint: ConstraintLike | null;
  readonly pointwiseConstraint: ConstraintLike | null;
  readonly biasConstraint: ConstraintLike | null;
  depthwiseKernel: Variable | null = null;
  pointwiseKernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(rank: number, args: SeparableConvArgs) {
    super(args);
    this.rank = rank;
    this.kernelSize = standardizeTuple(args.kernelSize, rank, 'kernel_size');
    this.strides = standardizeTuple(args.strides ?? 1, rank, 'strides');
    this.dilationRate = standardizeTuple(args.dilationRate ?? 1, rank, 'dilation_rate');
    this.padding = standardizePadding(args.padding);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.activation = activations.get(args.activation);
    this.useBias = args.useBias ?? true;
    this.depthwiseInitializer = initializers.get(args.depthwiseInitializer ?? 'glorot_uniform');
    this.pointwiseInitializer = initializers.get(args.pointwiseInitializer ?? 'glorot_uniform');
    this.biasInitializer = initializers.get(args.biasInitializer ?? 'zeros');
    this.depthwiseRegularizer = regularizers.get(args.depthwiseRegularizer);
    this.pointwiseRegularizer = regularizers.get(args.pointwiseRegularizer);
    this.biasRegularizer = regularizers.get(args.biasRegularizer);
    this.depthwiseConstraint = constraints.get(args.depthwiseConstraint);
    this.pointwiseConstraint = constraints.get(args.pointwiseConstraint);
    this.biasConstraint = constraints.get(args.biasConstraint);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
    this.depthMultiplier = checkPositive('depth_multiplier', args.depthMultiplier ?? 1);
    this.filters = checkPositive('filters', args.filters);
  }

  override build(inputShape: SymbolicShape): void {
    const channels = inputChannels(inputShape, this.dataFormat);
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [this.dataFormat === 'channels_last' ? -1 : 1]: channels } });
    this.computeOutputShape(inputShape);
    this.depthwiseKernel = this.addWeight({
      name: 'depthwise_kernel', shape: [...this.kernelSize, channels, this.depthMultiplier], initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer, constraint: this.depthwiseConstraint,
    });
    this.pointwiseKernel = this.addWeight({
      name: 'pointwise_kernel', shape: [...new Array<number>(this.rank).fill(1), channels * this.depthMultiplier, this.filters],
      initializer: this.pointwiseInitializer, regularizer: this.pointwiseRegularizer, constraint: this.pointwiseConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias', shape: [this.filters], initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint,
      });
    }
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    let outputs = separableConv(inputs, this.depthwiseKernel!.value, this.pointwiseKernel!.value, {
      strides: this.strides, padding: this.padding, dataFormat: this.dataFormat, dilationRate: this.dilationRate,
    });
    if (this.bias) {
      const bias = this.dataFormat === 'channels_last'
        ? this.bias.value
        : ops.reshape(this.bias.value, [this.filters, ...new Array<number>(this.rank).fill(1)]);
      outputs = ops.add(outputs, bias);
    }
    return this.activation(outputs);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return convOutputShape(inputShape, this.filters, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      depth_multiplier: this.depthMultiplier,
      filters: this.filters,
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: this.dilationRate,
      activation: activations.serialize(this.activation),
      use_bias: this.useBias,
      depthwise_initializer: initializers.serialize(this.depthwiseInitializer),
      pointwise_initializer: initializers.serialize(this.pointwiseInitializer),
      bias_initializer: initializers.serialize(this.biasInitializer),
      depthwise_regularizer: regularizers.serialize(this.depthwiseRegularizer),
      pointwise_regularizer: regularizers.serialize(this.pointwiseRegularizer),
      bias_regularizer: regularizers.serialize(this.biasRegularizer),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
      depthwise_constraint: constraints.serialize(this.depthwiseConstraint),
      pointwise_constraint: constraints.serialize(this.pointwiseConstraint),
      bias_constraint: constraints.serialize(this.biasConstraint),
    };
  }
}
