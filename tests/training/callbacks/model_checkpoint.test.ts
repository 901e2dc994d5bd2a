import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { KeyError, ValueError, callbacks, loadModel, memory } from '../../../ts/index.js';
import { LambdaCallback } from '../../../ts/training/callbacks/lambda_callback.js';
import { smallData, smallModel, tempFolder, weightValues } from './file_helpers.js';

const { ModelCheckpoint } = callbacks;

describe('ModelCheckpoint', () => {
  it('takes Keras arguments positionally and as options, with Keras defaults', () => {
    const positional = new ModelCheckpoint('m.keras', 'loss', 1, true);
    const options = new ModelCheckpoint({ filepath: 'm.keras', monitor: 'loss', verbose: 1, saveBestOnly: true });
    for (const c of [positional, options]) {
      expect([c.filepath, c.monitor, c.verbose, c.saveBestOnly, c.saveWeightsOnly, c.mode, c.saveFreq, c.best]).toEqual(['m.keras', 'loss', 1, true, false, 'auto', 'epoch', null]);
    }
    expect(new ModelCheckpoint({ filepath: 'm.keras', initialValueThreshold: 0.5 }).best).toBe(0.5);
  });

  it("refuses Keras's bad arguments with Keras's messages", () => {
    expect(() => new ModelCheckpoint('model.h5.tmp')).toThrow('The filepath provided must end in `.keras` (Keras model format). Received: filepath=model.h5.tmp');
    expect(() => new ModelCheckpoint({ filepath: 'w.keras', saveWeightsOnly: true })).toThrow(
      'When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.weights.h5` (Keras weights format). Received: filepath=w.keras',
    );
    expect(() => new ModelCheckpoint({ filepath: 'm.keras', saveFreq: 'batch' as never })).toThrow("Unrecognized save_freq: batch. Expected save_freq are 'epoch' or integer values");
    expect(() => new ModelCheckpoint({ filepath: 'm.keras', mode: 'up' as never })).toThrow(ValueError);
    expect(() => new ModelCheckpoint()).toThrow("ModelCheckpoint missing required argument: 'filepath'.");
  });

  it('names each file from the template as Python formats it, creating the folder', async () => {
    const dir = join(tempFolder(), 'not', 'yet');
    const model = smallModel();
    const { x, y } = smallData();
    const seen: number[] = [];
    const recorder = new LambdaCallback({ onEpochEnd: (_, logs) => void seen.push(logs.val_loss as number) });
    await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, validationSplit: 0.25, callbacks: [recorder, new ModelCheckpoint(join(dir, 'ckpt-{epoch:02d}-{val_loss:.2f}.keras'))] });
    expect(readdirSync(dir).sort()).toEqual(seen.map((v, i) => `ckpt-0${i + 1}-${v.toFixed(2)}.keras`).sort());
    // What was saved is the model: it loads back with the weights it had at the last epoch's end.
    const loaded = await loadModel(join(dir, `ckpt-03-${seen[2]!.toFixed(2)}.keras`));
    expect(weightValues(loaded as never)).toEqual(weightValues(model));
  });

  it('saves only on improvement with saveBestOnly, in the direction of the mode', async () => {
    const dir = tempFolder();
    // 'auto' takes the direction from the compiled metrics' classes, as Keras: they exist once a step has run.
    const model = smallModel();
    model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae', 'accuracy'] });
    const { x, y } = smallData();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    x.dispose();
    y.dispose();
    const saved = async (checkpoint: InstanceType<typeof ModelCheckpoint>, values: number[]) => {
      checkpoint.setModel(model);
      const epochs: number[] = [];
      for (const [epoch, value] of values.entries()) {
        await checkpoint.onEpochEnd(epoch, { loss: 1, mae: value, val_loss: value, val_accuracy: value });
        const name = `${checkpoint.monitor}-${epoch + 1}${checkpoint.saveWeightsOnly ? '.weights.h5' : '.keras'}`;
        if (existsSync(join(dir, name))) epochs.push(epoch);
      }
      return epochs;
    };
    const minLoss = new ModelCheckpoint({ filepath: join(dir, 'val_loss-{epoch}.weights.h5'), saveBestOnly: true, saveWeightsOnly: true });
    expect(await saved(minLoss, [0.5, 0.7, 0.4, 0.45, 0.3])).toEqual([0, 2, 4]);
    expect(minLoss.best).toBe(0.3);
    const maxAccuracy = new ModelCheckpoint(join(dir, 'val_accuracy-{epoch}.keras'), 'val_accuracy', 0, true, false, 'auto', 'epoch', 0.6);
    expect(await saved(maxAccuracy, [0.5, 0.7, 0.4, 0.8])).toEqual([1, 3]);
    const meanAbsoluteError = new ModelCheckpoint({ filepath: join(dir, 'mae-{epoch}.keras'), monitor: 'mae', saveBestOnly: true });
    expect(await saved(meanAbsoluteError, [0.5, 0.7, 0.4])).toEqual([0, 2]);
    // As Keras, a direction it cannot tell is refused at the first epoch's end, even without saveBestOnly.
    for (const saveBestOnly of [true, false]) {
      const unknown = new ModelCheckpoint({ filepath: join(dir, 'm.keras'), monitor: 'val_custom', saveBestOnly, initialValueThreshold: 1 });
      unknown.setModel(model);
      await expect(unknown.onEpochEnd(0, { val_custom: 0.5 })).rejects.toThrow("ModelCheckpoint callback received monitor=val_custom, but Keras isn't able to automatically determine");
    }
  });

  it("prints Keras's lines with verbose 1", async () => {
    const dir = tempFolder();
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const checkpoint = new ModelCheckpoint({ filepath: join(dir, 'm.weights.h5'), verbose: 1, saveBestOnly: true, saveWeightsOnly: true });
      checkpoint.setModel(smallModel());
      for (const [epoch, value] of [0.5, 0.75, 0.25].entries()) await checkpoint.onEpochEnd(epoch, { val_loss: value });
      expect(log.mock.calls.map((c) => c[0])).toEqual([
        `\nEpoch 1: val_loss improved from None to 0.50000, saving model to ${dir}/m.weights.h5`,
        `\nEpoch 1: finished saving model to ${dir}/m.weights.h5`,
        '\nEpoch 2: val_loss did not improve from 0.50000',
        `\nEpoch 3: val_loss improved from 0.50000 to 0.25000, saving model to ${dir}/m.weights.h5`,
        `\nEpoch 3: finished saving model to ${dir}/m.weights.h5`,
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it('counts batches with an integer saveFreq, filling {batch} 1-based', async () => {
    const dir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: [new ModelCheckpoint({ filepath: join(dir, 'e{epoch}-b{batch}.weights.h5'), saveWeightsOnly: true, saveFreq: 3 })] });
    // 4 batches an epoch: saves after the 3rd, 6th (epoch 2's 2nd) batches.
    expect(readdirSync(dir).sort()).toEqual(['e1-b3.weights.h5', 'e2-b2.weights.h5']);
  });

  it("names the missing log entry as Keras's KeyError does", async () => {
    const model = smallModel();
    const { x, y } = smallData();
    const checkpoint = new ModelCheckpoint(join(tempFolder(), 'm-{val_accuracy:.4f}.keras'));
    const fit = model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [checkpoint] });
    await expect(fit).rejects.toThrow(KeyError);
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [checkpoint] })).rejects.toThrow(
      `Failed to format this callback filepath: "${checkpoint.filepath}". Reason: 'val_accuracy'`,
    );
  });

  it('fails with a ValueError naming the path when it cannot write, leaving the last checkpoint intact', async () => {
    const dir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    // A name the file system takes but whose temporary sibling (28 characters longer) it refuses: the write fails even for root.
    const path = join(dir, `${'m'.repeat(240)}.keras`);
    writeFileSync(path, 'the previous checkpoint');
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [new ModelCheckpoint(path)] })).rejects.toThrow(`Could not write '${path}'`);
    expect(readFileSync(path, 'utf8')).toBe('the previous checkpoint');
    expect(readdirSync(dir)).toEqual([basename(path)]);
    const blocked = join(dir, 'file');
    writeFileSync(blocked, 'not a folder');
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [new ModelCheckpoint(join(blocked, 'm.keras'))] })).rejects.toThrow(
      new RegExp(`ModelCheckpoint could not create the directory '${blocked}'`),
    );
    mkdirSync(join(dir, 'folder.keras'));
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [new ModelCheckpoint(join(dir, 'folder.keras'))] })).rejects.toThrow(
      'Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory',
    );
  });

  it('keeps memory flat over many epochs of saves', async () => {
    const dir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    const checkpoint = new ModelCheckpoint({ filepath: join(dir, 'm.keras') });
    await model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [checkpoint] });
    const before = memory().numTensors;
    await model.fit(x, y, { epochs: 20, verbose: 0, callbacks: [checkpoint, new ModelCheckpoint({ filepath: join(dir, 'w.weights.h5'), saveWeightsOnly: true, saveFreq: 1 })] });
    expect(memory().numTensors).toBe(before);
  });
});
