/**
 * The shared body of `DepthwiseConv1D` and `DepthwiseConv2D`, as Keras's `BaseDepthwiseConv`:
 * `activation(depthwiseConv(inputs, kernel) + bias)` with a kernel of shape
 * `(kernelSize…, inputChannels, depthMultiplier)` and `inputChannels · depthMultiplier` outputs.
 */
import { channelAxis } from '../../arguments/data_format.js';
import { REQUIRED } from '../../arguments/signature.js';
import { layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { depthwiseConv } from '../../ops/conv.js';
import { convOutputShape } from '../../ops/output_shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { DepthwiseKernelLayer, type DepthwiseKernelLayerArgs } from './depthwise_kernel_layer.js';

/** Options of the depthwise convolution layers, as the keyword arguments of Keras's `DepthwiseConvND`. */
export type DepthwiseConvArgs = DepthwiseKernelLayerArgs;

/** The leading positional parameters of `DepthwiseConvND`'s constructor, in Keras's order. */
export type DepthwiseConvPositional = [
  kernelSize: number | number[], strides: number | number[], padding: 'valid' | 'same', depthMultiplier: number,
  dataFormat: DepthwiseConvArgs['dataFormat'], dilationRate: number | number[], activation: DepthwiseConvArgs['activation'], useBias: boolean,
];

/** Keras's `DepthwiseConvND` signature for `rank` spatial dimensions. */
export function depthwiseConvSignature(rank: number) {
  const ones = rank === 1 ? 1 : new Array<number>(rank).fill(1);
  return layerSignature<DepthwiseConvArgs>()({
    kernelSize: REQUIRED, strides: ones, padding: 'valid', depthMultiplier: 1, dataFormat: null, dilationRate: ones,
    activation: null, useBias: true, depthwiseInitializer: 'glorot_uniform', biasInitializer: 'zeros', depthwiseRegularizer: null,
    biasRegularizer: null, activityRegularizer: null, depthwiseConstraint: null, biasConstraint: null,
  });
}

/** The base of the N-D depthwise convolution layers; not used directly. */
export abstract class BaseDepthwiseConv extends DepthwiseKernelLayer {
  kernel: Variable | null = null;

  protected addWeights(channels: number): void {
    this.kernel = this.addDepthwiseKernel('kernel', channels);
    this.addBias(channels * this.depthMultiplier);
  }

  protected convolve(inputs: Tensor): Tensor {
    return depthwiseConv(inputs, this.kernel!.value, {
      strides: this.strides, padding: this.padding, dataFormat: this.dataFormat, dilationRate: this.dilationRate,
    });
  }

  /** The convolution's shape, with `channels · depthMultiplier` output channels (None while the channels are unknown). */
  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const axis = channelAxis(inputShape.length, this.dataFormat);
    const channels = inputShape[axis] ?? null;
    const out = convOutputShape(inputShape, (channels ?? 0) * this.depthMultiplier, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
    if (channels === null) out[axis] = null;
    return out;
  }
}
