/** `ProgbarLogger`: prints `Epoch 1/5` and Keras's progress bar during `fit()`, `evaluate()` and `predict()`. */
import { type KerasArgs, signature } from '../../arguments/signature.js';
import { Progbar, type ProgressStream, defaultStream } from '../progbar.js';
import { Callback, type Logs, type TrainingParams } from './callback.js';

/** Options of {@link ProgbarLogger}: Keras's takes none; these two say where and when, which Python's `sys.stdout` and clock decide there. */
export interface ProgbarLoggerArgs {
  /** Where to write. Default null: `process.stdout` in Node, the console in a browser. Tests pass a capturing stream. */
  stream?: ProgressStream | null;
  /** Seconds clock for the timings. Default null: `performance.now() / 1000`. */
  now?: (() => number) | null;
}

/**
 * Prints training progress as Keras does. `fit()`, `evaluate()` and `predict()` add one automatically when
 * `verbose` is not 0; pass your own in `callbacks` to choose the stream.
 */
export class ProgbarLogger extends Callback {
  static override className = 'ProgbarLogger';
  static override readonly signature = signature<ProgbarLoggerArgs>()({}, { stream: null, now: null });
  private readonly stream: ProgressStream;
  private readonly now: (() => number) | null;
  private progbar: Progbar | null = null;
  private inFit = false;
  private seen = 0;
  /** Steps per epoch: the params' own, or learnt at the end of the first epoch when those are unknown. */
  private target: number | null = null;

  constructor(...args: KerasArgs<[], ProgbarLoggerArgs>) {
    super();
    const a = ProgbarLogger.signature.resolve(args, new.target);
    // The default stream depends on the host, so it is chosen here rather than in the signature.
    this.stream = a.stream ?? defaultStream();
    this.now = a.now ?? null;
  }

  override setParams(params: TrainingParams): void {
    super.setParams(params);
    // A new call (fit, evaluate, predict): the steps learnt in an earlier one no longer apply.
    this.target = null;
  }

  override onTrainBegin(): void {
    this.inFit = true;
  }

  override onTrainEnd(): void {
    this.inFit = false;
  }

  override onEpochBegin(epoch: number): void {
    this.startBar();
    if (this.verbosity() > 0 && this.params.epochs > 1) this.write(`Epoch ${epoch + 1}/${this.params.epochs}\n`);
  }

  override onTrainBatchEnd(batch: number, logs: Logs = {}): void {
    this.seen = batch + 1;
    this.progbar?.update(this.seen, Object.entries(logs), false);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    // An epoch of unknown length ends at its last step: later bars show that many, as Keras's do.
    this.target ??= this.seen;
    if (this.progbar) this.progbar.target ??= this.target;
    this.progbar?.update(this.seen, Object.entries(logs), true);
  }

  override onTestBegin(): void {
    if (!this.inFit) this.startBar();
  }

  override onTestBatchEnd(batch: number, logs: Logs = {}): void {
    if (this.inFit) return;
    this.seen = batch + 1;
    this.progbar?.update(this.seen, Object.entries(logs), false);
  }

  override onTestEnd(logs: Logs = {}): void {
    if (!this.inFit) this.progbar?.update(this.seen, Object.entries(logs), true);
  }

  override onPredictBegin(): void {
    this.startBar();
  }

  override onPredictBatchEnd(batch: number): void {
    // As Keras's: the bar counts the batches, it does not show the outputs.
    this.seen = batch + 1;
    this.progbar?.update(this.seen, [], false);
  }

  override onPredictEnd(): void {
    this.progbar?.update(this.seen, [], true);
  }

  private startBar(): void {
    this.seen = 0;
    const verbose = this.verbosity();
    this.progbar = new Progbar(this.target ?? this.params.steps, {
      verbose: verbose === 2 ? 2 : verbose === 0 ? 0 : 1,
      stream: this.stream,
      ...(this.now ? { now: this.now } : {}),
    });
  }

  private verbosity(): number {
    return this.params.verbose;
  }

  private write(text: string): void {
    this.stream.write(text);
  }
}
