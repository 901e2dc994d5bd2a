/**
 * The data a vocabulary-learning `adapt()` takes, as rows of tokens: a tensor or nested arrays
 * (all the data at once: a vector is a column, one token per row, as Keras expands it), or a
 * sync or async iterable of batches (each a tensor or nested arrays: a vector batch is one row,
 * as Keras's `update_state` expands it), read in one pass. A row is what TF-IDF counts as a
 * document.
 */
import { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonTypeName } from '../../utils/python_repr.js';
import type { BatchStream } from './adapt_stream.js';
import type { Token } from './token_counts.js';

/** Nested arrays of tokens (a token alone is a scalar). */
export type NestedTokens<T extends Token> = T | NestedTokens<T>[];
/** One batch of `adapt()`: a tensor or nested arrays of tokens. */
export type TokenBatch<T extends Token> = Tensor | NestedTokens<T>[];
/** What `adapt()` takes: all the data (a tensor or nested arrays), or an iterable of batches. */
export type TokenData<T extends Token> = TokenBatch<T> | BatchStream<TokenBatch<T>>;

/** Tokens in row-major order with their shape. */
export interface TokenBlock<T extends Token> {
  tokens: T[];
  shape: number[];
}

/** How a layer reads tokens: out of a tensor, and one value of nested arrays (refusing what is no token of its kind). */
export interface TokenReader<T extends Token> {
  tokensOf(x: Tensor): T[];
  tokenOf(value: unknown): T;
}

/** Whether `data` is the data itself (a tensor, or nested arrays of tokens) rather than an iterable of batches. */
export function isWholeData<T extends Token>(data: TokenData<T>): data is TokenBatch<T> {
  if (data instanceof Tensor) return true;
  if (!Array.isArray(data)) return false;
  let first: unknown = data;
  while (Array.isArray(first)) first = first[0];
  return !(first instanceof Tensor) && (data.length === 0 || typeof first !== 'object');
}

/** The rows of all the data at once: a scalar is one row of one token, a vector one token per row. */
export function wholeDataRows<T extends Token>(data: TokenBatch<T>, reader: TokenReader<T>): T[][] {
  const block = blockOf(data, reader);
  return block.shape.length <= 1 ? block.tokens.map((t) => [t]) : rowsOf(block);
}

/** The rows of one batch: a scalar or a vector is one row. */
export function batchRows<T extends Token>(batch: unknown, reader: TokenReader<T>): T[][] {
  if (!(batch instanceof Tensor) && !Array.isArray(batch)) {
    throw new ValueError(`adapt() expects batches that are tensors or arrays of tokens. Got an element of type ${pythonTypeName(batch)}.`);
  }
  const block = blockOf(batch as TokenBatch<T>, reader);
  return block.shape.length <= 1 ? [block.tokens] : rowsOf(block);
}

function blockOf<T extends Token>(data: TokenBatch<T>, reader: TokenReader<T>): TokenBlock<T> {
  if (data instanceof Tensor) return { tokens: reader.tokensOf(data), shape: [...data.shape] };
  const shape = nestedShape(data);
  const tokens: T[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth === shape.length) {
      tokens.push(reader.tokenOf(value));
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) throw new ValueError(`adapt() expects nested arrays of one shape (${JSON.stringify(shape)}): the data is ragged.`);
    for (const item of value) visit(item, depth + 1);
  };
  visit(data, 0);
  return { tokens, shape };
}

function nestedShape(values: unknown): number[] {
  const shape: number[] = [];
  for (let level = values; Array.isArray(level); level = level[0]) shape.push(level.length);
  return shape;
}

/** The rows along the first axis, each flattened. */
function rowsOf<T extends Token>({ tokens, shape }: TokenBlock<T>): T[][] {
  const rowSize = shape.slice(1).reduce((n, d) => n * d, 1);
  return Array.from({ length: shape[0]! }, (_, i) => tokens.slice(i * rowSize, (i + 1) * rowSize));
}
