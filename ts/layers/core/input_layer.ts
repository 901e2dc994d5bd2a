/** The entry point of a model: `Input({ shape: [784] })` gives a KerasTensor of shape (None, 784). */
import { KerasTensor } from '../../engine/keras_tensor.js';
import { type CallArgs, Layer, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface InputArgs {
  /** Shape of one sample, without the batch dimension; `null` for a dimension of any size. */
  shape: (number | null)[];
  /** A fixed batch size (default: any). */
  batchSize?: number | null;
  /** Layer name; default `input_layer`, `input_layer_1`, … */
  name?: string;
  /** dtype of the data fed here. Default 'float32'. */
  dtype?: DType;
}

export class InputLayer extends Layer {
  static override className = 'InputLayer';
  readonly batchShape: SymbolicShape;
  readonly output: KerasTensor;

  constructor(args: InputArgs) {
    super({ name: args.name, dtype: args.dtype });
    if (!Array.isArray(args.shape) || args.shape.some((d) => d !== null && (!Number.isInteger(d) || d < 0))) {
      throw new ValueError(`Input: \`shape\` must be an array of non-negative integers or null, received ${JSON.stringify(args.shape)}`);
    }
    this.batchShape = [args.batchSize ?? null, ...args.shape];
    this.built = true;
    this.outputShapeValue = this.batchShape;
    this.output = new KerasTensor(this.batchShape, this.dtype, this, [], this.name);
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return inputs;
  }

  override getConfig(): LayerConfig {
    return { batch_shape: this.batchShape, dtype: this.dtype, sparse: false, name: this.name };
  }
}

/** A symbolic model input, as `keras.Input`. */
export function Input(args: InputArgs): KerasTensor {
  return new InputLayer(args).output;
}
