/** `EarlyStopping`: stop training when a monitored metric has stopped improving. */
import { type KerasArgs, signature } from '../../arguments/signature.js';
import type { Logs } from './callback.js';
import { MonitorCallback, type MonitorMode } from './monitor_callback.js';
import { WeightsSnapshot } from './weights_snapshot.js';

/** Options of {@link EarlyStopping}, as Keras's arguments. */
export interface EarlyStoppingArgs {
  /** The log entry to watch. Default `'val_loss'`. */
  monitor?: string;
  /** A change smaller than this does not count as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement after which training stops. Default 0. */
  patience?: number;
  /** 1 prints when it stops and restores; 0 is silent. Default 0. */
  verbose?: number;
  /** `'min'`, `'max'`, or `'auto'` (the direction of the monitored metric: `loss` down, `accuracy` up, …). Default `'auto'`. */
  mode?: MonitorMode;
  /** Training stops unless the monitored value improves past this baseline. Default none. */
  baseline?: number | null;
  /**
   * Restore the weights of the best epoch when training ends, whether it stopped early or ran
   * all its epochs (as Keras 3). Default false.
   */
  restoreBestWeights?: boolean;
  /** Epochs to wait before starting to monitor (warm-up): epochs before it neither count nor stop. Default 0. */
  startFromEpoch?: number;
}

/**
 * Stops `fit()` once `monitor` has not improved by `minDelta` for `patience` epochs, as
 * `keras.callbacks.EarlyStopping`.
 *
 * @example
 * await model.fit(x, y, { validationSplit: 0.2, epochs: 100,
 *   callbacks: [new EarlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true })] });
 */
export class EarlyStopping extends MonitorCallback {
  static override className = 'EarlyStopping';
  static override readonly signature = signature<EarlyStoppingArgs>()({
    monitor: 'val_loss', minDelta: 0, patience: 0, verbose: 0, mode: 'auto', baseline: null, restoreBestWeights: false, startFromEpoch: 0,
  });
  readonly patience: number;
  readonly verbose: number;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch (0-based) training was stopped at, or 0. */
  stoppedEpoch = 0;
  /** The best monitored value so far (null before the first). */
  best: number | null = null;
  /** The epoch (0-based) of the best value. */
  bestEpoch = 0;
  private bestWeights: WeightsSnapshot | null = null;

  /** `new EarlyStopping('val_loss', 0, 3)` or `new EarlyStopping({ monitor: 'val_loss', patience: 3 })`. */
  constructor(
    ...args: KerasArgs<
      [monitor: string, minDelta: number, patience: number, verbose: number, mode: MonitorMode, baseline: number | null, restoreBestWeights: boolean, startFromEpoch: number],
      EarlyStoppingArgs
    >
  ) {
    const a = EarlyStopping.signature.resolve(args, new.target);
    super(a.monitor, a.mode, a.minDelta);
    this.patience = a.patience;
    this.verbose = a.verbose;
    this.baseline = a.baseline;
    this.restoreBestWeights = a.restoreBestWeights;
    this.startFromEpoch = a.startFromEpoch;
  }

  override onTrainBegin(): void {
    // The same instance may serve several fit() calls.
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestEpoch = 0;
    this.dropSnapshot();
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.settleDirection();
    const current = this.monitorValue(logs);
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) {
      // Before any improvement the current weights are the best.
      this.snapshot();
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.snapshot();
      // The wait restarts only when the value beats both the previous best and the baseline.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      if (this.model) this.model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.bestWeights.restore();
      this.bestWeights = null;
    }
    this.dropSnapshot();
  }

  /** The monitored value, or undefined (with Keras's warning) when the logs lack it. */
  private monitorValue(logs: Logs): number | undefined {
    const value = logs[this.monitor];
    if (value === undefined) {
      console.warn(`Early stopping conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${Object.keys(logs).join(',')}`);
      return undefined;
    }
    return this.scalarMonitor(value);
  }

  private snapshot(): void {
    const model = this.model;
    if (!model) return;
    this.dropSnapshot();
    this.bestWeights = new WeightsSnapshot(model.weights ?? model.trainableWeights);
  }

  private dropSnapshot(): void {
    this.bestWeights?.dispose();
    this.bestWeights = null;
  }
}
