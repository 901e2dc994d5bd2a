/** `TensorBoard`: training curves written as TensorBoard event files. */
import { type KerasArgs, onlyDefault, signature } from '../../arguments/signature.js';
import { ValueError } from '../../utils/errors.js';
import { Callback, type LogValue, type Logs } from './callback.js';
import { EventFileWriter } from './event_file_writer.js';
import { nodeFs } from './node_files.js';
import { scalarEvent, stringEvent } from './summary_proto.js';

/** Options of {@link TensorBoard}, as Keras's arguments. */
export interface TensorBoardArgs {
  /** The run's folder; events go to its `train/` and `validation/` sub-folders. Default `'logs'`. */
  logDir?: string;
  /** Weight histograms: not written by kerasm, only 0 is taken. */
  histogramFreq?: number;
  /** Write the model's Keras graph (its JSON, which TensorBoard's graph tab draws) for Sequential and Functional models. Default true. */
  writeGraph?: boolean;
  /** Weights as images: not written by kerasm, only false is taken. */
  writeImages?: boolean;
  /** Also log training steps per second, per epoch (and per batch with an integer `updateFreq`). Default false. */
  writeStepsPerSecond?: boolean;
  /** `'epoch'`: scalars once an epoch; `'batch'` or an integer N: also the batch logs every N batches. Default `'epoch'`. */
  updateFreq?: 'epoch' | 'batch' | number;
  /** Profiling: not available in kerasm, only 0 is taken. */
  profileBatch?: number;
  /** Embedding projections: not written by kerasm, only 0 is taken. */
  embeddingsFreq?: number;
  /** Embedding metadata: not used by kerasm, only null is taken. */
  embeddingsMetadata?: null;
}

type WriterName = 'train' | 'validation';

/**
 * Logs scalars for TensorBoard as `keras.callbacks.TensorBoard` does: `epoch_<metric>` (with
 * `epoch_learning_rate`) at each epoch's end in `train/`, the validation metrics in
 * `validation/` along with `evaluation_<metric>_vs_iterations`, and `batch_<metric>` with an
 * integer `updateFreq`. As in Keras, an integer `updateFreq` records a summary only when the
 * current step (batch count) is a multiple of it, epoch summaries included.
 *
 * @example
 * await model.fit(x, y, { epochs: 10, callbacks: [new TensorBoard({ logDir: 'logs/run1' })] });
 * // then: tensorboard --logdir logs
 */
export class TensorBoard extends Callback {
  static override className = 'TensorBoard';
  static override readonly signature = signature<TensorBoardArgs>()({
    logDir: 'logs', histogramFreq: onlyDefault(0), writeGraph: true, writeImages: onlyDefault(false), writeStepsPerSecond: false, updateFreq: 'epoch',
    profileBatch: onlyDefault(0), embeddingsFreq: onlyDefault(0), embeddingsMetadata: onlyDefault(null),
  });
  readonly logDir: string;
  readonly writeGraph: boolean;
  readonly writeStepsPerSecond: boolean;
  /** `'epoch'`, or the number of batches between batch-level summaries (`'batch'` is 1). */
  readonly updateFreq: 'epoch' | number;
  private writers = new Map<WriterName, Promise<EventFileWriter>>();
  /** Keras's stack of default writers, each with the step its `record_if` tests (integer `updateFreq` only). */
  private pushed: { writer: WriterName; step: number }[] = [];
  private globalTrainBatch = 0;
  private globalTestBatch = 0;
  private batchStart = 0;
  private epochStart = 0;
  private epochStartIterations = 0;

  /** `new TensorBoard('logs/run1')` or `new TensorBoard({ logDir: 'logs/run1', updateFreq: 10 })`. */
  constructor(
    ...args: KerasArgs<
      [logDir: string, histogramFreq: number, writeGraph: boolean, writeImages: boolean, writeStepsPerSecond: boolean, updateFreq: 'epoch' | 'batch' | number, profileBatch: number, embeddingsFreq: number, embeddingsMetadata: null],
      TensorBoardArgs
    >
  ) {
    super();
    const a = TensorBoard.signature.resolve(args, new.target);
    this.logDir = String(a.logDir);
    this.writeGraph = a.writeGraph;
    this.writeStepsPerSecond = a.writeStepsPerSecond;
    this.updateFreq = a.updateFreq === 'batch' ? 1 : a.updateFreq;
    if (this.updateFreq !== 'epoch' && !(Number.isInteger(this.updateFreq) && this.updateFreq > 0)) {
      throw new ValueError(`TensorBoard: \`update_freq\` must be 'epoch', 'batch' or a positive integer. Received: update_freq=${String(a.updateFreq)}`);
    }
  }

  override async onTrainBegin(): Promise<void> {
    // Outside Node this fails here, before any training.
    await nodeFs('TensorBoard');
    // Each fit writes new files, as Keras's set_model resets its writers.
    await this.closeWriters();
    this.pushed = [];
    this.globalTrainBatch = 0;
    if (this.writeGraph) await this.writeKerasModel();
    this.push('train', 0);
  }

