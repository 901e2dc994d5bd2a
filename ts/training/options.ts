/** The options of `fit`, `evaluate` and `predict`, as Keras's arguments (camelCase). */
import { ValueError } from '../utils/errors.js';
import type { Callback } from './callbacks/callback.js';
import type { InputData } from './data.js';

/** Keras's `verbose`: `'auto'` (= 1), 0 (silent), 1 (progress bar), 2 (one line per epoch). */
export type Verbose = 'auto' | 0 | 1 | 2;

/** The options of `fit()`. */
export interface FitArgs {
  /** Number of epochs to train to (counting from `initialEpoch`). Default 1. */
  epochs?: number;
  /** Samples per gradient step; the last batch of an epoch may be smaller. Default 32. */
  batchSize?: number;
  /** Shuffle the training samples before each epoch. Default true. */
  shuffle?: boolean;
  /** Fraction in [0, 1) of the samples, taken from the end before shuffling, held out for validation. Default 0. */
  validationSplit?: number;
  /** `[xVal, yVal]` to evaluate at the end of each epoch; overrides `validationSplit`. */
  validationData?: [InputData, InputData];
  /** Batch size of the validation pass. Default `batchSize`. */
  validationBatchSize?: number;
  /** Progress output. Default `'auto'` (1). */
  verbose?: Verbose;
  /** Callbacks to run; a `History` is always added and returned. */
  callbacks?: Callback[];
  /** The epoch to start at (to resume training). Default 0. */
  initialEpoch?: number;
}

/** The options of `evaluate()`. */
export interface EvaluateArgs {
  /** Samples per batch. Default 32. */
  batchSize?: number;
  /** Progress output. Default `'auto'` (1). */
  verbose?: Verbose;
  /** Callbacks (their hooks must be synchronous: `evaluate` is). */
  callbacks?: Callback[];
  /** Return `{ loss, accuracy, … }` rather than a number or a list. Default false. */
  returnDict?: boolean;
}

/** The options of `predict()`. */
export interface PredictArgs {
  /** Samples per batch. Default 32. */
  batchSize?: number;
  /** Progress output. Default `'auto'` (1), as Keras. */
  verbose?: Verbose;
}

/** `'auto'` → 1, as Keras resolves it; anything else is checked. */
export function resolveVerbose(verbose: Verbose | undefined): 0 | 1 | 2 {
  if (verbose === undefined || verbose === 'auto') return 1;
  if (verbose === 0 || verbose === 1 || verbose === 2) return verbose;
  throw new ValueError(`verbose must be 'auto', 0, 1 or 2, received ${String(verbose)}`);
}
