/** Applies an activation function to its input: `new Activation('relu')`. */
import * as activations from '../../activations.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes } from '../../engine/layer.js';
import type { Tensor } from '../../tensor/tensor.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { ValueError } from '../../utils/errors.js';

export interface ActivationArgs extends LayerArgs {
  /** The activation function or its name. */
  activation?: string | activations.Activation;
}

export class Activation extends Layer {
  static override className = 'Activation';
  readonly activation: activations.Activation;

  constructor(activation: string | activations.Activation, args?: ActivationArgs);
  constructor(args: ActivationArgs);
  constructor(first: string | activations.Activation | ActivationArgs, maybeArgs: ActivationArgs = {}) {
    const args = typeof first === 'object' ? first : { ...maybeArgs, activation: first };
    super(args);
    this.supportsMasking = true;
    if (args.activation === undefined) throw new ValueError('Activation: the `activation` argument is required');
    this.activation = activations.get(args.activation);
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return this.activation(inputs);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), activation: activations.serialize(this.activation) };
  }
}

registerBuiltIn(Activation);
