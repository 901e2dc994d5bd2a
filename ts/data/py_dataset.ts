/**
 * `PyDataset`, as `keras.utils.PyDataset`: a dataset of batches reached by index. Subclass it,
 * implement `getItem(index)` (sync or async) and `length`; `fit`, `evaluate` and `predict` take an
 * instance as `x` and request the next batches while the current step computes.
 */
import { type KerasArgs, onlyDefault, signature } from '../arguments/signature.js';
import { ValueError } from '../utils/errors.js';

/** The options of {@link PyDataset}, as Keras's `PyDataset.__init__`. */
export interface PyDatasetArgs {
  /**
   * How many `getItem` calls may be pending at once (JavaScript has one thread: this overlaps
   * async `getItem`s, e.g. reads from disk or the network). Default 1.
   */
  workers?: number;
  /** Keras's process pool; kerasm runs `getItem` on the calling thread, so only `false`. */
  useMultiprocessing?: boolean;
  /** How many batches are requested ahead of the step being computed. Default 10. */
  maxQueueSize?: number;
}

/**
 * A batch as `getItem` returns it: `[x]`, `[x, y]` or `[x, y, sampleWeight]`, each in the forms
 * `fit` takes (an array, a list, or a dict by input / output name).
 */
export type PyDatasetItem = unknown;

/**
 * The base of index-addressed datasets.
 *
 * @example
 * class Squares extends PyDataset {
 *   get length() { return 10; }
 *   getItem(i: number) { return [[[i]], [[i * i]]]; }
 * }
 * await model.fit(new Squares({ maxQueueSize: 4 }), { epochs: 3 });
 */
export abstract class PyDataset {
  static readonly signature = signature<PyDatasetArgs>()({ workers: 1, useMultiprocessing: onlyDefault(false), maxQueueSize: 10 });
  readonly workers: number;
  readonly useMultiprocessing: boolean;
  readonly maxQueueSize: number;

  constructor(...args: KerasArgs<[number, boolean, number], PyDatasetArgs>) {
    const a = PyDataset.signature.resolve(args, new.target);
    this.workers = positiveInteger(a.workers, 'workers');
    this.useMultiprocessing = a.useMultiprocessing;
    this.maxQueueSize = positiveInteger(a.maxQueueSize, 'max_queue_size');
  }

  /** The batch at position `index` (0 ≤ index < `numBatches`). */
  abstract getItem(index: number): PyDatasetItem | Promise<PyDatasetItem>;

  /** The number of batches in an epoch; `Infinity` for an endless dataset. */
  abstract get length(): number;

  /** `length`, or null for an endless dataset (then `fit` needs `stepsPerEpoch`). */
  get numBatches(): number | null {
    return Number.isFinite(this.length) ? this.length : null;
  }

  /** Called before each epoch. */
  onEpochBegin(): void | Promise<void> {}

  /** Called after each epoch (e.g. to reshuffle the order `getItem` reads in). */
  onEpochEnd(): void | Promise<void> {}
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new ValueError(`\`${name}\` must be a positive integer. Received: ${name}=${value}`);
  return value;
}
