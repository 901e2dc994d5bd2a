/** `LambdaCallback`: a callback made of plain functions. */
import { Callback, type HookResult, type Logs } from './callback.js';

/** The hooks of a {@link LambdaCallback}; each may be async. */
export interface LambdaCallbackArgs {
  /** Called once when training starts. */
  onTrainBegin?: (logs: Logs) => HookResult;
  /** Called once when training ends. */
  onTrainEnd?: (logs: Logs) => HookResult;
  /** Called at the start of each epoch. */
  onEpochBegin?: (epoch: number, logs: Logs) => HookResult;
  /** Called at the end of each epoch with its metrics. */
  onEpochEnd?: (epoch: number, logs: Logs) => HookResult;
  /** Called before each training batch. */
  onBatchBegin?: (batch: number, logs: Logs) => HookResult;
  /** Called after each training batch. */
  onBatchEnd?: (batch: number, logs: Logs) => HookResult;
}

/**
 * A callback built from functions, as `keras.callbacks.LambdaCallback`.
 *
 * @example
 * new LambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss) })
 */
export class LambdaCallback extends Callback {
  private readonly fns: LambdaCallbackArgs;

  constructor(args: LambdaCallbackArgs = {}) {
    super();
    this.fns = args;
  }

  override onTrainBegin(logs: Logs = {}): HookResult {
    return this.fns.onTrainBegin?.(logs);
  }
  override onTrainEnd(logs: Logs = {}): HookResult {
    return this.fns.onTrainEnd?.(logs);
  }
  override onEpochBegin(epoch: number, logs: Logs = {}): HookResult {
    return this.fns.onEpochBegin?.(epoch, logs);
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): HookResult {
    return this.fns.onEpochEnd?.(epoch, logs);
  }
  override onBatchBegin(batch: number, logs: Logs = {}): HookResult {
    return this.fns.onBatchBegin?.(batch, logs);
  }
  override onBatchEnd(batch: number, logs: Logs = {}): HookResult {
    return this.fns.onBatchEnd?.(batch, logs);
  }
}
