/** `LambdaCallback`: a callback made of plain functions. */
import { type KerasArgs, signature } from '../../arguments/signature.js';
import { Callback, type HookResult, type Logs, type PredictBatchLogs } from './callback.js';

type RunHookFn = (logs: Logs) => HookResult;
type StepHookFn = (index: number, logs: Logs) => HookResult;

/** The hooks of a {@link LambdaCallback}; each may be async. */
export interface LambdaCallbackArgs {
  /** Called at the start of each epoch. */
  onEpochBegin?: StepHookFn | null;
  /** Called at the end of each epoch with its metrics. */
  onEpochEnd?: StepHookFn | null;
  /** Called once when training starts. */
  onTrainBegin?: RunHookFn | null;
  /** Called once when training ends. */
  onTrainEnd?: RunHookFn | null;
  /** Called before each training batch. */
  onTrainBatchBegin?: StepHookFn | null;
  /** Called after each training batch. */
  onTrainBatchEnd?: StepHookFn | null;
  /** Keras's older name of `onTrainBatchBegin` (used when that is not given). */
  onBatchBegin?: StepHookFn | null;
  /** Keras's older name of `onTrainBatchEnd` (used when that is not given). */
  onBatchEnd?: StepHookFn | null;
  /** Called when an evaluation starts. */
  onTestBegin?: RunHookFn | null;
  /** Called when an evaluation ends, with its metrics. */
  onTestEnd?: RunHookFn | null;
  /** Called before each evaluation batch. */
  onTestBatchBegin?: StepHookFn | null;
  /** Called after each evaluation batch. */
  onTestBatchEnd?: StepHookFn | null;
  /** Called when `predict()` starts. */
  onPredictBegin?: RunHookFn | null;
  /** Called when `predict()` ends. */
  onPredictEnd?: RunHookFn | null;
  /** Called before each prediction batch. */
  onPredictBatchBegin?: StepHookFn | null;
  /** Called after each prediction batch with `{ outputs }`. */
  onPredictBatchEnd?: ((index: number, logs: PredictBatchLogs) => HookResult) | null;
}

/**
 * A callback built from functions, as `keras.callbacks.LambdaCallback`: Keras's six named hooks
 * (also positional, in Keras's order), and any other hook of `Callback` by name, as Keras's
 * `**kwargs`.
 *
 * @example
 * new LambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss) })
 */
export class LambdaCallback extends Callback {
  static override className = 'LambdaCallback';
  static override readonly signature = signature<LambdaCallbackArgs>()(
    { onEpochBegin: null, onEpochEnd: null, onTrainBegin: null, onTrainEnd: null, onTrainBatchBegin: null, onTrainBatchEnd: null },
    {
      onBatchBegin: null, onBatchEnd: null, onTestBegin: null, onTestEnd: null, onTestBatchBegin: null, onTestBatchEnd: null,
      onPredictBegin: null, onPredictEnd: null, onPredictBatchBegin: null, onPredictBatchEnd: null,
    },
  );

  constructor(
    ...args: KerasArgs<
      [onEpochBegin: StepHookFn | null, onEpochEnd: StepHookFn | null, onTrainBegin: RunHookFn | null, onTrainEnd: RunHookFn | null, onTrainBatchBegin: StepHookFn | null, onTrainBatchEnd: StepHookFn | null],
      LambdaCallbackArgs
    >
  ) {
    super();
    const hooks = LambdaCallback.signature.resolve(args, new.target);
    // As Keras sets them as attributes: each function given replaces that hook of this instance.
    for (const [hook, fn] of Object.entries(hooks)) if (fn !== null) (this as unknown as Record<string, unknown>)[hook] = fn;
  }
}
