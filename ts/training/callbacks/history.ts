/** `History`: the record of every epoch's metrics, returned by `fit()`. */
import { Callback, type LogValue, type Logs } from './callback.js';

/**
 * Records the logs of each epoch: `history.history.loss[i]` is the loss of epoch `history.epoch[i]`.
 *
 * @example
 * const history = await model.fit(x, y, { epochs: 3 });
 * console.log(history.history.loss, history.history.val_accuracy);
 */
export class History extends Callback {
  /**
   * Metric name (Keras's: `loss`, `accuracy`, `val_loss`, …) → one value per epoch: a number, or
   * an array per epoch for a metric whose result is one value per class (`F1Score` without `average`).
   */
  readonly history: Record<string, LogValue[]> = {};
  /** The epoch indices (0-based) that ran. */
  epoch: number[] = [];

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [name, value] of Object.entries(logs)) (this.history[name] ??= []).push(value);
  }
}
