/**
 * The HDF5 reader's worker is idle between loads, so its garbage collector rarely runs: before it
 * was recycled, every load of `.h5` bytes left its shared copy of them alive in the worker (the RSS
 * grew by the file's size per load, ~0.1 MB for a small model, until ~300 MB had piled up).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, loadModel, saveModel } from '../../ts/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MiB = 2 ** 20;

describe('loading .h5 bytes again and again', () => {
  it('keeps the shared buffers handed to the reader bounded (it is recycled once it has been handed 32 MiB)', async () => {
    const model = new Sequential([Input({ shape: [512] }), new layers.Dense(512)]);
    const bytes = await saveModel(model, { format: 'h5' });
    expect(bytes.length).toBeGreaterThan(MiB);
    gc();
    const before = process.memoryUsage().arrayBuffers;
    // 120 loads hand the reader 120 MiB of copies; without recycling they all stay alive.
    for (let i = 0; i < 120; i++) (await loadModel(bytes)).dispose();
    // A recycled worker frees its buffers once its termination completes, which takes a while on a busy machine.
    const held = () => {
      gc();
      return (process.memoryUsage().arrayBuffers - before) / MiB;
    };
    await expect.poll(held, { timeout: 10_000, interval: 250 }).toBeLessThan(48);
    model.dispose();
  });
});
