/** `BackupAndRestore`: back up the training state, so that an interrupted `fit()` resumes where it stopped. */
import { type KerasArgs, REQUIRED, signature } from '../../arguments/signature.js';
import { writeFileAtomic } from '../../runtime/atomic_write.js';
import { ValueError } from '../../utils/errors.js';
import { BatchSaveCounter } from './batch_save_counter.js';
import { Callback } from './callback.js';
import { modelFiles } from './model_files.js';
import { type NodeFs, makeFolder, nodeFs, pathExists } from './node_files.js';

/** Options of {@link BackupAndRestore}, as Keras's arguments. */
export interface BackupAndRestoreArgs {
  /** The folder of the backup (used by this callback alone). Required. */
  backupDir?: string;
  /** `'epoch'`: back up at each epoch's end; an integer N: every N batches. Default `'epoch'`. */
  saveFreq?: 'epoch' | number;
  /** Keep the previous backup too, and fall back to it when the latest cannot be read. Default false. */
  doubleCheckpoint?: boolean;
  /** Delete the backup once training completes. Default true. */
  deleteCheckpoint?: boolean;
}

const NAME = 'BackupAndRestore';

/** Where the epoch to resume at is stored, beside the weights: `{"epoch": 3, "batch": 0}`, as Keras writes it. */
interface TrainingMetadata {
  epoch: number;
  batch: number;
}

/**
 * Backs up the weights, the optimizer's state and the epoch reached, as
 * `keras.callbacks.BackupAndRestore`: at each epoch's end (or every `saveFreq` batches). The next
 * `fit()` with this callback restores them and starts at that epoch; completed training deletes
 * the backup. With an integer `saveFreq` the backup taken mid-epoch restarts that epoch from its
 * first batch with the weights of the backup, as in Keras.
 *
 * @example
 * const backup = new BackupAndRestore('/tmp/backup');
 * await model.fit(x, y, { epochs: 10, callbacks: [backup] }); // interrupted at epoch 4…
 * await model.fit(x, y, { epochs: 10, callbacks: [backup] }); // …runs epochs 4 to 9
 */
export class BackupAndRestore extends Callback {
  static override className = NAME;
  static override readonly signature = signature<BackupAndRestoreArgs>()({ backupDir: REQUIRED, saveFreq: 'epoch', doubleCheckpoint: false, deleteCheckpoint: true });
  readonly backupDir: string;
  readonly saveFreq: 'epoch' | number;
  readonly doubleCheckpoint: boolean;
  readonly deleteCheckpoint: boolean;
  private readonly weightsPath: string;
  private readonly metadataPath: string;
  private currentEpoch = 0;
  /** Counts batches between backups with an integer `saveFreq`; null with `'epoch'`. */
  private readonly batchCounter: BatchSaveCounter | null;

  /** `new BackupAndRestore('/tmp/backup', 100)` or `new BackupAndRestore({ backupDir: '/tmp/backup', saveFreq: 100 })`. */
  constructor(...args: KerasArgs<[backupDir: string, saveFreq: 'epoch' | number, doubleCheckpoint: boolean, deleteCheckpoint: boolean], BackupAndRestoreArgs>) {
    super();
    const a = BackupAndRestore.signature.resolve(args, new.target);
    if (!a.backupDir) throw new ValueError('Empty `backup_dir` argument passed');
    this.backupDir = a.backupDir;
    this.saveFreq = a.saveFreq;
    this.doubleCheckpoint = a.doubleCheckpoint;
    this.deleteCheckpoint = a.deleteCheckpoint;
    const folder = this.backupDir.replace(/[\\/]+$/, '');
    this.weightsPath = `${folder}/latest.weights.h5`;
    this.metadataPath = `${folder}/training_metadata.json`;
    if (this.saveFreq !== 'epoch' && !Number.isInteger(this.saveFreq)) {
      throw new ValueError(`Invalid value for argument \`save_freq\`. Received: save_freq=${String(this.saveFreq)}. Expected either 'epoch' or an integer value.`);
    }
    this.batchCounter = this.saveFreq === 'epoch' ? null : new BatchSaveCounter(this.saveFreq);
  }

