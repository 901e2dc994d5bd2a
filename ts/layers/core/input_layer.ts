/** The entry point of a model: `Input({ shape: [784] })` gives a KerasTensor of shape (None, 784). */
import { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import { type CallArgs, Layer, type LayerConfig, type LayerInputs, type ShapeOrShapes } from '../../engine/layer.js';
import { Node } from '../../ops/symbolic/node.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { DType } from '../../tensor/tensor.js';
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

  constructor(args: InputArgs) {
    super({ name: args.name, dtype: args.dtype });
    if (!Array.isArray(args.shape) || args.shape.some((d) => d !== null && (!Number.isInteger(d) || d < 0))) {
      throw new ValueError(`Input: \`shape\` must be an array of non-negative integers or null, received ${JSON.stringify(args.shape)}`);
    }
    this.batchShape = [args.batchSize ?? null, ...args.shape];
    this.built = true;
    const output = new KerasTensor(this.batchShape, this.dtype, this.name);
    new Node(this, [], {}, [output]);
  }

  call(inputs: LayerInputs, _args: CallArgs): LayerInputs {
    return inputs;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { batch_shape: this.batchShape, dtype: this.dtype, sparse: false, ragged: false, name: this.name, optional: false };
  }

  static fromConfig(config: LayerConfig): InputLayer {
    const batchShape = (config.batch_shape ?? config.batch_input_shape) as (number | null)[];
    const dtype = (typeof config.dtype === 'string' ? config.dtype : undefined) as DType | undefined;
    return new InputLayer({ shape: batchShape.slice(1), batchSize: batchShape[0] ?? null, name: config.name as string, dtype });
  }
}

registerBuiltIn(InputLayer);

/** A symbolic model input, as `keras.Input`. */
export function Input(args: InputArgs): KerasTensor {
  return new InputLayer(args).output as KerasTensor;
}
