/**
 * Thresholded ReLU activation layer: `x` where `x > theta`, else 0. From tf.keras 2
 * (`keras.layers.ThresholdedReLU`), which Keras 3 replaced by `ReLU({ threshold })`; kept for
 * models saved by tf.keras and tfjs, with their config and errors.
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface ThresholdedReLUArgs extends LayerArgs {
  /** The threshold location of activation (non-negative). Default 1. */
  theta?: number;
}

export class ThresholdedReLU extends Layer {
  static override className = 'ThresholdedReLU';
  /** tf.keras 2's signature: `ThresholdedReLU(theta=1.0, **kwargs)`. */
  static override readonly signature = layerSignature<ThresholdedReLUArgs>()({ theta: 1.0 });
  readonly theta: number;

  /** `new ThresholdedReLU()`, `new ThresholdedReLU(0.5)`, or `new ThresholdedReLU({ theta: 0.5 })`. */
  constructor(...args: KerasArgs<[theta: number], ThresholdedReLUArgs>) {
    const a = ThresholdedReLU.signature.resolve(args, new.target);
    super(a);
    const theta: number | null = a.theta;
    if (theta === null) {
      throw new ValueError('Theta of a Thresholded ReLU layer cannot be None, expecting a float. Received: None');
    }
    if (!(theta >= 0)) throw new ValueError(`The theta value of a Thresholded ReLU layer should be >=0. Received: ${theta}`);
    this.theta = theta;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.where(ops.greater(inputs, this.theta), inputs, 0);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), theta: this.theta };
  }
}

registerBuiltIn(ThresholdedReLU);
