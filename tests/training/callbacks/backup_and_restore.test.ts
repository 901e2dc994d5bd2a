import { cpSync, existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Sequential, type Tensor, ValueError, callbacks, layers, memory, tensor } from '../../../ts/index.js';
import { LambdaCallback } from '../../../ts/training/callbacks/lambda_callback.js';
import { smallData, smallModel, tempFolder, weightValues } from './file_helpers.js';

const { BackupAndRestore } = callbacks;
const EPOCHS = 6;
const fitOptions = { epochs: EPOCHS, batchSize: 4, verbose: 0, shuffle: false } as const;

/** Throws at the start of epoch `epoch` (an interruption, as Keras's own example). */
function interruptAt(epoch: number) {
  return new LambdaCallback({
    onEpochBegin: (e) => {
      if (e === epoch) throw new Error('Interrupting!');
    },
  });
}

/** What must match an uninterrupted run: the weights, and the optimizer's step count and slots. */
function state(model: Sequential) {
  return { weights: weightValues(model), iterations: model.optimizer.iterations, slots: model.optimizer.variables.map((v) => Array.from(v.value.dataSync())) };
}

async function uninterrupted() {
  const model = smallModel();
  const { x, y } = smallData();
  await model.fit(x, y, fitOptions);
  return state(model);
}

