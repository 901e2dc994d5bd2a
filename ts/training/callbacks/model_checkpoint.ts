/** `ModelCheckpoint`: save the model (or its weights) during training, at each epoch or every N batches. */
import { type KerasArgs, REQUIRED, signature } from '../../arguments/signature.js';
import { KeyError, ValueError } from '../../utils/errors.js';
import { type PythonNumber, float32Str, formatNumber, formatTemplate } from '../../utils/python_format.js';
import { BatchSaveCounter } from './batch_save_counter.js';
import type { Logs } from './callback.js';
import { MonitorCallback, type MonitorMode } from './monitor_callback.js';
import { modelFiles } from './model_files.js';
import { makeFolder, nodeFs } from './node_files.js';

/** Options of {@link ModelCheckpoint}, as Keras's arguments. */
export interface ModelCheckpointArgs {
  /**
   * Where to save: a Python `str.format` template filled with `epoch` (1-based), `batch` (with an
   * integer `saveFreq`) and every log entry, e.g. `'ckpt-{epoch:02d}-{val_loss:.2f}.keras'`. Must
   * end in `.keras` (or `.h5`), or in `.weights.h5` with `saveWeightsOnly`. Required.
   */
  filepath?: string;
  /** The log entry `saveBestOnly` and `mode` watch. Default `'val_loss'`. */
  monitor?: string;
  /** 1 prints a line at each save. Default 0. */
  verbose?: number;
  /** Save only when `monitor` improves on the best value so far. Default false. */
  saveBestOnly?: boolean;
  /** Save only the weights (and the optimizer's state), to a `.weights.h5` file. Default false. */
  saveWeightsOnly?: boolean;
  /** `'min'`, `'max'`, or `'auto'` (from the monitored name). Default `'auto'`. */
  mode?: MonitorMode;
  /** `'epoch'`: save at each epoch's end; an integer N: save every N batches. Default `'epoch'`. */
  saveFreq?: 'epoch' | number;
  /** With `saveBestOnly`, the value the first save must improve on. Default null (none). */
  initialValueThreshold?: number | null;
}

const NAME = 'ModelCheckpoint';

/**
 * Saves the model while it trains, as `keras.callbacks.ModelCheckpoint`. Each save is atomic: a
 * failed write leaves the previous checkpoint file as it was.
 *
 * @example
 * new ModelCheckpoint('ckpt/best.keras', { monitor: 'val_loss', saveBestOnly: true })
 */
export class ModelCheckpoint extends MonitorCallback {
  static override className = NAME;
  static override readonly signature = signature<ModelCheckpointArgs>()({
    filepath: REQUIRED, monitor: 'val_loss', verbose: 0, saveBestOnly: false, saveWeightsOnly: false, mode: 'auto', saveFreq: 'epoch', initialValueThreshold: null,
  });
  readonly filepath: string;
  readonly verbose: number;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: 'epoch' | number;
  /** The best monitored value so far (starts at `initialValueThreshold`). */
  best: number | null;
  private currentEpoch = 0;
  /** Counts batches between saves with an integer `saveFreq`; null with `'epoch'`. */
  private readonly batchCounter: BatchSaveCounter | null;

  /** `new ModelCheckpoint('m.keras', 'val_loss')` or `new ModelCheckpoint({ filepath: 'm.keras', saveBestOnly: true })`. */
  constructor(
    ...args: KerasArgs<
      [filepath: string, monitor: string, verbose: number, saveBestOnly: boolean, saveWeightsOnly: boolean, mode: MonitorMode, saveFreq: 'epoch' | number, initialValueThreshold: number | null],
      ModelCheckpointArgs
    >
  ) {
    const a = ModelCheckpoint.signature.resolve(args, new.target);
    super(a.monitor, a.mode, 0);
    this.filepath = a.filepath;
    this.verbose = a.verbose;
    this.saveBestOnly = a.saveBestOnly;
    this.saveWeightsOnly = a.saveWeightsOnly;
    this.saveFreq = a.saveFreq;
    this.best = a.initialValueThreshold;
    if (this.saveFreq !== 'epoch' && !Number.isInteger(this.saveFreq)) {
      throw new ValueError(`Unrecognized save_freq: ${String(this.saveFreq)}. Expected save_freq are 'epoch' or integer values`);
    }
    checkSuffix(this.filepath, this.saveWeightsOnly);
    this.batchCounter = this.saveFreq === 'epoch' ? null : new BatchSaveCounter(this.saveFreq);
  }

