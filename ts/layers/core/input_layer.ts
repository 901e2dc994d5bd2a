/**
 * The entry point of a model: `Input([784])` (or `Input({ shape: [784] })`) gives a KerasTensor of
 * shape (None, 784); `Input({ batchShape: [32, 784] })` fixes the batch size too.
 */
import { standardizeShape } from '../../arguments/shape.js';
import { type KerasArgs, signature, onlyDefault } from '../../arguments/signature.js';
import { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import { type CallArgs, Layer, type LayerConfig, type LayerInputs, type ShapeOrShapes } from '../../engine/layer.js';
import { Node } from '../../ops/symbolic/node.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { DType } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { toCamelCase } from '../../utils/naming.js';

/** The arguments of `Input`, as Keras's `keras.Input`. */
export interface InputArgs {
  /** Shape of one sample, without the batch dimension; `null` for a dimension of any size. */
  shape?: (number | null)[] | null;
  /** A fixed batch size (default: any). */
  batchSize?: number | null;
  /** dtype of the data fed here (a name or a Keras dtype policy). Default 'float32'. */
  dtype?: DType | Record<string, unknown> | null;
  /** Keras's sparse inputs; kerasm's tensors are dense, so only false (or null) is taken. */
  sparse?: boolean | null;
  /** Keras's ragged inputs; kerasm's tensors are dense, so only false (or null) is taken. */
  ragged?: boolean | null;
  /** The shape with the batch dimension first, instead of `shape` and `batchSize`. */
  batchShape?: (number | null)[] | null;
  /** Layer name; default `input_layer`, `input_layer_1`, … */
  name?: string | null;
  /** Keras's existing tensor to wrap; kerasm does not wrap tensors, so only the default (null) is taken. */
  tensor?: null;
  /** Keras's optional inputs (that accept None); kerasm feeds every input, so only the default (false) is taken. */
  optional?: boolean;
}

/** The arguments of `InputLayer`, as Keras's `keras.layers.InputLayer` (which calls `tensor` `inputTensor`). */
export interface InputLayerArgs extends Omit<InputArgs, 'tensor'> {
  /** See `InputArgs.tensor`. */
  inputTensor?: null;
  /** Keras's deprecated name of `shape`. */
  inputShape?: (number | null)[] | null;
  /** Keras 2's name of `batchShape`, as its configs hold it. */
  batchInputShape?: (number | null)[] | null;
}

export class InputLayer extends Layer {
  static override className = 'InputLayer';
  static override readonly signature = signature<InputLayerArgs>()({
    shape: null, batchSize: null, dtype: null, sparse: null, ragged: null, batchShape: null,
    inputTensor: onlyDefault(null), optional: onlyDefault(false), name: null,
  }, { inputShape: null, batchInputShape: null });
  readonly batchShape: SymbolicShape;
  readonly sparse: boolean;
  readonly ragged: boolean;
  readonly optional: boolean;

  /** `new InputLayer([784])`, `new InputLayer({ shape: [784], batchSize: 32 })` or `new InputLayer({ batchShape: [32, 784] })`. */
  constructor(...args: KerasArgs<[shape: (number | null)[] | null, batchSize: number | null, dtype: InputArgs['dtype']], InputLayerArgs>) {
    const a = InputLayer.signature.resolve(args, new.target);
    super({ name: a.name, dtype: a.dtype });
    this.batchShape = batchShapeOf(a.shape ?? a.inputShape ?? null, a.batchSize, a.batchShape ?? a.batchInputShape ?? null);
    this.sparse = denseOnly(a.sparse, 'sparse');
    this.ragged = denseOnly(a.ragged, 'ragged');
    this.optional = a.optional;
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
    return { batch_shape: this.batchShape, dtype: this.dtype, sparse: this.sparse, ragged: this.ragged, name: this.name, optional: this.optional };
  }

  /** Keras's configs (and Keras 2's, with `batch_input_shape`) hold the constructor's arguments. */
  static fromConfig(config: LayerConfig): InputLayer {
    return new InputLayer(Object.fromEntries(Object.entries(config).map(([key, value]) => [toCamelCase(key), value])));
  }
}

registerBuiltIn(InputLayer);

/** `keras.Input`'s signature: InputLayer's arguments in another order, with `tensor` for `inputTensor`. */
const INPUT_SIGNATURE = signature<InputArgs>()({
  shape: null, batchSize: null, dtype: null, sparse: null, ragged: null, batchShape: null, name: null, tensor: onlyDefault(null), optional: onlyDefault(false),
});

/**
 * A symbolic model input, as `keras.Input`: `Input([784])`, `Input({ shape: [784] })`,
 * `Input({ batchShape: [32, 784] })`. A function in Keras, so an arrow function here: it is
 * not a class and cannot be called with `new`.
 */
export const Input = (...args: KerasArgs<[shape: (number | null)[] | null, batchSize: number | null, dtype: InputArgs['dtype']], InputArgs>): KerasTensor => {
  const { tensor, ...rest } = INPUT_SIGNATURE.resolve(args, { name: 'Input' });
  return new InputLayer({ ...rest, inputTensor: tensor }).output as KerasTensor;
};

/** The batch shape from `shape` and `batchSize`, or from `batchShape`, with Keras's checks. */
function batchShapeOf(shape: (number | null)[] | null, batchSize: number | null, batchShape: (number | null)[] | null): SymbolicShape {
  if (shape !== null && batchShape !== null) throw new ValueError('You cannot pass both `shape` and `batch_shape` at the same time.');
  if (batchSize !== null && batchShape !== null) throw new ValueError('You cannot pass both `batch_size` and `batch_shape` at the same time.');
  if (shape === null && batchShape === null) throw new ValueError('You must pass a `shape` argument.');
  return standardizeShape(batchShape ?? [batchSize, ...standardizeShape(shape)]);
}

/** `sparse` and `ragged` as Keras reads them (`bool(value)`), refused as Keras refuses them on a backend without such tensors. */
function denseOnly(value: boolean | null, name: 'sparse' | 'ragged'): boolean {
  if (value) throw new ValueError(`\`${name}=True\` is not supported with the kerasm backend`);
  return false;
}
