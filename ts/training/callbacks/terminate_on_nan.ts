/** `TerminateOnNaN`: stop training when the loss becomes NaN or infinite. */
import { type KerasArgs, signature } from '../../arguments/signature.js';
import { RuntimeError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { Callback, type Logs } from './callback.js';

/** Options of {@link TerminateOnNaN}, as Keras's arguments. */
export interface TerminateOnNaNArgs {
  /**
   * Throw a RuntimeError at once (no callback's `onTrainEnd` runs, so a backup is kept as it was)
   * rather than stop gracefully through `model.stopTraining`. Default false.
   */
  raiseError?: boolean;
}

/**
 * Ends training after the batch whose running loss is NaN or infinite, as
 * `keras.callbacks.TerminateOnNaN`.
 */
export class TerminateOnNaN extends Callback {
  static override className = 'TerminateOnNaN';
  static override readonly signature = signature<TerminateOnNaNArgs>()({ raiseError: false });
  readonly raiseError: boolean;

  /** `new TerminateOnNaN(true)` or `new TerminateOnNaN({ raiseError: true })`. */
  constructor(...args: KerasArgs<[raiseError: boolean], TerminateOnNaNArgs>) {
    super();
    this.raiseError = TerminateOnNaN.signature.resolve(args, new.target).raiseError;
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss === undefined || Number.isFinite(loss)) return;
    if (this.raiseError) throw new RuntimeError(`NaN or Inf loss encountered at batch ${batch}. Loss value: ${pythonStr(loss)}. Terminating training immediately.`);
    console.log(`Batch ${batch}: Invalid loss, terminating training`);
    if (this.model) this.model.stopTraining = true;
  }
}
