/**
 * Maps strings to indices in a vocabulary of strings, or back with `invert` (see IndexLookup for
 * the layout of the indices and the output modes). Its inputs are string tensors (or nested
 * arrays of strings for `adapt`); inverted, its outputs are.
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { onlyDefault } from '../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { stringTensor, stringsOf } from '../../tensor/strings.js';
import type { DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';
import { IndexLookup, type IndexLookupArgs, type LookupOutputMode, type VocabularySource } from './index_lookup.js';

export interface StringLookupArgs extends IndexLookupArgs<string> {
  /** The text encoding of Keras's byte strings; JavaScript strings are text already, so only `'utf-8'` is taken. */
  encoding?: string;
}

export class StringLookup extends IndexLookup<string> {
  static override className = 'StringLookup';
  static override readonly signature = layerSignature<StringLookupArgs>()(
    {
      maxTokens: null, numOovIndices: 1, maskToken: null, oovToken: '[UNK]', vocabulary: null, idfWeights: null, invert: false,
      outputMode: 'int', padToMaxTokens: false, sparse: false, encoding: onlyDefault('utf-8'), name: null, salt: null,
    },
    { oovMethod: 'floormod', vocabularySize: null },
  );
  readonly encoding: string;

  /** `new StringLookup()`, `new StringLookup(null, 1, '', '[UNK]', ['a', 'b'])`, or `new StringLookup({ vocabulary: ['a', 'b'], outputMode: 'multi_hot' })`. */
  constructor(
    ...args: KerasArgs<
      [maxTokens: number | null, numOovIndices: number, maskToken: string | null, oovToken: string, vocabulary: VocabularySource<string> | null, idfWeights: number[] | null, invert: boolean, outputMode: LookupOutputMode],
      StringLookupArgs
    >
  ) {
    const a = StringLookup.signature.resolve(args, new.target);
    super(a, 'string');
    this.encoding = a.encoding;
  }

  tokenOf(value: unknown): string {
    if (typeof value === 'string') return value;
    throw new ValueError(`StringLookup layer '${this.name}' takes strings, but received ${pythonRepr(value)}${typeof value === 'number' ? ' (a number: use IntegerLookup for integers)' : ''}.`);
  }

  tokensOf(x: Tensor): string[] {
    if (x.dtype !== 'string') throw new ValueError(`StringLookup layer '${this.name}' takes strings, but received a tensor of ${x.dtype}: use IntegerLookup for integers.`);
    return [...stringsOf(x)];
  }

  protected tokenTensor(tokens: string[], shape: number[]): Tensor {
    return stringTensor(tokens, shape);
  }

  protected get tokenDtype(): DType {
    return 'string';
  }

  override getConfig(): LayerConfig {
    const { vocabulary_dtype: _dtype, ...config } = super.getConfig();
    return { ...config, encoding: this.encoding };
  }
}

registerBuiltIn(StringLookup);
