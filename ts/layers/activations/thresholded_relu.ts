/**
 * Thresholded ReLU activation layer: `x` where `x > theta`, else 0. From tf.keras 2
 * (`keras.layers.ThresholdedReLU`), which Keras 3 replaced by `ReLU({ threshold })`; kept for
 * models saved by tf.keras and tfjs, with their config and errors.
 */
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
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
  readonly theta: number;

  constructor(args: ThresholdedReLUArgs = {}) {
    super(args);
    const theta = args.theta === undefined ? 1 : args.theta;
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

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), theta: this.theta };
  }
}

registerBuiltIn(ThresholdedReLU);
