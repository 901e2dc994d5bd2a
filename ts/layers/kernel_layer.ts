/**
 * The base of layers built around a kernel and an optional bias (Dense and the convolutions):
 * the options they share, resolved once, the two weights, and their part of the config.
 */
import * as activations from '../activations.js';
import { Layer, type LayerArgs, type LayerConfig } from '../engine/layer.js';
import type { Variable } from '../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../engine/weight_options.js';

export interface KernelLayerArgs extends WeightOptionArgs<'kernel'>, WeightOptionArgs<'bias'> {
  /** Activation function or its name; default none (linear). */
  activation?: string | activations.Activation | null;
  /** Whether the layer adds a bias vector. Default true. */
  useBias?: boolean;
}

/** `layer.kernelInitializer`, `layer.biasRegularizer`, … as Keras's attributes. */
export interface KernelLayer extends WeightOptions<'kernel'>, WeightOptions<'bias'> {}

export abstract class KernelLayer extends Layer {
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  /** `args` as the subclass's signature resolved them (every option present). */
  constructor(args: LayerArgs & Required<Pick<KernelLayerArgs, 'activation' | 'useBias'>> & KernelLayerArgs) {
    super(args);
    this.activation = activations.get(args.activation);
    this.useBias = args.useBias;
    Object.assign(this, weightOptions(args, 'kernel'), weightOptions(args, 'bias'));
  }

  /** Creates `kernel`, and `bias` when the layer uses one, with their initializers, regularizers and constraints. */
  protected addKernelAndBias(kernelShape: number[], biasShape: number[]): void {
    this.kernel = this.addWeight({ name: 'kernel', shape: kernelShape, ...weightHooks(this, 'kernel') });
    if (this.useBias) this.bias = this.addWeight({ name: 'bias', shape: biasShape, ...weightHooks(this, 'bias') });
  }

  /** The shared options' config entries, with Keras's keys. */
  protected kernelConfig(): LayerConfig {
    return {
      activation: activations.serialize(this.activation),
      use_bias: this.useBias,
      ...weightOptionsConfig(this, 'kernel'),
      ...weightOptionsConfig(this, 'bias'),
    };
  }
}