describe('BackupAndRestore', () => {
  it('takes Keras arguments positionally and as options, and refuses what Keras refuses', () => {
    for (const b of [new BackupAndRestore('/tmp/b', 5, true, false), new BackupAndRestore({ backupDir: '/tmp/b', saveFreq: 5, doubleCheckpoint: true, deleteCheckpoint: false })]) {
      expect([b.backupDir, b.saveFreq, b.doubleCheckpoint, b.deleteCheckpoint]).toEqual(['/tmp/b', 5, true, false]);
    }
    const defaults = new BackupAndRestore('/tmp/b');
    expect([defaults.saveFreq, defaults.doubleCheckpoint, defaults.deleteCheckpoint]).toEqual(['epoch', false, true]);
    expect(() => new BackupAndRestore('')).toThrow('Empty `backup_dir` argument passed');
    expect(() => new BackupAndRestore('/tmp/b', 'batch' as never)).toThrow(
      "Invalid value for argument `save_freq`. Received: save_freq=batch. Expected either 'epoch' or an integer value.",
    );
  });

  it('resumes an interrupted fit at the epoch where it stopped, ending exactly as an uninterrupted run', async () => {
    const expected = await uninterrupted();
    const dir = join(tempFolder(), 'backup');
    const model = smallModel();
    const { x, y } = smallData();
    const backup = new BackupAndRestore(dir);
    await expect(model.fit(x, y, { ...fitOptions, callbacks: [backup, interruptAt(3)] })).rejects.toThrow('Interrupting!');
    expect(readFileSync(join(dir, 'training_metadata.json'), 'utf8')).toBe('{"epoch": 3, "batch": 0}');
    // A fresh model (as after a restart): everything comes from the backup.
    const restarted = smallModel();
    const history = await restarted.fit(x, y, { ...fitOptions, callbacks: [backup] });
    expect(history.epoch).toEqual([3, 4, 5]);
    expect(state(restarted)).toEqual(expected);
    // Completed training deletes the backup; the next fit starts from its own initial epoch again.
    expect(existsSync(dir)).toBe(false);
    expect((await restarted.fit(x, y, { epochs: 2, verbose: 0, callbacks: [backup] })).epoch).toEqual([0, 1]);
  });

  it('also resumes after an error from the data, and keeps the backup with deleteCheckpoint false', async () => {
    const dir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    const backup = new BackupAndRestore({ backupDir: dir, deleteCheckpoint: false });
    let calls = 0;
    // A generator function is called once an epoch; its third call fails, as a broken data source would.
    const data = function* () {
      if (++calls === 3) throw new Error('the data source failed');
      yield [tensor(x.dataSync(), [16, 3]), tensor(y.dataSync(), [16, 1])] as [Tensor, Tensor];
    };
    await expect(model.fit(data, { epochs: 5, verbose: 0, callbacks: [backup] })).rejects.toThrow('the data source failed');
    expect((await model.fit(data, { epochs: 5, verbose: 0, callbacks: [backup] })).epoch).toEqual([2, 3, 4]);
    expect(readdirSync(dir).sort()).toEqual(['latest.weights.h5', 'training_metadata.json']);
  });

  it("with an integer saveFreq backs up every N batches and, as Keras, restarts that epoch with the backup's weights", async () => {
    const dir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    const backup = new BackupAndRestore({ backupDir: dir, saveFreq: 3 });
    // 4 batches an epoch: backups after the 3rd and 6th steps (epoch 1's second batch); interrupted before the 7th.
    const stop = new LambdaCallback({
      onTrainBatchBegin: () => {
        if (model.optimizer.iterations === 6) throw new Error('Interrupting!');
      },
    });
    await expect(model.fit(x, y, { ...fitOptions, callbacks: [backup, stop] })).rejects.toThrow('Interrupting!');
    expect(JSON.parse(readFileSync(join(dir, 'training_metadata.json'), 'utf8'))).toEqual({ epoch: 1, batch: 1 });
    const restarted = smallModel();
    const history = await restarted.fit(x, y, { ...fitOptions, callbacks: [new BackupAndRestore({ backupDir: dir, saveFreq: 3 })] });
    expect(history.epoch).toEqual([1, 2, 3, 4, 5]);
    // 6 steps were backed up, then 5 epochs of 4.
    expect(restarted.optimizer.iterations).toBe(6 + 20);
  });

  it('refuses a corrupt backup with a ValueError naming the file, changing and overwriting nothing', async () => {
    const dir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    const backup = new BackupAndRestore(dir);
    await expect(model.fit(x, y, { ...fitOptions, callbacks: [backup, interruptAt(2)] })).rejects.toThrow('Interrupting!');
    const weightsFile = join(dir, 'latest.weights.h5');
    truncateSync(weightsFile, 300);
    const truncated = readFileSync(weightsFile);
    const fresh = smallModel();
    const before = state(fresh);
    const tensors = memory().numTensors;
    const fit = () => fresh.fit(x, y, { ...fitOptions, callbacks: [backup] });
    await expect(fit()).rejects.toThrow(ValueError);
    await expect(fit()).rejects.toThrow(`BackupAndRestore could not restore the backup '${dir}/latest.weights.h5'`);
    expect(state(fresh)).toEqual(before);
    expect(memory().numTensors).toBe(tensors);
    expect(readFileSync(weightsFile).equals(truncated)).toBe(true);
    writeFileSync(join(dir, 'training_metadata.json'), '{"epo');
    await expect(fit()).rejects.toThrow(`'${dir}/training_metadata.json' is not the training metadata Keras writes`);
  });

  it('with doubleCheckpoint falls back to the previous backup when the latest is corrupt, still ending as an uninterrupted run', async () => {
    const expected = await uninterrupted();
    const dir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    const backup = new BackupAndRestore({ backupDir: dir, doubleCheckpoint: true });
    await expect(model.fit(x, y, { ...fitOptions, callbacks: [backup, interruptAt(3)] })).rejects.toThrow('Interrupting!');
    expect(readFileSync(join(dir, 'training_metadata.json.bkp'), 'utf8')).toBe('{"epoch": 2, "batch": 0}');
    truncateSync(join(dir, 'latest.weights.h5'), 100);
    const restarted = smallModel();
    const history = await restarted.fit(x, y, { ...fitOptions, callbacks: [backup] });
    expect(history.epoch).toEqual([2, 3, 4, 5]);
    expect(state(restarted)).toEqual(expected);
  });

  it('resumes from a backup Keras wrote, ending within 1e-6 of the weights of Keras\'s uninterrupted run', async () => {
    const expected = JSON.parse(readFileSync(new URL('../../fixtures/callbacks/keras_backup.json', import.meta.url), 'utf8')) as { metadata: { epoch: number }; final_weights: number[][]; iterations: number };
    const dir = join(tempFolder(), 'backup');
    cpSync(fileURLToPath(new URL('../../fixtures/callbacks/keras_backup', import.meta.url)), dir, { recursive: true });
    const model = new Sequential([layers.Input({ shape: [3] }), new layers.Dense(4, { activation: 'relu', name: 'd1' }), new layers.Dense(1, { name: 'd2' })]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const { x, y } = smallData();
    const history = await model.fit(x, y, { ...fitOptions, callbacks: [new BackupAndRestore(dir)] });
    expect(history.epoch).toEqual([expected.metadata.epoch, 4, 5]);
    expect(model.optimizer.iterations).toBe(expected.iterations);
    weightValues(model).forEach((w, i) => w.forEach((v, j) => expect(Math.abs(v - expected.final_weights[i]![j]!)).toBeLessThan(1e-6)));
  });

  it('keeps memory flat over many backups', async () => {
    const model = smallModel();
    const { x, y } = smallData();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = memory().numTensors;
    await model.fit(x, y, { epochs: 15, batchSize: 4, verbose: 0, callbacks: [new BackupAndRestore({ backupDir: tempFolder(), saveFreq: 1 })] });
    expect(memory().numTensors).toBe(before);
  });
});
