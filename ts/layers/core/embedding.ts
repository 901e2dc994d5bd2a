/**
 * Turns non-negative integers (indices) into dense vectors of a fixed size:
 * `[[4], [20]] -> [[0.25, 0.1], [0.6, -0.2]]`. A gather (`ops.take`) of rows of the
 * `(inputDim, outputDim)` embeddings matrix; its gradient scatter-adds into those rows.
 */
import { type KerasArgs, REQUIRED, onlyDefault } from '../../arguments/signature.js';
import { checkSizeArgument } from '../../arguments/shape.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr, pythonTypeName } from '../../utils/python_repr.js';

export interface EmbeddingArgs extends LayerArgs, WeightOptionArgs<'embeddings'> {
  /** Size of the vocabulary, i.e. maximum integer index + 1 (a positive integer). */
  inputDim?: number;
  /** Dimension of the dense embedding (a positive integer). */
  outputDim?: number;
  /**
   * Whether the index 0 is a padding value to be masked out: the layer then outputs a mask
   * (`inputs != 0`) for downstream layers. Index 0 cannot then be used in the vocabulary.
   * Default false.
   */
  maskZero?: boolean;
  /** The initial embeddings, an `(inputDim, outputDim)` tensor (or a list holding it); the layer is built with them. */
  weights?: Tensor | Tensor[] | null;
  /** Keras's LoRA rank; kerasm does not train LoRA adapters, so only the default (null) is taken. */
  loraRank?: null;
  /** Keras's LoRA scale; only the default (null) is taken. */
  loraAlpha?: null;
  /** Keras's quantization settings; kerasm computes in float32, so only the default (null) is taken. */
  quantizationConfig?: null;
  /**
   * Deprecated in Keras 3 (which ignores it): the length of input sequences. When given without
   * `inputShape`, kerasm uses it as `inputShape: [inputLength]`, as Keras 2 did. Not saved.
   */
  inputLength?: number | null;
}

/** `layer.embeddingsInitializer`, `layer.embeddingsRegularizer`, `layer.embeddingsConstraint`. */
export interface Embedding extends WeightOptions<'embeddings'> {}

export class Embedding extends Layer {
  static override className = 'Embedding';
  static override readonly signature = layerSignature<EmbeddingArgs>()({
    inputDim: REQUIRED, outputDim: REQUIRED, embeddingsInitializer: 'uniform', embeddingsRegularizer: null, embeddingsConstraint: null,
    maskZero: false, weights: null, loraRank: onlyDefault(null), loraAlpha: onlyDefault(null), quantizationConfig: onlyDefault(null),
  }, { inputLength: null });
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  embeddings: Variable | null = null;

  /** `new Embedding(1000, 64)`, `new Embedding(1000, 64, { maskZero: true })`, or `new Embedding({ inputDim: 1000, outputDim: 64 })`. */
  constructor(...args: KerasArgs<[inputDim: number, outputDim: number, embeddingsInitializer: EmbeddingArgs['embeddingsInitializer']], EmbeddingArgs>) {
    const a = Embedding.signature.resolve(args, new.target);
    // `inputDim` is the vocabulary here, not the layer keyword `inputDim` (an input shape).
    const { inputDim, outputDim, inputLength, ...layerArgs } = a;
    super({ ...layerArgs, inputShape: layerArgs.inputShape ?? (typeof inputLength === 'number' ? [inputLength] : null) });
    this.inputDim = positiveDim(inputDim, 'input_dim');
    this.outputDim = positiveDim(outputDim, 'output_dim');
    Object.assign(this, weightOptions(a, 'embeddings'));
    this.maskZero = a.maskZero;
    this.supportsMasking = this.maskZero;
    if (a.weights !== null) {
      this.maybeBuild([null]);
      this.setWeights(Array.isArray(a.weights) ? a.weights : [a.weights]);
    }
  }

  override build(_inputShape: SymbolicShape): void {
    this.embeddings = this.addWeight({ name: 'embeddings', shape: [this.inputDim, this.outputDim], ...weightHooks(this, 'embeddings') });
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
      ...weightOptionsConfig(this, 'embeddings'),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
      mask_zero: this.maskZero,
      quantization_config: null,
    };
  }
}

/** `value` checked as Keras checks `input_dim` and `output_dim`. */
function positiveDim(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ValueError(`\`${name}\` must be a positive integer. Received: ${name}=${pythonStr(value)} (of type ${pythonTypeName(value)}).`);
  }
  return checkSizeArgument(name, value);
}

registerBuiltIn(Embedding);
