/**
 * Issue 14's memory figure: a long `fit` with the everyday training script's pieces together
 * (AdamW, AUC / Precision / Recall, ModelCheckpoint saving the best model, CSVLogger,
 * ReduceLROnPlateau) keeps kerasm's memory flat from epoch to epoch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, callbacks, layers, memory, metrics, optimizers, tensor } from '../../../ts/index.js';
import { tempFolder } from './file_helpers.js';

const EPOCHS = 60;

describe('a long fit with the training contract', () => {
  it('keeps memory() flat across epochs with ModelCheckpoint, CSVLogger and ReduceLROnPlateau', async () => {
    const dir = tempFolder();
    const start = memory().numTensors;
    const model = new Sequential([Input({ shape: [6] }), new layers.Dense(8, { activation: 'relu' }), new layers.Dense(1, { activation: 'sigmoid' })]);
    model.compile({ optimizer: new optimizers.AdamW({ learningRate: 0.02 }), loss: 'binary_crossentropy', metrics: [new metrics.AUC(), new metrics.Precision(), new metrics.Recall()] });
    const x = tensor(Float32Array.from({ length: 64 * 6 }, (_, i) => Math.sin(i * 0.37)), [64, 6]);
    const y = tensor(Float32Array.from({ length: 64 }, (_, i) => (Math.sin(i * 2.22) + Math.cos(i * 0.37) > 0 ? 1 : 0)), [64, 1]);
    const perEpoch: { numTensors: number; numBytes: number }[] = [];
    const history = await model.fit(x, y, {
      epochs: EPOCHS, batchSize: 16, validationSplit: 0.25, verbose: 0,
      callbacks: [
        new callbacks.ModelCheckpoint({ filepath: join(dir, 'best.keras'), saveBestOnly: true, monitor: 'val_auc', mode: 'max' }),
        new callbacks.CSVLogger(join(dir, 'log.csv')),
        new callbacks.ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, minDelta: 0.05, minLr: 1e-4 }),
        new callbacks.LambdaCallback({ onEpochEnd: () => void perEpoch.push(memory()) }),
      ],
    });
    expect(readFileSync(join(dir, 'log.csv'), 'utf8').trim().split('\n')).toHaveLength(EPOCHS + 1);
    // The plateau callback did act: the rate fell during training.
    const rates = history.history.learning_rate as number[];
    expect(rates.at(-1)!).toBeLessThan(rates[0]!);
    // After the first epochs have made every state variable, nothing more is held.
    for (const m of perEpoch.slice(2)) expect(m).toEqual(perEpoch[2]);
    x.dispose();
    y.dispose();
    model.dispose();
    expect(memory().numTensors).toBe(start);
  });
});
