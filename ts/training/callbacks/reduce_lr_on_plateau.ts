/** `ReduceLROnPlateau`: lower the learning rate when a monitored metric has stopped improving. */
import { type KerasArgs, signature } from '../../arguments/signature.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import type { Logs } from './callback.js';
import { currentLearningRate, optimizerOf } from './learning_rate.js';
import { MonitorCallback, type MonitorMode } from './monitor_callback.js';

/** Options of {@link ReduceLROnPlateau}, as Keras's arguments. */
export interface ReduceLROnPlateauArgs {
  /** The log entry to watch. Default `'val_loss'`. */
  monitor?: string;
  /** The factor the learning rate is multiplied by (`newLr = lr * factor`), below 1. Default 0.1. */
  factor?: number;
  /** Epochs without improvement after which the rate is reduced. Default 10. */
  patience?: number;
  /** 1 prints each reduction. Default 0. */
  verbose?: number;
  /** `'min'`, `'max'`, or `'auto'` (the direction of the monitored metric). Default `'auto'`. */
  mode?: MonitorMode;
  /** A change smaller than this does not count as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs after a reduction before waiting starts again. Default 0. */
  cooldown?: number;
  /** The learning rate is never reduced below this. Default 0. */
  minLr?: number;
}

/**
 * Multiplies the optimizer's learning rate by `factor` once `monitor` has not improved for
 * `patience` epochs, as `keras.callbacks.ReduceLROnPlateau`, and adds the epoch's
 * `learning_rate` (before any reduction) to its logs, so that the History records it.
 *
 * @example
 * await model.fit(x, y, { validationSplit: 0.2, epochs: 50,
 *   callbacks: [new ReduceLROnPlateau({ factor: 0.2, patience: 5, minLr: 0.001 })] });
 */
export class ReduceLROnPlateau extends MonitorCallback {
  static override className = 'ReduceLROnPlateau';
  static override readonly signature = signature<ReduceLROnPlateauArgs>()({
    monitor: 'val_loss', factor: 0.1, patience: 10, verbose: 0, mode: 'auto', minDelta: 1e-4, cooldown: 0, minLr: 0.0,
  });
  readonly factor: number;
  readonly patience: number;
  readonly verbose: number;
  readonly cooldown: number;
  readonly minLr: number;
  /** Epochs since the last improvement (outside cooldown). */
  wait = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** The best monitored value so far (null before the first). */
  best: number | null = null;

  /** `new ReduceLROnPlateau('val_loss', 0.5, 3)` or `new ReduceLROnPlateau({ factor: 0.5, patience: 3 })`. */
  constructor(
    ...args: KerasArgs<
      [monitor: string, factor: number, patience: number, verbose: number, mode: MonitorMode, minDelta: number, cooldown: number, minLr: number],
      ReduceLROnPlateauArgs
    >
  ) {
    const a = ReduceLROnPlateau.signature.resolve(args, new.target);
    super(a.monitor, a.mode, a.minDelta);
    if (a.factor >= 1.0) throw new ValueError(`ReduceLROnPlateau does not support a factor >= 1.0. Received factor=${pythonStr(a.factor)}`);
    this.factor = a.factor;
    this.patience = a.patience;
    this.verbose = a.verbose;
    this.cooldown = a.cooldown;
    this.minLr = a.minLr;
  }

  override onTrainBegin(): void {
    this.best = null;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.settleDirection();
    const optimizer = optimizerOf(this.model, 'ReduceLROnPlateau');
    logs.learning_rate = currentLearningRate(optimizer);
    const logged = logs[this.monitor];
    if (logged === undefined) {
      console.warn(`Learning rate reduction is conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${Object.keys(logs).join(',')}.`);
      return;
    }
    const current = this.scalarMonitor(logged);
    if (this.inCooldown()) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (!this.inCooldown()) {
      this.wait += 1;
      if (this.wait >= this.patience && this.reduce(optimizer, epoch)) {
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }

  /** Whether the cooldown after a reduction is still running. */
  inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /** Lowers the learning rate unless it is already at `minLr`; whether it did. */
  private reduce(optimizer: { learningRate: number }, epoch: number): boolean {
    const oldLr = currentLearningRate(optimizer);
    if (!(oldLr > Math.fround(this.minLr))) return false;
    const newLr = Math.max(oldLr * this.factor, this.minLr);
    optimizer.learningRate = newLr;
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${pythonStr(newLr)}.`);
    return true;
  }
}
