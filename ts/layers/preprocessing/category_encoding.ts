/**
 * Encodes integer features as `one_hot`, `multi_hot` (default) or `count` vectors of
 * `numTokens` entries, as Keras's `CategoryEncoding`: `[batch, n]` ids give `[batch, numTokens]`;
 * `one_hot` encodes each id (`[batch]` or `[batch, 1]` ids give `[batch, numTokens]`). In `count`
 * mode the call takes `countWeights`, a weight per id summed instead of 1. No weights.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { tensor } from '../../tensor/create.js';
import { type NestedArray, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { encodeCategoricalInputs } from './encode_categorical.js';

/** CategoryEncoding's encodings (`binary` is Keras's older name of `multi_hot`). */
export type CategoryEncodingOutputMode = 'one_hot' | 'multi_hot' | 'count';

export interface CategoryEncodingArgs extends LayerArgs {
  /** The number of tokens the layer supports: ids lie in `[0, numTokens)`. Required. */
  numTokens?: number | null;
  /** `'multi_hot'` (default): a 1 for each id present; `'one_hot'`: each id encoded alone; `'count'`: how often each id occurs. */
  outputMode?: CategoryEncodingOutputMode | 'binary';
  /** Keras's sparse output; kerasm has no sparse tensors, so only false. Default false. */
  sparse?: boolean;
}

export interface CategoryEncodingCallArgs extends CallArgs {
  /** In `count` mode, a weight per input id (the inputs' shape), summed instead of 1. */
  countWeights?: Tensor | NestedArray | null;
}

export class CategoryEncoding extends Layer {
  static override className = 'CategoryEncoding';
  static override readonly signature = layerSignature<CategoryEncodingArgs>()({ numTokens: null, outputMode: 'multi_hot', sparse: false });
  readonly numTokens: number;
  readonly outputMode: CategoryEncodingOutputMode;
  readonly sparse: boolean;

  /** `new CategoryEncoding(4)`, `new CategoryEncoding(4, 'count')`, or `new CategoryEncoding({ numTokens: 4, outputMode: 'one_hot' })`. */
  constructor(...args: KerasArgs<[numTokens: number | null, outputMode: CategoryEncodingOutputMode | 'binary', sparse: boolean], CategoryEncodingArgs>) {
    const a = CategoryEncoding.signature.resolve(args, new.target);
    super(a);
    const outputMode = a.outputMode === 'binary' ? 'multi_hot' : a.outputMode;
    if (!['count', 'one_hot', 'multi_hot'].includes(outputMode)) throw new ValueError(`Unknown arg for output_mode: ${pythonStr(outputMode)}`);
    if (a.numTokens === null) {
      throw new ValueError('num_tokens must be set to use this layer. If the number of tokens is not known beforehand, use the IntegerLookup layer instead.');
    }
    if (a.numTokens < 1) throw new ValueError(`\`num_tokens\` must be >= 1. Received: num_tokens=${pythonStr(a.numTokens)}.`);
    if (a.sparse) throw new ValueError('CategoryEncoding: sparse=True is not supported: kerasm has no sparse tensors. Received: sparse=True');
    this.numTokens = a.numTokens;
    this.outputMode = outputMode;
    this.sparse = a.sparse;
    this.built = true;
  }

  call(inputs: Tensor, args: CategoryEncodingCallArgs): Tensor {
    const given = args.countWeights ?? null;
    if (given !== null && this.outputMode !== 'count') {
      throw new ValueError(`\`count_weights\` is not used when \`output_mode\` is not \`'count'\`. Received \`count_weights=${pythonStr(given)}\`.`);
    }
    const countWeights = given === null || given instanceof Tensor ? given : tensor(given, undefined, this.dtype);
    try {
      return encodeCategoricalInputs(inputs, { outputMode: this.outputMode, depth: this.numTokens, dtype: this.dtype, countWeights });
    } finally {
      if (countWeights !== given) countWeights?.dispose();
    }
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    if (inputShape.length === 0) return [this.numTokens];
    if (this.outputMode === 'one_hot') {
      const keepsLastAxis = inputShape[inputShape.length - 1] !== 1 || inputShape.length === 1;
      return [...(keepsLastAxis ? inputShape : inputShape.slice(0, -1)), this.numTokens];
    }
    // What the encoder computes: axis 1 reduced (Keras's compute_output_shape says the last axis, the same up to rank 2).
    return [...inputShape.filter((_, i) => i !== Math.min(1, inputShape.length - 1)), this.numTokens];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), num_tokens: this.numTokens, output_mode: this.outputMode };
  }
}

registerBuiltIn(CategoryEncoding);
