/** The options of `fit`, `evaluate` and `predict`, as Keras's arguments (camelCase). */
import { ValueError } from '../utils/errors.js';
import type { Callback } from './callbacks/callback.js';
import type { BatchData } from './batch_source.js';
import type { InputData } from './data.js';
import type { ClassWeight } from './sample_weight.js';

/** Keras's `verbose`: `'auto'` (= 1), 0 (silent), 1 (progress bar), 2 (one line per epoch). */
export type Verbose = 'auto' | 0 | 1 | 2;

/** The options of `fit()`. */
export interface FitArgs {
  /** Number of epochs to train to (counting from `initialEpoch`). Default 1. */
  epochs?: number;
  /** Samples per gradient step; the last batch of an epoch may be smaller. Default 32. */
  batchSize?: number;
  /** Shuffle the training samples before each epoch; `'batch'` shuffles only inside each batch-sized chunk (the chunks keep their order), as Keras 3. Default true. */
  shuffle?: boolean | 'batch';
  /** Fraction in [0, 1) of the samples, taken from the end before shuffling, held out for validation. Default 0. */
  validationSplit?: number;
  /**
   * Weight of each training sample in the loss and the weighted metrics: an array of shape
   * `[numSamples]` (or `[numSamples, …]` matching the per-sample loss values, for temporal weights);
   * for several outputs, one array shared by all, or a list / dict by output name with one per
   * output. `validationSplit` splits it with the data.
   */
  sampleWeight?: InputData;
  /**
   * `{ classIndex: weight }`: weighs each training sample by its class (sparse labels, or the
   * argmax of one-hot rows); classes not listed weigh 1. Single-output models only; not with
   * `sampleWeight`. With arrays, a `PyDataset` or a `Dataset` (each batch weighed by its labels),
   * not a generator, as Keras.
   */
  classWeight?: ClassWeight;
  /**
   * `[xVal, yVal]` or `[xVal, yVal, sampleWeightVal]` arrays, or batch data (a generator
   * function, an iterable of batches, a `Dataset`, a `PyDataset`), to evaluate at the end of each
   * epoch; overrides `validationSplit`.
   */
  validationData?: [InputData, InputData] | [InputData, InputData, InputData] | BatchData;
  /**
   * Batches per epoch when `x` is batch data. Default: one full pass (started afresh each
   * epoch). When given, each epoch continues where the last stopped, and data that runs out ends
   * the epoch with Keras's warning.
   */
  stepsPerEpoch?: number | null;
  /** Batches per validation pass when `validationData` is batch data. Default: one full pass. */
  validationSteps?: number | null;
  /** Batch size of the validation pass. Default `batchSize`. */
  validationBatchSize?: number;
  /** Progress output. Default `'auto'` (1). */
  verbose?: Verbose;
  /** Callbacks to run; a `History` is always added and returned. */
  callbacks?: Callback[];
  /** The epoch to start at (to resume training): epochs run from it to `epochs - 1`, numbered so in callbacks and the History. Default 0. */
  initialEpoch?: number;
  /**
   * Validate after every `validationFreq`-th epoch (counting from 1: 2 validates after epochs 2,
   * 4, …), or after the epochs (from 1) of a list, as Keras's `_should_eval`. Default 1.
   */
  validationFreq?: number | readonly number[];
}

/** The options of `evaluate()`. */
export interface EvaluateArgs {
  /** Weight of each sample in the loss and the weighted metrics, in the forms `fit` takes. */
  sampleWeight?: InputData;
  /** Samples per batch. Default 32. */
  batchSize?: number;
  /** Progress output. Default `'auto'` (1). */
  verbose?: Verbose;
  /** Callbacks (their hooks must be synchronous when `x` is arrays: `evaluate` is then). */
  callbacks?: Callback[];
  /** Return `{ loss, accuracy, … }` rather than a number or a list. Default false. */
  returnDict?: boolean;
  /** Batches to evaluate when `x` is batch data. Default: one full pass. */
  steps?: number | null;
}

/** The options of `trainOnBatch()`. */
export interface TrainOnBatchArgs {
  /** Weight of each sample of the batch, in the forms `fit` takes. */
  sampleWeight?: InputData;
  /** `{ classIndex: weight }`, as in `fit`; not with `sampleWeight`. */
  classWeight?: ClassWeight;
}

/** The options of `testOnBatch()`. */
export interface TestOnBatchArgs {
  /** Weight of each sample of the batch, in the forms `fit` takes. */
  sampleWeight?: InputData;
}

/** The options of `predict()`. */
export interface PredictArgs {
  /** Samples per batch. Default 32. */
  batchSize?: number;
  /** Progress output. Default `'auto'` (1), as Keras. */
  verbose?: Verbose;
  /** Batches to predict when `x` is batch data. Default: one full pass. */
  steps?: number | null;
  /** Callbacks (`onPredictBegin`, `onPredictBatchEnd` with the batch's `outputs`, …); synchronous when `x` is arrays. */
  callbacks?: Callback[];
}

/** `'auto'` → 1, as Keras resolves it; anything else is checked. */
export function resolveVerbose(verbose: Verbose | undefined): 0 | 1 | 2 {
  if (verbose === undefined || verbose === 'auto') return 1;
  if (verbose === 0 || verbose === 1 || verbose === 2) return verbose;
  throw new ValueError(`verbose must be 'auto', 0, 1 or 2, received ${String(verbose)}`);
}
