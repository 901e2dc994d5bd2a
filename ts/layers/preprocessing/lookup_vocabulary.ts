/**
 * A lookup layer's vocabulary as its two tables (token to index, index to token), and its text
 * file form: one token per line, which is both how a `vocabulary` path is read and how Keras
 * stores a learned vocabulary in a `.keras` archive (`vocabulary.txt`: the tokens joined by
 * `\n`, no final newline; read back with Python's `splitlines()`, trailing empty lines dropped).
 */
import { isNode } from '../../runtime/host.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';
import type { Token } from './token_counts.js';

/** How out-of-vocabulary and mask tokens are looked up. */
export interface LookupOptions<T extends Token> {
  maskToken: T | null;
  /** The index of the mask token: 0 in `int` mode, -1 (counted nowhere) in the encoded modes. */
  maskIndex: number;
  /** With several OOV indices, which of them (from 0) each OOV token takes. */
  oovBuckets(tokens: T[]): ArrayLike<number>;
  /** The layer's name, for the error of an OOV token without OOV indices. */
  layer: string;
}

export class LookupVocabulary<T extends Token> {
  /** The first token's index: after the mask index (when there is one) and the OOV indices. */
  readonly tokenStart: number;
  private readonly index: Map<T, number>;

  constructor(readonly tokens: T[], readonly oovStart: number, readonly numOovIndices: number) {
    this.tokenStart = oovStart + numOovIndices;
    this.index = new Map(tokens.map((t, i) => [t, this.tokenStart + i]));
  }

  /** The number of indices, special ones included. */
  get size(): number {
    return this.tokenStart + this.tokens.length;
  }

  /** Each token's index: the mask token's, its own, or an OOV index (spread over several by `options.oovBuckets`). */
  indicesOf(tokens: T[], options: LookupOptions<T>): Int32Array {
    const indices = new Int32Array(tokens.length);
    const oovPositions: number[] = [];
    tokens.forEach((token, i) => {
      const index = token === options.maskToken ? options.maskIndex : this.index.get(token);
      if (index === undefined) oovPositions.push(i);
      else indices[i] = index;
    });
    if (oovPositions.length === 0) return indices;
    const oov = oovPositions.map((i) => tokens[i]!);
    if (this.numOovIndices === 0) {
      throw new ValueError(
        `Layer '${options.layer}': When \`num_oov_indices=0\` all inputs should be in vocabulary, found OOV values ${pythonRepr(oov)}, consider setting \`num_oov_indices=1\`.`,
      );
    }
    const buckets = this.numOovIndices === 1 ? null : options.oovBuckets(oov);
    oovPositions.forEach((position, k) => (indices[position] = this.oovStart + (buckets === null ? 0 : buckets[k]!)));
    return indices;
  }

  /** Each index's token: the mask token at 0 (when there is one), the OOV token for any index outside the vocabulary's tokens. */
  tokensAt(indices: number[], maskToken: T | null, oovToken: T): T[] {
    return indices.map((i) => (i === 0 && maskToken !== null ? maskToken : this.tokens[i - this.tokenStart] ?? oovToken));
  }
}

/** The lines of a vocabulary file at `path` (Node only; Keras reads one token per line). */
export function readVocabularyFile(path: string): string[] {
  if (!isNode) throw new ValueError(`A vocabulary file path ('${path}') can only be read in Node; in a browser, pass the tokens as an array.`);
  // The constructor is synchronous, so the file is read with Node's synchronous API.
  if (typeof process.getBuiltinModule !== 'function') throw new ValueError(`Reading a vocabulary file ('${path}') needs Node 20.16 or later; pass the tokens as an array instead.`);
  const fs = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  if (!fs.existsSync(path)) throw new ValueError(`Vocabulary file ${path} does not exist.`);
  return parseVocabularyFile(fs.readFileSync(path));
}

/** The tokens of a vocabulary file's bytes: its lines as Python's `splitlines()` splits them, trailing empty lines dropped. */
export function parseVocabularyFile(bytes: Uint8Array): string[] {
  const lines = new TextDecoder('utf-8').decode(bytes).split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A vocabulary as Keras writes `vocabulary.txt`: each token's text, joined by newlines. */
export function vocabularyFileBytes(tokens: readonly Token[]): Uint8Array {
  return new TextEncoder().encode(tokens.map(String).join('\n'));
}
