/**
 * Data given as batches rather than arrays: a generator function, a sync or async iterable (a
 * generator, a `Dataset`, an array of batches) or a `PyDataset`. `BatchSource` walks it an epoch
 * at a time with Keras's rules: with `stepsPerEpoch`, epochs continue the same iteration and a
 * source that runs out ends the epoch with Keras's warning; without, an epoch is one full pass,
 * started afresh each epoch (a one-shot iterator therefore has nothing left after its first).
 */
import { PyDataset } from '../data/py_dataset.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { PyDatasetReader } from './py_dataset_reader.js';

/**
 * An iterable of batches, sync or async. An array is not one here (arrays are data): pass
 * `() => batches` or `batches.values()`.
 */
export type BatchIterable = Iterable<unknown> | AsyncIterable<unknown>;

/** Batches as `fit` / `evaluate` / `predict` take them in place of arrays. */
export type BatchData = BatchIterable | (() => BatchIterable) | PyDataset;

/** Keras's warning when the data ends before `stepsPerEpoch` batches (Keras carries on with the next epoch). */
export const RAN_OUT_WARNING =
  'Your input ran out of data; interrupting training. Make sure that your dataset or generator can generate at least `steps_per_epoch * epochs` batches. You may need to use the `.repeat()` function when building your dataset.';

/** Whether `x` is batch data rather than arrays (a Tensor, nested or typed arrays, a list or dict of them). */
export function isBatchData(x: unknown): x is BatchData {
  if (x instanceof PyDataset || typeof x === 'function') return true;
  if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x) || x instanceof Tensor) return false;
  return Symbol.iterator in x || Symbol.asyncIterator in x;
}

/** What `x` is, in Keras's error messages (`When providing \`x\` as a generator, …`). */
export function describeBatchData(x: BatchData): string {
  return x instanceof PyDataset ? 'PyDataset' : 'generator';
}

/** The batches of a {@link BatchData}, an epoch at a time. */
export class BatchSource {
  private current: AsyncIterator<unknown> | null = null;
  /** The batches of a full pass, once one has been seen (or known from the start). */
  private passLength: number | null;

  constructor(
    private readonly data: BatchData,
    private readonly stepsPerEpoch: number | null,
  ) {
    if (stepsPerEpoch !== null && (!Number.isInteger(stepsPerEpoch) || stepsPerEpoch < 1)) {
      throw new ValueError(`\`steps_per_epoch\` must be a positive integer or None. Received: steps_per_epoch=${stepsPerEpoch}`);
    }
    this.passLength = data instanceof PyDataset ? data.numBatches : null;
    if (stepsPerEpoch === null && data instanceof PyDataset && this.passLength === null) {
      throw new ValueError('When passing an infinite PyDataset (whose `numBatches` is null), you must specify `steps_per_epoch`.');
    }
  }

  /** Batches per epoch: `stepsPerEpoch`, else the length of a pass when known (null: the progress bar shows Unknown). */
  get steps(): number | null {
    return this.stepsPerEpoch ?? this.passLength;
  }

  /**
   * The raw batches of one epoch. Ends early, with Keras's warning, when the data runs out
   * before `stepsPerEpoch`; an epoch that gets no batch at all warns too.
   */
  async *epoch(): AsyncGenerator<unknown, void, undefined> {
    if (this.data instanceof PyDataset) await this.data.onEpochBegin();
    if (this.current === null || this.stepsPerEpoch === null) this.current = this.open();
    const limit = this.stepsPerEpoch ?? Infinity;
    let step = 0;
    try {
      while (step < limit) {
        const next = await this.current.next();
        if (next.done) {
          this.current = null;
          if (this.stepsPerEpoch !== null || step === 0) console.warn(RAN_OUT_WARNING);
          if (this.stepsPerEpoch === null) this.passLength = step;
          break;
        }
        yield next.value;
        step++;
      }
    } finally {
      if (this.stepsPerEpoch === null) await this.close();
    }
    if (this.data instanceof PyDataset) await this.data.onEpochEnd();
  }

  /** Stops the current iteration (a generator's `finally` blocks run, a PyDataset's queue drains). */
  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    await current?.return?.();
  }

  private open(): AsyncIterator<unknown> {
    const data = this.data;
    if (data instanceof PyDataset) return new PyDatasetReader(data);
    const iterable: unknown = typeof data === 'function' ? data() : data;
    if (typeof iterable === 'object' && iterable !== null) {
      if (Symbol.asyncIterator in iterable) return (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      if (Symbol.iterator in iterable) return asAsync((iterable as Iterable<unknown>)[Symbol.iterator]());
    }
    throw new ValueError(`A data function must return an iterable of batches (an array, a generator, an async iterable). Received: ${String(iterable)}`);
  }
}

/** A sync iterator seen as an async one. */
function asAsync(iterator: Iterator<unknown>): AsyncIterator<unknown> {
  return {
    next: async () => iterator.next(),
    return: async (value?: unknown) => iterator.return?.(value) ?? { done: true, value },
  };
}
