/**
 * The base of the layers built around a depthwise kernel, as `kernel_layer.ts` is for Dense and
 * the convolutions: `DepthwiseConvND`, and `SeparableConvND`, which follows it with a
 * pointwise kernel. It holds what they share: the window, `depthMultiplier`, the activation and
 * the bias, the options of the depthwise kernel and of the bias, the build that pins the
 * input channels, the call, and their part of the config.
 */
import * as activations from '../../activations.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import {
  type ConvWindow, type ConvWindowArgs, addChannelsBias, channelsSpec, convWindow, convWindowConfig, inputChannels, strictlyPositive,
} from './conv_window.js';

/** Options of the depthwise and separable convolutions that they share. */
export interface DepthwiseKernelLayerArgs extends LayerArgs, ConvWindowArgs, WeightOptionArgs<'depthwise'>, WeightOptionArgs<'bias'> {
  /** Depthwise filters per input channel: the depthwise convolution outputs `channels · depthMultiplier` channels. Default 1. */
  depthMultiplier?: number;
  /** Applied to the output; default none (linear). */
  activation?: string | activations.Activation | null;
  /** Whether to add a bias, one value per output channel. Default true. */
  useBias?: boolean;
}

/** `layer.kernelSize`, `layer.depthwiseInitializer`, `layer.biasConstraint`, … as Keras's attributes. */
export interface DepthwiseKernelLayer extends ConvWindow, WeightOptions<'depthwise'>, WeightOptions<'bias'> {}

export abstract class DepthwiseKernelLayer extends Layer {
  readonly rank: number;
  readonly depthMultiplier: number;
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  bias: Variable | null = null;

  /** `args` as the leaf class's signature resolved them (every option present). */
  constructor(rank: number, args: DepthwiseKernelLayerArgs & Required<Pick<DepthwiseKernelLayerArgs, 'depthMultiplier' | 'activation' | 'useBias'>>) {
    super(args);
    this.rank = rank;
    Object.assign(this, convWindow(rank, args), weightOptions(args, 'depthwise'), weightOptions(args, 'bias'));
    this.activation = activations.get(args.activation);
    this.useBias = args.useBias;
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
    this.depthMultiplier = strictlyPositive('depth_multiplier', args.depthMultiplier);
  }

  /** Creates the weights for inputs of `channels` channels, through {@link addDepthwiseKernel} and {@link addBias}. */
  protected abstract addWeights(channels: number): void;

  /** The convolution, before the bias and the activation. */
  protected abstract convolve(inputs: Tensor): Tensor;

  override build(inputShape: SymbolicShape): void {
    const channels = inputChannels(inputShape, this.dataFormat);
    this.inputSpec = channelsSpec(this.rank, this.dataFormat, channels);
    this.computeOutputShape(inputShape);
    this.addWeights(channels);
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const outputs = this.convolve(inputs);
    return this.activation(this.bias ? addChannelsBias(outputs, this.bias.value, this.dataFormat) : outputs);
  }

  /** The depthwise kernel `(kernelSize…, channels, depthMultiplier)`, with its initializer, regularizer and constraint. */
  protected addDepthwiseKernel(name: string, channels: number): Variable {
    return this.addWeight({ name, shape: [...this.kernelSize, channels, this.depthMultiplier], ...weightHooks(this, 'depthwise') });
  }

  /** The bias of `size` values, when the layer uses one. */
  protected addBias(size: number): void {
    if (this.useBias) this.bias = this.addWeight({ name: 'bias', shape: [size], ...weightHooks(this, 'bias') });
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      depth_multiplier: this.depthMultiplier,
      ...convWindowConfig(this),
      activation: activations.serialize(this.activation),
      use_bias: this.useBias,
      ...weightOptionsConfig(this, 'depthwise'),
      ...weightOptionsConfig(this, 'bias'),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
    };
  }
}
