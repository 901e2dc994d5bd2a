/**
 * Load time and peak memory of `loadModel` on a model of 10.5 M parameters (an MLP 2048 → 2048 →
 * 2048 → 1024 → 10), saved as `.keras` with and without Adam's state.
 *
 *   npm run setup && node dist/scripts/measure_saving_load.js
 *
 * Each load runs in a fresh process, so its peak RSS (`process.resourceUsage().maxRSS`, which
 * covers the HDF5 worker thread too) belongs to that load alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Input, Sequential, layers, loadModel, memory, tensor } from '../ts/index.js';

const MiB = 2 ** 20;

async function writeFiles(dir: string): Promise<string[]> {
  const model = new Sequential([Input({ shape: [2048] }), new layers.Dense(2048, { activation: 'relu' }), new layers.Dense(2048, { activation: 'relu' }), new layers.Dense(1024, { activation: 'relu' }), new layers.Dense(10)]);
  console.log(`parameters: ${model.countParams().toLocaleString('en-US')}`);
  const weightsOnly = join(dir, 'weights_only.keras');
  await model.save(weightsOnly);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  model.trainOnBatch(tensor(new Float32Array(4 * 2048), [4, 2048]), tensor(new Float32Array(4 * 10), [4, 10]));
  const withAdam = join(dir, 'with_adam.keras');
  await model.save(withAdam);
  model.dispose();
  return [weightsOnly, withAdam];
}

async function measureLoad(path: string): Promise<void> {
  const baseRss = process.memoryUsage().rss;
  const start = performance.now();
  const model = await loadModel(path);
  const ms = performance.now() - start;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const wasm = memory();
  console.log(
    `${path.split('/').pop()}: ${(statSync(path).size / MiB).toFixed(1)} MiB file, load ${ms.toFixed(0)} ms, ` +
      `RSS ${(baseRss / MiB).toFixed(0)} → peak ${(peakRss / MiB).toFixed(0)} MiB, ` +
      `kerasm wasm memory ${(wasm.wasmBytes / MiB).toFixed(0)} MiB (tensors ${(wasm.numBytes / MiB).toFixed(1)} MiB)`,
  );
  model.dispose();
}

const target = process.argv[2];
if (target) {
  await measureLoad(target);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'kerasm-measure-'));
  try {
    for (const path of await writeFiles(dir)) {
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), path], { stdio: 'inherit' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
