/** Exponential linear unit activation layer, as `keras.layers.ELU`: `x` for `x >= 0`, `alpha * (exp(x) - 1)` below. */
import * as activations from '../../activations.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Tensor } from '../../tensor/tensor.js';

export interface ELUArgs extends LayerArgs {
  /** The scale of the negative section. Default 1. */
  alpha?: number;
}

export class ELU extends Layer {
  static override className = 'ELU';
  static override readonly signature = layerSignature<ELUArgs>()({ alpha: 1.0 });
  readonly alpha: number;

  /** `new ELU()`, `new ELU(0.5)`, or `new ELU({ alpha: 0.5 })`. */
  constructor(...args: KerasArgs<[alpha: number], ELUArgs>) {
    const a = ELU.signature.resolve(args, new.target);
    super(a);
    this.alpha = a.alpha;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return activations.elu(inputs, { alpha: this.alpha });
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

registerBuiltIn(ELU);
