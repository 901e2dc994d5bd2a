/**
 * Leaky ReLU activation layer, as `keras.layers.LeakyReLU`: `x` for `x >= 0`, `negativeSlope * x`
 * below (computed as `max(x, negativeSlope * x)`, as Keras). Keras 3's default slope is 0.3.
 */
import * as activations from '../../activations.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';

export interface LeakyReLUArgs extends LayerArgs {
  /** The slope for negative inputs (non-negative). Default 0.3. */
  negativeSlope?: number;
  /** @deprecated Keras 2's (and tfjs's) name for `negativeSlope`; Keras 3 still accepts it. */
  alpha?: number | null;
}

export class LeakyReLU extends Layer {
  static override className = 'LeakyReLU';
  static override readonly signature = layerSignature<LeakyReLUArgs>()({ negativeSlope: 0.3 }, { alpha: null });
  readonly negativeSlope: number;

  /** `new LeakyReLU()`, `new LeakyReLU(0.1)`, or `new LeakyReLU({ negativeSlope: 0.1 })`. */
  constructor(...args: KerasArgs<[negativeSlope: number], LeakyReLUArgs>) {
    const a = LeakyReLU.signature.resolve(args, new.target);
    super(a);
    const slope: number | null = a.alpha ?? a.negativeSlope;
    if (slope === null || !(slope >= 0)) {
      throw new ValueError(`The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=${pythonStr(slope)}`);
    }
    this.negativeSlope = slope;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return activations.leakyRelu(inputs, { negativeSlope: this.negativeSlope });
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), negative_slope: this.negativeSlope };
  }
}

registerBuiltIn(LeakyReLU);
