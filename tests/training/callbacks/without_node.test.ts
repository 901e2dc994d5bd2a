/** Outside Node (a browser, a worker, an edge runtime) the callbacks that write files say that they need Node's file system. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../ts/runtime/host.js', async (importOriginal) => ({ ...(await importOriginal<object>()), isNode: false }));

const { ModelCheckpoint } = await import('../../../ts/training/callbacks/model_checkpoint.js');
const { BackupAndRestore } = await import('../../../ts/training/callbacks/backup_and_restore.js');
const { CSVLogger } = await import('../../../ts/training/callbacks/csv_logger.js');
const { TensorBoard } = await import('../../../ts/training/callbacks/tensorboard.js');

describe('file-writing callbacks outside Node', () => {
  it('fail when training begins, naming the callback and what it needs', async () => {
    for (const [name, callback] of [
      ['ModelCheckpoint', new ModelCheckpoint('m.keras')],
      ['BackupAndRestore', new BackupAndRestore('backup')],
      ['CSVLogger', new CSVLogger('log.csv')],
      ['TensorBoard', new TensorBoard('logs')],
    ] as const) {
      await expect(callback.onTrainBegin()).rejects.toThrow(`${name} writes files and needs Node.js's file system (node:fs); it cannot run in a browser.`);
    }
  });
});
