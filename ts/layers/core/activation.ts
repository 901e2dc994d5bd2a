/** Applies an activation function to its input: `new Activation('relu')`. */
import * as activations from '../../activations.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes, layerSignature } from '../../engine/layer.js';
import type { Tensor } from '../../tensor/tensor.js';
import { registerBuiltIn } from '../../engine/registry.js';

export interface ActivationArgs extends LayerArgs {
  /** The activation function or its name. */
  activation?: string | activations.Activation | null;
}

export class Activation extends Layer {
  static override className = 'Activation';
  static override readonly signature = layerSignature<ActivationArgs>()({ activation: REQUIRED });
  readonly activation: activations.Activation;

  /** `new Activation('relu')`, or `new Activation({ activation: 'relu' })`. */
  constructor(...args: KerasArgs<[activation: string | activations.Activation | null], ActivationArgs>) {
    const a = Activation.signature.resolve(args, new.target);
    super(a);
    this.supportsMasking = true;
    this.activation = activations.get(a.activation);
    this.built = true;
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
