/**
 * The README's training script as a Keras user writes it: AdamW under a warmup CosineDecay, a
 * focal loss, AUC / Precision / Recall, ModelCheckpoint with a Python file-name template and
 * EarlyStopping restoring the best weights. The checkpoint loads back compiled as it was saved
 * (optimizer, schedule, loss and metrics from `compile_config`, the optimizer's state), and
 * training resumes from it exactly as it continues in the original model.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, callbacks, layers, loadModel, losses, memory, metrics, optimizers, tensor } from '../../ts/index.js';
import { tempFolder } from './callbacks/file_helpers.js';

describe("the README's training script", () => {
  it('trains, checkpoints with a template, and resumes from the checkpoint exactly', async () => {
    const dir = tempFolder();
    const before = memory().numTensors;
    const model = new Sequential([Input({ shape: [4] }), new layers.Dense(8, { activation: 'relu' }), new layers.Dense(1, { activation: 'sigmoid' })]);
    const schedule = new optimizers.schedules.CosineDecay(0, 200, { warmupTarget: 0.05, warmupSteps: 10 });
    model.compile({
      optimizer: new optimizers.AdamW({ learningRate: schedule }),
      loss: new losses.BinaryFocalCrossentropy({ gamma: 2 }),
      metrics: [new metrics.AUC(), new metrics.Precision(), new metrics.Recall()],
    });
    const x = tensor(Float32Array.from({ length: 80 * 4 }, (_, i) => Math.sin(i * 0.61)), [80, 4]);
    const y = tensor(Float32Array.from({ length: 80 }, (_, i) => (Math.sin(i * 2.44) > 0.2 ? 1 : 0)), [80, 1]);
    const history = await model.fit(x, y, { epochs: 4, batchSize: 16, validationSplit: 0.25, shuffle: false, verbose: 0, callbacks: [
      new callbacks.ModelCheckpoint({ filepath: join(dir, 'ckpt-{epoch:02d}-{val_loss:.2f}.keras') }),
      new callbacks.EarlyStopping({ patience: 5, restoreBestWeights: true }),
    ] });
    expect(Object.keys(history.history)).toEqual(['auc', 'loss', 'precision', 'recall', 'val_auc', 'val_loss', 'val_precision', 'val_recall']);
    const valLoss = history.history.val_loss as number[];
    const last = join(dir, `ckpt-04-${valLoss[3]!.toFixed(2)}.keras`);
    expect(readdirSync(dir).map((f) => join(dir, f))).toContain(last);

    const loaded = await loadModel(last);
    expect(loaded.optimizer.getConfig()).toEqual(model.optimizer.getConfig());
    expect(loaded.optimizer.learningRateSchedule?.getConfig()).toEqual(schedule.getConfig());
    expect(loaded.optimizer.appliedSteps).toBe(model.optimizer.appliedSteps);
    // EarlyStopping restored the best epoch's weights into `model` after the last save: give both the saved ones.
    const saved = loaded.getWeights();
    model.setWeights(saved);
    for (const w of saved) w.dispose();
    const more = { epochs: 2, batchSize: 16, shuffle: false, verbose: 0 as const };
    const continued = await model.fit(x, y, more);
    const resumed = await loaded.fit(x, y, more);
    expect(resumed.history).toEqual(continued.history);
    x.dispose();
    y.dispose();
    model.dispose();
    loaded.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
