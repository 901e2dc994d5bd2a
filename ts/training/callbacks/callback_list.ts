/** Runs a list of callbacks in order, awaiting each hook (callbacks may be async). */
import { Callback, type CallbackModel, type HookResult, type Logs, type TrainingParams } from './callback.js';

type EpochHook = 'onEpochBegin' | 'onEpochEnd' | 'onTrainBatchBegin' | 'onTrainBatchEnd' | 'onTestBatchBegin' | 'onTestBatchEnd';
type RunHook = 'onTrainBegin' | 'onTrainEnd' | 'onTestBegin' | 'onTestEnd';

/** Runs one hook call to its end (the fit loop's guard marks the model as usable from it). */
export type HookRunner = (hook: () => HookResult) => Promise<void>;

/** The callbacks of one `fit()` / `evaluate()` call. */
export class CallbackList {
  readonly callbacks: Callback[];

  constructor(callbacks: Callback[], model: CallbackModel, params: TrainingParams, private readonly runHook: HookRunner) {
    for (const c of callbacks) {
      if (!(c instanceof Callback)) throw new TypeError(`callbacks must be Callback instances, received ${String(c)}`);
      c.setModel(model);
      c.setParams(params);
    }
    this.callbacks = callbacks;
  }

  /** Calls a whole-run hook on every callback, in order. */
  async run(hook: RunHook, logs: Logs = {}): Promise<void> {
    for (const c of this.callbacks) await this.runHook(() => c[hook]({ ...logs }));
  }

  /** Calls an epoch or batch hook on every callback, in order. */
  async step(hook: EpochHook, index: number, logs: Logs = {}): Promise<void> {
    for (const c of this.callbacks) await this.runHook(() => c[hook](index, { ...logs }));
  }
}