  override async onTrainEnd(): Promise<void> {
    this.pop();
    await this.closeWriters();
  }

  override onTestBegin(): void {
    this.push('validation', this.globalTestBatch);
  }

  override async onTestEnd(logs: Logs = {}): Promise<void> {
    const iterations = this.optimizer()?.iterations;
    if (iterations !== undefined) {
      for (const [name, value] of Object.entries(logs)) await this.scalar('validation', `evaluation_${name}_vs_iterations`, value, iterations);
    }
    this.pop();
  }

  override onTrainBatchBegin(): void {
    this.globalTrainBatch += 1;
    this.repush('train', this.globalTrainBatch);
    if (this.writeStepsPerSecond) this.batchStart = performance.now();
  }

  override async onTrainBatchEnd(_batch: number, logs: Logs = {}): Promise<void> {
    // Batch summaries go to the default writer, which only an integer updateFreq sets.
    const writer = this.pushed.at(-1)?.writer;
    if (writer === undefined) return;
    if (this.writeStepsPerSecond) await this.scalar(writer, 'batch_steps_per_second', 1000 / (performance.now() - this.batchStart), this.globalTrainBatch);
    for (const [name, value] of Object.entries(logs)) await this.scalar(writer, `batch_${name}`, value, this.globalTrainBatch);
  }

  override onTestBatchBegin(): void {
    this.globalTestBatch += 1;
    this.repush('validation', this.globalTestBatch);
  }

  override onEpochBegin(): void {
    if (!this.writeStepsPerSecond) return;
    this.epochStartIterations = this.optimizer()?.iterations ?? 0;
    this.epochStart = performance.now();
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (Object.keys(logs).length === 0) return;
    const train: Logs = {};
    const validation: Logs = {};
    for (const [name, value] of Object.entries(logs)) {
      if (name.startsWith('val_')) validation[name.slice(4)] = value;
      else train[name] = value;
    }
    const optimizer = this.optimizer();
    if (typeof optimizer?.learningRate === 'number') train.learning_rate = optimizer.learningRate;
    if (this.writeStepsPerSecond) train.steps_per_second = ((optimizer?.iterations ?? 0) - this.epochStartIterations) / ((performance.now() - this.epochStart) / 1000);
    for (const [name, value] of Object.entries(train)) await this.scalar('train', `epoch_${name}`, value, epoch);
    for (const [name, value] of Object.entries(validation)) await this.scalar('validation', `epoch_${name}`, value, epoch);
  }

  /** Keras's `keras_model_summary`: the model's JSON at step 0, for Sequential and Functional models only. */
  private async writeKerasModel(): Promise<void> {
    const model = this.model as { toJSON?: () => string; constructor: { className?: string } } | null;
    const ctor = model?.constructor;
    const kind = ctor && Object.hasOwn(ctor, 'className') ? ctor.className : undefined;
    if (!model?.toJSON || (kind !== 'Sequential' && kind !== 'Functional')) return;
    const writer = await this.writer('train');
    await writer.write(stringEvent(writer.now(), 0, 'keras', model.toJSON(), 'graph_keras_model', '1'));
  }

  /**
   * Writes a scalar, unless an integer updateFreq's `record_if` skips the current step. A logged
   * array (`F1Score` without `average`) is refused as Keras's `tf.summary.scalar` refuses it.
   */
  private async scalar(name: WriterName, tag: string, value: LogValue, step: number): Promise<void> {
    const top = this.pushed.at(-1);
    if (this.updateFreq !== 'epoch' && top !== undefined && top.step % this.updateFreq !== 0) return;
    if (typeof value !== 'number') throw new ValueError(`Expected scalar shape, saw shape: (${value.length},).`);
    const writer = await this.writer(name);
    await writer.write(scalarEvent(writer.now(), step, tag, value));
  }

  /** The event file of `train/` or `validation/`, created on first use. */
  private writer(name: WriterName): Promise<EventFileWriter> {
    let writer = this.writers.get(name);
    if (writer === undefined) {
      writer = EventFileWriter.create(`${this.logDir.replace(/[\\/]+$/, '')}/${name}`);
      this.writers.set(name, writer);
    }
    return writer;
  }

  private async closeWriters(): Promise<void> {
    const writers = [...this.writers.values()];
    this.writers.clear();
    // A writer whose file could not be created reported it when first used.
    for (const writer of writers) await (await writer.catch(() => null))?.close();
  }

  private push(writer: WriterName, step: number): void {
    if (this.updateFreq !== 'epoch') this.pushed.push({ writer, step });
  }

  private pop(): void {
    if (this.updateFreq !== 'epoch') this.pushed.pop();
  }

  private repush(writer: WriterName, step: number): void {
    this.pop();
    this.push(writer, step);
  }

  private optimizer(): { iterations?: number; learningRate?: unknown } | undefined {
    return (this.model as { optimizer?: { iterations?: number; learningRate?: unknown } } | null)?.optimizer;
  }
}
