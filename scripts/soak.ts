/**
 * The soak run of issue 16: long repetitions that must keep memory flat.
 *
 *   npm run soak [-- --epochs 500 --predicts 100000 --cycles 2000]
 *
 * Three phases on a small MLP (16 → 64 → 64 → 4, Adam): `fit` for `epochs` epochs on 512
 * samples, `predict` on one sample `predicts` times, and `cycles` load/dispose cycles of the
 * model's `.keras` bytes and then of its legacy `.h5` bytes. Every tenth of each phase prints the
 * RSS and `memory()` (live tensors and bytes); each phase ends with its RSS growth per step over
 * its second half (the first fills the allocator's pools and the HDF5 reader's recycling budget).
 */
import { parseArgs } from 'node:util';
import { Input, type Model, Sequential, layers, loadModel, memory, saveModel, tensor } from '../ts/index.js';

const { values } = parseArgs({
  options: { epochs: { type: 'string', default: '500' }, predicts: { type: 'string', default: '100000' }, cycles: { type: 'string', default: '2000' } },
});
const MiB = 2 ** 20;

/** The RSS (MiB) and live tensors now, as one report line. */
function sample(phase: string, step: number, total: number): number {
  // With --expose-gc, garbage is collected first, so the RSS is what stays alive.
  (globalThis as { gc?: () => void }).gc?.();
  const rss = process.memoryUsage().rss / MiB;
  const { numTensors, numBytes } = memory();
  console.log(`${phase.padEnd(14)} ${String(step).padStart(7)}/${total}  RSS ${rss.toFixed(1).padStart(7)} MiB  tensors ${numTensors}  tensor bytes ${numBytes}`);
  return rss;
}

/** Runs `step` `total` times (awaiting it), sampling every tenth; prints the RSS growth per step over the second half. */
async function phase(name: string, total: number, step: (i: number) => unknown): Promise<void> {
  const tenth = Math.max(1, Math.floor(total / 10));
  const start = performance.now();
  const half = Math.floor(total / 2);
  let atHalf = sample(name, 0, total);
  for (let i = 1; i <= total; i++) {
    await step(i);
    if (i % tenth === 0 || i === half || i === total) {
      const rss = sample(name, i, total);
      if (i === half) atHalf = rss;
      if (i === total) {
        const perStep = total - half > 0 ? ((rss - atHalf) * 1024) / (total - half) : 0;
        console.log(`${name}: ${total} steps in ${((performance.now() - start) / 1000).toFixed(1)} s; RSS ${perStep >= 0 ? '+' : ''}${perStep.toFixed(2)} KiB per step over the second half`);
      }
    }
  }
}

function buildModel(): Model {
  const model = new Sequential([Input({ shape: [16] }), new layers.Dense(64, { activation: 'relu' }), new layers.Dense(64, { activation: 'relu' }), new layers.Dense(4)]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  return model;
}

const model = buildModel();
const random = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) % 1);
const x = tensor(random(512 * 16), [512, 16]);
const y = tensor(random(512 * 4), [512, 4]);
const one = tensor(random(16), [1, 16]);

await phase('fit (epoch)', Number(values.epochs), () => model.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 }));
await phase('predict', Number(values.predicts), () => model.predict(one, { verbose: 0 }).dispose());
const keras = await saveModel(model);
const h5 = await saveModel(model, { format: 'h5' });
await phase('load .keras', Number(values.cycles), async () => (await loadModel(keras)).dispose());
await phase('load .h5', Number(values.cycles), async () => (await loadModel(h5)).dispose());
for (const t of [x, y, one]) t.dispose();
model.dispose();
console.log(`after disposing everything: ${memory().numTensors} live tensors; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
