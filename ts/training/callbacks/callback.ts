/**
 * The base of every callback, as `keras.callbacks.Callback`: hooks the training loop calls at the
 * start and end of training, of each epoch and of each batch. Hooks may be async: the loop awaits them.
 */
import { type KerasArgs, type Signature, signature } from '../../arguments/signature.js';
import type { Variable } from '../../engine/variable.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { TrainableModel } from '../trainable.js';

/**
 * One entry of the logs: a number, or one number per class for a metric whose result is a vector
 * (`F1Score` without `average`, `R2Score` with `classAggregation: null`), as Keras logs its array.
 */
export type LogValue = number | number[];

/** Metric values keyed by name, as Keras passes `logs` (`loss`, `accuracy`, `val_loss`, …). */
export type Logs = Record<string, LogValue>;

/** What `onPredictBatchEnd` receives, as Keras's `{"outputs": batch_outputs}`: the batch's outputs (a list for several outputs), freed after the hook. */
export interface PredictBatchLogs {
  outputs: Tensor | Tensor[];
}

/** What a hook returns: nothing, or a promise the loop waits for. */
export type HookResult = void | Promise<unknown>;

/** The model a callback sees: the one being trained, which callbacks may ask to stop. */
export interface CallbackModel extends TrainableModel {
  /** Set to true (e.g. by `EarlyStopping`) to end `fit()`: checked after each batch and each epoch, as Keras does. */
  stopTraining?: boolean;
  /** Set to true from a callback to end an evaluation (in `evaluate()` or fit's validation) after the current batch. */
  stopEvaluating?: boolean;
  /** Set to true from a callback to end `predict()` after the current batch (it returns the outputs so far). */
  stopPredicting?: boolean;
  /** The optimizer set by `compile()`, whose learning rate `ReduceLROnPlateau` and `LearningRateScheduler` set. */
  readonly optimizer?: { learningRate: number };
  /** The compiled metrics (and loss trackers), whose Keras classes tell `'auto'` monitors which way they improve. */
  readonly metrics?: readonly { readonly name: string }[];
  /** Every weight (trainable or not), used to snapshot and restore weights; defaults to `trainableWeights`. */
  readonly weights?: readonly Variable[];
  /**
   * The epoch to start at, which a callback may set in `onTrainBegin` (BackupAndRestore, resuming),
   * as Keras's `model._initial_epoch`; `fit()` takes it in place of its `initialEpoch` and clears it.
   */
  initialEpoch?: number | null;
}

/** The run's parameters, as Keras's `callback.params`. */
export interface TrainingParams {
  /** The verbosity fit was called with (0, 1 or 2). */
  verbose: number;
  /** Number of epochs `fit()` runs to. */
  epochs: number;
  /** Batches per epoch (per pass in `evaluate` / `predict`); null when unknown (batch data without `stepsPerEpoch`, before its first pass ends). */
  steps: number | null;
}

/** Keras's `Callback()` takes no arguments. */
type NoArgs = Record<string, never>;

/**
 * A training callback. Subclass it and override the hooks you need. With
 * `compile({ stepsPerExecution: n })` the batch hooks are called once per `n` batches, as Keras
 * calls them: the begin hook with the first batch's index, the end hook with that index + n - 1.
 */
export class Callback {
  static className = 'Callback';
  /** Keras's `Callback()` takes no arguments; each subclass declares its own. */
  static readonly signature: Signature<object> = signature<object>()({});
  /** The model being trained; set by the loop before training begins. */
  model: CallbackModel | null = null;
  /** The run's parameters; set by the loop before training begins. */
  params: TrainingParams = { verbose: 0, epochs: 0, steps: 0 };

  constructor(...args: KerasArgs<[], NoArgs>) {
    Callback.signature.resolve(args, new.target);
  }

  setModel(model: CallbackModel): void {
    this.model = model;
  }

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  /** Called once when `fit()` starts. */
  onTrainBegin(_logs?: Logs): HookResult {}
  /** Called once when `fit()` ends (not when it fails), with the last epoch's logs. */
  onTrainEnd(_logs?: Logs): HookResult {}
  /** Called at the start of each epoch (0-based `epoch`). */
  onEpochBegin(_epoch: number, _logs?: Logs): HookResult {}
  /** Called at the end of each epoch with the epoch's training and validation metrics. */
  onEpochEnd(_epoch: number, _logs?: Logs): HookResult {}
  /** Called before each training batch (0-based within the epoch); by default calls `onBatchBegin`, its older name, as Keras. */
  onTrainBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.onBatchBegin(batch, logs);
  }
  /** Called after each training batch with the running metric values of the epoch so far; by default calls `onBatchEnd`. */
  onTrainBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.onBatchEnd(batch, logs);
  }
  /** Keras's older name of `onTrainBatchBegin`, which calls it. */
  onBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** Keras's older name of `onTrainBatchEnd`, which calls it. */
  onBatchEnd(_batch: number, _logs?: Logs): HookResult {}
  /** Called when an evaluation starts (in `evaluate()`, and for validation in `fit()`). */
  onTestBegin(_logs?: Logs): HookResult {}
  /** Called when an evaluation ends, with its metrics. */
  onTestEnd(_logs?: Logs): HookResult {}
  /** Called before each evaluation batch. */
  onTestBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** Called after each evaluation batch with the running metric values. */
  onTestBatchEnd(_batch: number, _logs?: Logs): HookResult {}
  /** Called once when `predict()` starts. */
  onPredictBegin(_logs?: Logs): HookResult {}
  /** Called once when `predict()` ends. */
  onPredictEnd(_logs?: Logs): HookResult {}
  /** Called before each prediction batch. */
  onPredictBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** Called after each prediction batch with its outputs (valid during the call only: copy what you keep). */
  onPredictBatchEnd(_batch: number, _logs?: PredictBatchLogs): HookResult {}
}
