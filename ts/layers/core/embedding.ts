/**
 * Turns non-negative integers (indices) into dense vectors of a fixed size:
 * `[[4], [20]] -> [[0.25, 0.1], [0.6, -0.2]]`. A gather (`ops.take`) of rows of the
 * `(inputDim, outputDim)` embeddings matrix; its gradient scatter-adds into those rows.
 */
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import * as initializers from '../../initializers/index.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface EmbeddingArgs extends LayerArgs {
  /** Size of the vocabulary, i.e. maximum integer index + 1 (a positive integer). */
  inputDim?: number;
  /** Dimension of the dense embedding (a positive integer). */
  outputDim?: number;
  /** Initializer of the `embeddings` matrix. Default 'uniform' (RandomUniform in [-0.05, 0.05]). */
  embeddingsInitializer?: initializers.InitializerIdentifier;
  /**
   * Whether the index 0 is a padding value to be masked out: the layer then outputs a mask
   * (`inputs != 0`) for downstream layers. Index 0 cannot then be used in the vocabulary.
   * Default false.
   */
  maskZero?: boolean;
  /**
   * Deprecated in Keras 3 (which ignores it): the length of input sequences. When given without
   * `inputShape`, kerasm uses it as `inputShape: [inputLength]`, as Keras 2 did. Not saved.
   */
  inputLength?: number;
}

export class Embedding extends Layer {
  static override className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: initializers.Initializer;
  readonly maskZero: boolean;
  embeddings: Variable | null = null;

  /** `new Embedding(1000, 64)`, or `new Embedding({ inputDim: 1000, outputDim: 64 })`. */
  constructor(inputDim: number, outputDim: number, args?: EmbeddingArgs);
  constructor(args: EmbeddingArgs);
  constructor(first: number | EmbeddingArgs, outputDim?: number, maybeArgs: EmbeddingArgs = {}) {
    const args = typeof first === 'object' ? first : { ...maybeArgs, inputDim: first, outputDim };
    const withShape = args.inputLength !== undefined && args.inputShape === undefined ? { ...args, inputShape: [args.inputLength] } : args;
    super(withShape);
    for (const key of ['inputDim', 'outputDim'] as const) {
      const value = args[key];
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
        const name = key === 'inputDim' ? 'input_dim' : 'output_dim';
        throw new ValueError(`\`${name}\` must be a positive integer. Received: ${name}=${String(value)} (of type ${pythonType(value)}).`);
      }
    }
    this.inputDim = args.inputDim!;
    this.outputDim = args.outputDim!;
    const init = args.embeddingsInitializer ?? 'uniform';
    this.embeddingsInitializer = init === 'uniform' ? new initializers.RandomUniform() : initializers.get(init);
    this.maskZero = args.maskZero ?? false;
    this.supportsMasking = this.maskZero;
  }

  override build(_inputShape: SymbolicShape): void {
    this.embeddings = this.addWeight({ name: 'embeddings', shape: [this.inputDim, this.outputDim], initializer: this.embeddingsInitializer });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.take(this.embeddings!.value, inputs, 0);
  }

  /** `inputs != 0` when `maskZero`, else no mask. */
  override computeMask(inputs: Tensor, _mask: Tensor | null): Tensor | null {
    return this.maskZero ? ops.notEqual(inputs, 0) : null;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [...inputShape, this.outputDim];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      input_dim: this.inputDim,
      output_dim: this.outputDim,
      embeddings_initializer: initializers.serialize(this.embeddingsInitializer),
      embeddings_regularizer: null,
      activity_regularizer: null,
      embeddings_constraint: null,
      mask_zero: this.maskZero,
      quantization_config: null,
    };
  }
}

/** How Python would name the type of `value` in Keras's messages. */
function pythonType(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  return value === null || value === undefined ? 'NoneType' : typeof value;
}

registerBuiltIn(Embedding);
