/**
 * One `fit()` at a time on a model. Keras is used from one thread, so nothing else reaches a model
 * while its `fit()` runs; here `fit()` is async, and another call can arrive whenever the run
 * awaits (a callback, the pause between epochs). The guard refuses it before it touches anything,
 * except from the run's own callbacks, which may use the model as Keras's do.
 */
import { ValueError } from '../utils/errors.js';
import type { HookResult } from './callbacks/callback.js';

/** The calls the guard checks. */
export type GuardedCall = 'fit' | 'compile' | 'evaluate' | 'predict' | 'trainOnBatch' | 'testOnBatch';

export class TrainingGuard {
  /** The async call running on the model: a `fit()`, or an `evaluate()` / `predict()` of batch data. */
  private running: GuardedCall | null = null;
  private hooksRunning = 0;

  /**
   * Throws if a `fit()` is running, unless `call` comes from one of its callback hooks; a second
   * `fit()` and a `compile()` (which would replace the optimizer the run uses) are always refused.
   */
  check(call: GuardedCall): void {
    if (this.running === null) return;
    if (this.hooksRunning > 0 && call !== 'fit' && call !== 'compile') return;
    const state = this.running === 'fit' ? 'the model is already training' : `the model is already running \`${this.running}()\``;
    throw new ValueError(
      `Cannot call \`${call}()\` on this model: ${state}. A \`${this.running}()\` on it is still running; await it before calling \`${call}()\` (Keras models run one call at a time).`,
    );
  }

  /** Runs a `fit()`: other calls are refused until it settles, whether it resolves or rejects. */
  async fit<T>(run: () => Promise<T>): Promise<T> {
    return this.exclusive('fit', run);
  }

  /** Runs an async `call` (fit, or evaluate / predict over batch data): other calls are refused until it settles. */
  async exclusive<T>(call: GuardedCall, run: () => Promise<T>): Promise<T> {
    this.check(call);
    this.running = call;
    try {
      return await run();
    } finally {
      this.running = null;
    }
  }

  /**
   * Runs one callback hook of the fit: the model may be called from it until it settles. (While
   * an async hook is pending, a call from elsewhere cannot be told from the hook's own.)
   */
  async hook(run: () => HookResult): Promise<void> {
    this.hooksRunning++;
    try {
      const pending = run();
      if (pending instanceof Promise) await pending;
    } finally {
      this.hooksRunning--;
    }
  }
}
