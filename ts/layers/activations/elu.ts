/** Exponential linear unit activation layer, as `keras.layers.ELU`: `x` for `x >= 0`, `alpha * (exp(x) - 1)` below. */
import * as activations from '../../activations.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';

export interface ELUArgs extends LayerArgs {
  /** The scale of the negative section. Default 1. */
  alpha?: number;
}

export class ELU extends Layer {
  static override className = 'ELU';
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    this.alpha = args.alpha ?? 1;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return activations.elu(inputs, { alpha: this.alpha });
  }

  override getConfig(): LayerConfig {
    // Keras 3's ELU leaves `alpha` out of its config (tf.keras 2 and tfjs keep it), so a reloaded
    // layer would fall back to 1; we keep it, and Keras's `ELU(**config)` accepts it.
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

registerBuiltIn(ELU);
