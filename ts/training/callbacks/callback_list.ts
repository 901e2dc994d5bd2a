/**
 * The callbacks of one `fit()`, `evaluate()` or `predict()` call, each hook called on every
 * callback in order, as Keras's `CallbackList`: the logs of a hook call are one copy (keys
 * sorted, as Keras's `pythonify_logs` leaves them) shared by the callbacks, so what one adds
 * (`ReduceLROnPlateau`'s `learning_rate`) reaches those after it (`History`).
 */
import { ValueError } from '../../utils/errors.js';
import { Callback, type CallbackModel, type HookResult, type Logs, type PredictBatchLogs, type TrainingParams } from './callback.js';
import { History } from './history.js';
import { ProgbarLogger } from './progbar_logger.js';

/** The hooks called once per run (and per evaluation). */
export type RunHook = 'onTrainBegin' | 'onTrainEnd' | 'onTestBegin' | 'onTestEnd' | 'onPredictBegin' | 'onPredictEnd';
/** The hooks called with an epoch or batch index. */
export type StepHook = 'onEpochBegin' | 'onEpochEnd' | 'onTrainBatchBegin' | 'onTrainBatchEnd' | 'onTestBatchBegin' | 'onTestBatchEnd' | 'onPredictBatchBegin';

/** Runs one hook call to its end (the fit loop's guard marks the model as usable from it). */
export type HookRunner = (hook: () => HookResult) => Promise<void>;

/** The callbacks Keras adds to the user's: a `History` (fit), a `ProgbarLogger` (unless silent). */
export interface DefaultCallbacks {
  history?: History;
  progbar: boolean;
}

export class CallbackList {
  readonly callbacks: Callback[];

  /**
   * `callbacks`, then the defaults Keras adds (a History, then a ProgbarLogger unless one is
   * given), set up with `model` and `params`. With a `runHook`, hooks may be async and each call
   * returns a promise; without (`evaluate` / `predict` of arrays, which are synchronous), a hook
   * that returns a promise is refused, naming `caller`.
   */
  constructor(
    callbacks: readonly Callback[],
    defaults: DefaultCallbacks,
    model: CallbackModel,
    params: TrainingParams,
    private readonly runHook: HookRunner | null,
    private readonly caller = 'fit',
  ) {
    for (const c of callbacks) if (!(c instanceof Callback)) throw new TypeError(`callbacks must be Callback instances, received ${String(c)}`);
    const all = [...callbacks];
    if (defaults.history && !all.some((c) => c instanceof History)) all.push(defaults.history);
    if (defaults.progbar && !all.some((c) => c instanceof ProgbarLogger)) all.push(new ProgbarLogger());
    for (const c of all) {
      c.setModel(model);
      c.setParams(params);
    }
    this.callbacks = all;
  }

  /** The History among the callbacks (the user's, or the one added), which `fit()` returns. */
  get history(): History | undefined {
    return this.callbacks.find((c): c is History => c instanceof History);
  }

  /**
   * Whether a callback overrides `hook` (for the train batch hooks, also their older names
   * `onBatchBegin` / `onBatchEnd`): the loops download the running metric values only for a
   * batch hook someone listens to, as Keras skips the hooks nobody overrides.
   */
  listens(hook: StepHook | 'onPredictBatchEnd'): boolean {
    const older = hook === 'onTrainBatchBegin' ? 'onBatchBegin' : hook === 'onTrainBatchEnd' ? 'onBatchEnd' : null;
    return this.callbacks.some((c) => c[hook] !== Callback.prototype[hook] || (older !== null && c[older] !== Callback.prototype[older]));
  }

  /** Calls a whole-run hook on every callback, in order. */
  run(hook: RunHook, logs: Logs = {}): HookResult {
    const shared = sortedCopy(logs);
    return this.each((c) => c[hook](shared));
  }

  /** Calls an epoch or batch hook on every callback, in order. */
  step(hook: StepHook, index: number, logs: Logs = {}): HookResult {
    const shared = sortedCopy(logs);
    return this.each((c) => c[hook](index, shared));
  }

  /** Calls `onPredictBatchEnd` with the batch's outputs. */
  predictBatchEnd(index: number, logs: PredictBatchLogs): HookResult {
    return this.each((c) => c.onPredictBatchEnd(index, logs));
  }

  private each(invoke: (c: Callback) => HookResult): HookResult {
    const runHook = this.runHook;
    if (runHook) {
      return (async () => {
        for (const c of this.callbacks) await runHook(() => invoke(c));
      })();
    }
    for (const c of this.callbacks) {
      if (invoke(c) instanceof Promise) throw new ValueError(`${this.caller}() is synchronous: its callbacks cannot have async hooks. Use them in fit(), or give ${this.caller}() batch data.`);
    }
  }
}

/** A copy of `logs` with its keys in sorted order, as Keras hands logs to callbacks. */
function sortedCopy(logs: Logs): Logs {
  const copy: Logs = {};
  for (const key of Object.keys(logs).sort()) copy[key] = logs[key]!;
  return copy;
}
