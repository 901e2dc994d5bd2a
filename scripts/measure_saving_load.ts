/**
 * Load time and memory of `loadModel` / `loadWeights` on a model of 10.5 M parameters (an MLP
 * 2048 → 2048 → 2048 → 1024 → 10), saved as `.keras` and `.weights.h5`, with and without Adam's
 * state, each loaded from its path and from bytes held by the caller.
 *
 *   npm run setup && node dist/scripts/measure_saving_load.js
 *
 * Each load runs in a fresh process, so its peak RSS (`process.resourceUsage().maxRSS`, which
 * covers the HDF5 worker thread too) belongs to that load alone. "before" is the RSS once kerasm
 * is started and the model to load into (for `.weights.h5`) and the caller's bytes (for a bytes
 * source) are there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Input, type Model, Sequential, layers, loadModel, memory, tensor } from '../ts/index.js';

const MiB = 2 ** 20;

function buildModel(): Sequential {
  return new Sequential([Input({ shape: [2048] }), new layers.Dense(2048, { activation: 'relu' }), new layers.Dense(2048, { activation: 'relu' }), new layers.Dense(1024, { activation: 'relu' }), new layers.Dense(10)]);
}

/** Compiles `model` with Adam and trains one batch, so its optimizer has its variables. */
function trainOnce(model: Model): void {
  model.compile({ optimizer: 'adam', loss: 'mse' });
  model.trainOnBatch(tensor(new Float32Array(4 * 2048), [4, 2048]), tensor(new Float32Array(4 * 10), [4, 10]));
}

async function writeFiles(dir: string): Promise<string[]> {
  const model = buildModel();
  console.log(`parameters: ${model.countParams().toLocaleString('en-US')}`);
  const files = [join(dir, 'plain.keras'), join(dir, 'plain.weights.h5')];
  await model.save(files[0]!);
  await model.saveWeights(files[1]!);
  trainOnce(model);
  files.push(join(dir, 'adam.keras'), join(dir, 'adam.weights.h5'));
  await model.save(files[2]!);
  await model.saveWeights(files[3]!);
  model.dispose();
  return files;
}

async function measureLoad(path: string, from: 'path' | 'bytes'): Promise<void> {
  // Start kerasm (WebAssembly and thread pool) first, so "before" counts it and the load does not.
  tensor(new Float32Array(1), [1]).dispose();
  const weightsOnly = path.endsWith('.weights.h5');
  const target = weightsOnly ? buildModel() : null;
  if (target && path.includes('adam')) trainOnce(target);
  const source = from === 'path' ? path : new Uint8Array(readFileSync(path));
  const baseRss = process.memoryUsage().rss;
  const start = performance.now();
  const model = target ?? (await loadModel(source));
  if (target) await target.loadWeights(source);
  const ms = performance.now() - start;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const { heapUsed, external, arrayBuffers } = process.memoryUsage();
  const wasm = memory();
  const mib = (n: number) => (n / MiB).toFixed(0).padStart(4);
  console.log(
    `${path.split('/').pop()!.padEnd(17)} ${from.padEnd(5)} ${mib(statSync(path).size)} | ${ms.toFixed(0).padStart(5)} ms | RSS ${mib(baseRss)} → peak ${mib(peakRss)} (+${mib(peakRss - baseRss)}) | ` +
      `heap ${mib(heapUsed)} external ${mib(external)} arrayBuffers ${mib(arrayBuffers)} | wasm ${mib(wasm.wasmBytes)} (tensors ${mib(wasm.numBytes)})`,
  );
  model.dispose();
}

const [target, from] = process.argv.slice(2);
if (target) {
  await measureLoad(target, from === 'bytes' ? 'bytes' : 'path');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'kerasm-measure-'));
  try {
    const files = await writeFiles(dir);
    console.log('file              from  MiB  |  load    | RSS before → peak (+extra), MiB | after the load, MiB                | kerasm wasm memory, MiB');
    for (const path of files) {
      for (const source of ['path', 'bytes']) execFileSync(process.execPath, [fileURLToPath(import.meta.url), path, source], { stdio: 'inherit' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