  /** Outside Node this fails here, before any training, rather than at the first save. */
  override async onTrainBegin(): Promise<void> {
    await nodeFs(NAME);
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  override async onTrainBatchEnd(batch: number, logs: Logs = {}): Promise<void> {
    if (this.batchCounter?.due(batch)) await this.saveModel(this.currentEpoch, batch, logs);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    // As Keras, the direction is settled at the first epoch's end, whether or not saveBestOnly needs it.
    this.settleDirection();
    if (this.saveFreq === 'epoch') await this.saveModel(epoch, null, logs);
  }

  private async saveModel(epoch: number, batch: number | null, logs: Logs): Promise<void> {
    const filepath = this.filePath(epoch, batch, logs);
    if (!this.shouldSave(epoch, logs, filepath)) return;
    const fs = await nodeFs(NAME);
    const { dirname } = await import('node:path');
    const folder = dirname(filepath);
    if (folder) await makeFolder(fs, folder, NAME);
    if ((await fs.stat(filepath).catch(() => null))?.isDirectory()) {
      throw new ValueError(`Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: ${filepath}`);
    }
    const files = modelFiles(this.model, NAME);
    if (this.saveWeightsOnly) await files.saveWeights(filepath);
    else await files.save(filepath);
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: finished saving model to ${filepath}`);
  }

  /** The template filled as Keras fills it: `epoch` 1-based, `batch` 1-based when saving per batch (unless the logs have one). */
  private filePath(epoch: number, batch: number | null, logs: Logs): string {
    refuseArrayFields(this.filepath, logs);
    const fields: Record<string, PythonNumber> = { ...scalarLogs(logs), epoch: BigInt(epoch + 1) };
    if (batch !== null && !('batch' in logs)) fields.batch = BigInt(batch + 1);
    try {
      return formatTemplate(this.filepath, fields);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      throw new KeyError(`Failed to format this callback filepath: "${this.filepath}". Reason: ${e.message}`);
    }
  }

  /** Always, unless `saveBestOnly`: then only when the monitored value improves (Keras saves anyway when it is missing). */
  private shouldSave(epoch: number, logs: Logs, filepath: string): boolean {
    const log = (message: string) => this.verbose > 0 && console.log(`\nEpoch ${epoch + 1}: ${message}`);
    if (!this.saveBestOnly) {
      log(`saving model to ${filepath}`);
      return true;
    }
    const current = logs[this.monitor];
    if (current === undefined) {
      console.warn(`Can save best model only with ${this.monitor} available.`);
      return true;
    }
    if (typeof current !== 'number') {
      console.warn(`Can save best model only when \`monitor\` is a scalar value. Received: [${current.map(float32Str).join(', ')}]. Falling back to \`save_best_only=False\`.`);
      return true;
    }
    const best = this.best === null ? 'None' : formatNumber(this.best, '.5f');
    if (!this.isImprovement(current, this.best)) {
      log(`${this.monitor} did not improve from ${best}`);
      return false;
    }
    log(`${this.monitor} improved from ${best} to ${formatNumber(current, '.5f')}, saving model to ${filepath}`);
    this.best = current;
    return true;
  }
}

/**
 * Keras writes an array log (`F1Score` without `average`) into a filepath as NumPy prints it
 * (`[0.6666666  0.         0.66666657]`); kerasm does not lay out NumPy's array text, so it
 * refuses such a field instead of naming the file otherwise.
 */
function refuseArrayFields(template: string, logs: Logs): void {
  for (const [name, value] of Object.entries(logs)) {
    if (typeof value !== 'number' && new RegExp(`\\{${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:[^}]*)?\\}`).test(template)) {
      throw new ValueError(`ModelCheckpoint filepath "${template}" names '${name}', whose value is an array: kerasm fills a filepath with single values only.`);
    }
  }
}

/** The logs holding one number each: the values a filepath template may name. */
function scalarLogs(logs: Logs): Record<string, number> {
  return Object.fromEntries(Object.entries(logs).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

/** Keras's suffix rules: `.weights.h5` for weights only, `.keras` (or legacy `.h5`) for a whole model. */
function checkSuffix(filepath: string, weightsOnly: boolean): void {
  if (weightsOnly && !filepath.endsWith('.weights.h5')) {
    throw new ValueError(
      `When using \`save_weights_only=True\` in \`ModelCheckpoint\`, the filepath provided must end in \`.weights.h5\` (Keras weights format). Received: filepath=${filepath}`,
    );
  }
  if (!weightsOnly && !filepath.endsWith('.keras') && !filepath.endsWith('.h5')) {
    throw new ValueError(`The filepath provided must end in \`.keras\` (Keras model format). Received: filepath=${filepath}`);
  }
}