  /** Restores the latest backup (or, with `doubleCheckpoint`, the previous one when the latest cannot be read). */
  override async onTrainBegin(): Promise<void> {
    const fs = await nodeFs(NAME);
    try {
      await this.restore(fs);
    } catch (e) {
      if (!(await pathExists(fs, previous(this.weightsPath)))) throw e;
      await fs.copyFile(previous(this.weightsPath), this.weightsPath);
      if (await pathExists(fs, previous(this.metadataPath))) await fs.copyFile(previous(this.metadataPath), this.metadataPath);
      else await fs.rm(this.metadataPath, { force: true });
      await this.restore(fs);
    }
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    this.currentEpoch = epoch + 1;
    this.batchCounter?.epochEnded();
    if (this.saveFreq === 'epoch') await this.backUp();
  }

  override async onTrainBatchEnd(batch: number): Promise<void> {
    if (this.batchCounter?.due(batch)) await this.backUp();
  }

  /** Training completed: the backup is no longer needed. */
  override async onTrainEnd(): Promise<void> {
    const fs = await nodeFs(NAME);
    if (this.deleteCheckpoint) await fs.rm(this.backupDir, { recursive: true, force: true });
  }

  /** Loads the backed-up weights and optimizer state, and tells `fit()` the epoch to start at. */
  private async restore(fs: NodeFs): Promise<void> {
    const model = this.model;
    if (model?.built === false) {
      throw new ValueError(
        `To use the BackupAndRestore callback, you model must be built before you call \`fit()\`. Model ${model.name} is unbuilt. You can build it beforehand by calling it on a batch of data.`,
      );
    }
    // The metadata is read first, so a corrupt file fails before any weight changes.
    const metadata = (await pathExists(fs, this.metadataPath)) ? await readMetadata(fs, this.metadataPath) : null;
    if (await pathExists(fs, this.weightsPath)) {
      await modelFiles(model, NAME).loadWeights(this.weightsPath).catch((e: Error) => {
        throw new ValueError(`${NAME} could not restore the backup '${this.weightsPath}': ${e.message}`);
      });
    }
    if (metadata !== null && model) model.initialEpoch = metadata.epoch;
  }

  /** Writes the weights, then the epoch reached (each file atomically); with `doubleCheckpoint` the previous pair is kept as `.bkp`. */
  private async backUp(): Promise<void> {
    const fs = await nodeFs(NAME);
    await makeFolder(fs, this.backupDir, NAME);
    for (const path of this.doubleCheckpoint ? [this.weightsPath, this.metadataPath] : []) {
      if (await pathExists(fs, path)) await fs.copyFile(path, previous(path));
    }
    await modelFiles(this.model, NAME).saveWeights(this.weightsPath);
    const metadata = `{"epoch": ${this.currentEpoch}, "batch": ${this.batchCounter?.lastBatch ?? 0}}`;
    await writeFileAtomic(this.metadataPath, new TextEncoder().encode(metadata));
  }
}

/** The path of the previous backup of a file, kept with `doubleCheckpoint`. */
function previous(path: string): string {
  return `${path}.bkp`;
}

async function readMetadata(fs: NodeFs, path: string): Promise<TrainingMetadata> {
  const text = await fs.readFile(path, 'utf8');
  let metadata: Partial<TrainingMetadata> | null = null;
  try {
    metadata = JSON.parse(text) as Partial<TrainingMetadata>;
  } catch {
    // Reported below with the file's name.
  }
  if (!Number.isInteger(metadata?.epoch)) {
    throw new ValueError(`${NAME} could not restore the backup: '${path}' is not the training metadata Keras writes ({"epoch": …, "batch": …}); it holds ${JSON.stringify(text.slice(0, 80))}.`);
  }
  return metadata as TrainingMetadata;
}
