/**
 * The shared body of `SeparableConv1D` and `SeparableConv2D`, as Keras's `BaseSeparableConv`:
 * a depthwise convolution (kernel `(kernelSize…, channels, depthMultiplier)`) followed by a
 * pointwise 1×1 convolution (kernel `(1…, channels · depthMultiplier, filters)`), then the bias
 * and the activation.
 */
import { REQUIRED, type Resolved } from '../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import { separableConv } from '../../ops/conv.js';
import { convOutputShape } from '../../ops/output_shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { strictlyPositive } from './conv_window.js';
import { DepthwiseKernelLayer, type DepthwiseKernelLayerArgs } from './depthwise_kernel_layer.js';

/** Options of the separable convolution layers, as the keyword arguments of Keras's `SeparableConvND`. */
export interface SeparableConvArgs extends DepthwiseKernelLayerArgs, WeightOptionArgs<'pointwise'> {
  /** The number of output channels of the pointwise convolution; a positive integer. */
  filters?: number;
}

/** The leading positional parameters of `SeparableConvND`'s constructor, in Keras's order. */
export type SeparableConvPositional = [
  filters: number, kernelSize: number | number[], strides: number | number[], padding: 'valid' | 'same', dataFormat: SeparableConvArgs['dataFormat'],
  dilationRate: number | number[], depthMultiplier: number, activation: SeparableConvArgs['activation'], useBias: boolean,
];

/** Keras's `SeparableConvND` signature for `rank` spatial dimensions. */
export function separableConvSignature(rank: number) {
  const ones = rank === 1 ? 1 : new Array<number>(rank).fill(1);
  return layerSignature<SeparableConvArgs>()({
    filters: REQUIRED, kernelSize: REQUIRED, strides: ones, padding: 'valid', dataFormat: null, dilationRate: ones, depthMultiplier: 1,
    activation: null, useBias: true, depthwiseInitializer: 'glorot_uniform', pointwiseInitializer: 'glorot_uniform', biasInitializer: 'zeros',
    depthwiseRegularizer: null, pointwiseRegularizer: null, biasRegularizer: null, activityRegularizer: null,
    depthwiseConstraint: null, pointwiseConstraint: null, biasConstraint: null,
  });
}

/** `layer.pointwiseInitializer`, … as Keras's attributes. */
export interface BaseSeparableConv extends WeightOptions<'pointwise'> {}

/** The base of the N-D separable convolution layers; not used directly. */
export abstract class BaseSeparableConv extends DepthwiseKernelLayer {
  readonly filters: number;
  depthwiseKernel: Variable | null = null;
  pointwiseKernel: Variable | null = null;

  /** `args`: the leaf class's resolved arguments. */
  constructor(rank: number, args: Resolved<SeparableConvArgs, ReturnType<typeof separableConvSignature>['params']>) {
    super(rank, args);
    Object.assign(this, weightOptions(args, 'pointwise'));
    this.filters = strictlyPositive('filters', args.filters);
  }

  protected addWeights(channels: number): void {
    this.depthwiseKernel = this.addDepthwiseKernel('depthwise_kernel', channels);
    this.pointwiseKernel = this.addWeight({
      name: 'pointwise_kernel', shape: [...new Array<number>(this.rank).fill(1), channels * this.depthMultiplier, this.filters], ...weightHooks(this, 'pointwise'),
    });
    this.addBias(this.filters);
  }

  protected convolve(inputs: Tensor): Tensor {
    return separableConv(inputs, this.depthwiseKernel!.value, this.pointwiseKernel!.value, {
      strides: this.strides, padding: this.padding, dataFormat: this.dataFormat, dilationRate: this.dilationRate,
    });
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return convOutputShape(inputShape, this.filters, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), filters: this.filters, ...weightOptionsConfig(this, 'pointwise') };
  }
}
