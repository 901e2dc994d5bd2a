/**
 * Maps integers to indices in a vocabulary of integers, or back with `invert` (see IndexLookup
 * for the layout of the indices and the output modes). Keras's vocabulary dtype is int64; kerasm's
 * tensors hold int32 tokens and indices.
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { tensor } from '../../tensor/create.js';
import type { DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr, pythonStr } from '../../utils/python_repr.js';
import { IndexLookup, type IndexLookupArgs, type LookupOutputMode, type VocabularySource } from './index_lookup.js';

export interface IntegerLookupArgs extends IndexLookupArgs<number> {
  /** The dtype of the vocabulary's integers; only `'int64'`, as Keras. */
  vocabularyDtype?: 'int64';
}

export class IntegerLookup extends IndexLookup<number> {
  static override className = 'IntegerLookup';
  static override readonly signature = layerSignature<IntegerLookupArgs>()(
    {
      maxTokens: null, numOovIndices: 1, maskToken: null, oovToken: -1, vocabulary: null, vocabularyDtype: 'int64', idfWeights: null,
      invert: false, outputMode: 'int', sparse: false, padToMaxTokens: false, oovMethod: 'floormod', salt: null, name: null,
    },
    { vocabularySize: null },
  );

  /** `new IntegerLookup()`, `new IntegerLookup(null, 1, 0, -1, [12, 36])`, or `new IntegerLookup({ vocabulary: [12, 36], outputMode: 'one_hot' })`. */
  constructor(
    ...args: KerasArgs<
      [maxTokens: number | null, numOovIndices: number, maskToken: number | null, oovToken: number, vocabulary: VocabularySource<number> | null, vocabularyDtype: 'int64', idfWeights: number[] | null, invert: boolean, outputMode: LookupOutputMode],
      IntegerLookupArgs
    >
  ) {
    const a = IntegerLookup.signature.resolve(args, new.target);
    checkIntegerArguments(a);
    super(a, 'int64');
  }

  tokenOf(value: unknown): number {
    if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
    if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value);
    throw new ValueError(`IntegerLookup layer '${this.name}' takes integers, but received ${pythonRepr(value)}${typeof value === 'string' ? ' (a string: use StringLookup for strings)' : ''}.`);
  }

  tokensOf(x: Tensor): number[] {
    if ((x.dtype as string) === 'string') throw new ValueError(`IntegerLookup layer '${this.name}' takes integers, but received a tensor of strings: use StringLookup for strings.`);
    return Array.from(x.dataSync(), Math.trunc);
  }

  protected tokenTensor(tokens: number[], shape: number[]): Tensor {
    return tensor(Int32Array.from(tokens), shape, 'int32');
  }

  protected get tokenDtype(): DType {
    return 'int32';
  }
}

/** IntegerLookup's own checks, before the shared ones (with its own wording). */
function checkIntegerArguments(a: IntegerLookupArgs): void {
  if (a.maxTokens != null && a.maxTokens <= 1) {
    throw new ValueError(`If \`max_tokens\` is set for \`IntegerLookup\`, it must be greater than 1. Received: max_tokens=${a.maxTokens}`);
  }
  if (typeof a.numOovIndices === 'number' && a.numOovIndices < 0) {
    throw new ValueError(`The value of \`num_oov_indices\` argument for \`IntegerLookup\` must >= 0. Received: num_oov_indices=${a.numOovIndices}`);
  }
  if (a.vocabularyDtype !== 'int64') {
    throw new ValueError(`Only \`vocabulary_dtype='int64'\` is supported at this time. Received: vocabulary_dtype=${pythonStr(a.vocabularyDtype)}`);
  }
}

registerBuiltIn(IntegerLookup);
