/** Keras's count of batches between saves, for `ModelCheckpoint` and `BackupAndRestore` with an integer `saveFreq`. */

/**
 * Counts training batches across epochs (whose indices restart at 0) and says when `every` of
 * them have passed since the last save; with `stepsPerExecution` a batch index may jump, and the
 * batches in between count too.
 */
export class BatchSaveCounter {
  /** The index of the last batch seen in the current epoch (0 before any, and after an epoch's end). */
  lastBatch = 0;
  private sinceSave = 0;

  constructor(private readonly every: number) {}

  /** Counts up to batch index `batch`; true when a save is due (the count then restarts). */
  due(batch: number): boolean {
    this.sinceSave += batch <= this.lastBatch ? batch + 1 : batch - this.lastBatch;
    this.lastBatch = batch;
    if (this.sinceSave < this.every) return false;
    this.sinceSave = 0;
    return true;
  }

  /** An epoch ended: the next batch index starts again from 0. */
  epochEnded(): void {
    this.lastBatch = 0;
  }
}
