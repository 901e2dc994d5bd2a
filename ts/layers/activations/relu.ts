/**
 * Rectified linear unit activation layer, as `keras.layers.ReLU`: with default values, `max(x, 0)`;
 * otherwise `x` for `x > threshold` (clipped to `maxValue`), `negativeSlope * (x - threshold)`
 * below it.
 *
 * @example
 * new layers.ReLU(6);                                     // relu6
 * new layers.ReLU({ negativeSlope: 0.1, threshold: 1 });
 */
import * as activations from '../../activations.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { ofType } from '../../arguments/received.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';

export interface ReLUArgs extends LayerArgs {
  /** The largest value the layer outputs (non-negative); default none (no saturation). */
  maxValue?: number | null;
  /** The slope for values below `threshold` (non-negative). Default 0. */
  negativeSlope?: number;
  /** The threshold below which values are damped or zeroed (non-negative). Default 0. */
  threshold?: number;
}

export class ReLU extends Layer {
  static override className = 'ReLU';
  static override readonly signature = layerSignature<ReLUArgs>()({ maxValue: null, negativeSlope: 0.0, threshold: 0.0 });
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  /** `new ReLU()`, `new ReLU(6)`, `new ReLU(null, 0.1, 1)`, or `new ReLU({ maxValue: 6 })`. */
  constructor(...args: KerasArgs<[maxValue: number | null, negativeSlope: number, threshold: number], ReLUArgs>) {
    const a = ReLU.signature.resolve(args, new.target);
    super(a);
    const { maxValue, negativeSlope, threshold } = a as { maxValue: number | null; negativeSlope: number | null; threshold: number | null };
    if (maxValue !== null && !(typeof maxValue === 'number' && maxValue >= 0)) {
      throw new ValueError(`max_value of a ReLU layer cannot be a negative value. Received: max_value=${pythonStr(maxValue)}${ofType(maxValue)}`);
    }
    if (negativeSlope === null || !(negativeSlope >= 0)) {
      throw new ValueError(`negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope=${pythonStr(negativeSlope)}`);
    }
    if (threshold === null || !(threshold >= 0)) {
      throw new ValueError(`threshold of a ReLU layer cannot be None or a negative value. Received: threshold=${pythonStr(threshold)}`);
    }
    this.maxValue = maxValue;
    this.negativeSlope = negativeSlope;
    this.threshold = threshold;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return activations.relu(inputs, { negativeSlope: this.negativeSlope, maxValue: this.maxValue, threshold: this.threshold });
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), max_value: this.maxValue, negative_slope: this.negativeSlope, threshold: this.threshold };
  }
}

registerBuiltIn(ReLU);
