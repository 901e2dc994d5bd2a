/**
 * Training from a generator over more data than kerasm's memory holds (issue 12): the wasm
 * memory is capped at 1 GiB (`--max-memory` in crates/kerasm-wasm/build-wasm.sh) and the
 * generator makes 10 GiB of batches on the fly. Prints, after each epoch, the live tensors,
 * the wasm memory and the process RSS; tests/data/stream_memory.test.ts checks they stay flat.
 *
 *   npm run stream:memory [-- --gib 10 --epochs 4]
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Input, Sequential, callbacks, layers, memory, tensor } from '../ts/index.js';

const MiB = 2 ** 20;
/** Features per sample: a batch of 2,048 samples is 32 MiB of float32. */
const FEATURES = 4096;
const BATCH = 2048;

/** The counters after an epoch. */
export interface EpochMemory {
  epoch: number;
  numTensors: number;
  wasmMiB: number;
  rssMiB: number;
}

/**
 * Fits Dense(1) on `gib` GiB of batches generated on the fly (each a fresh fill of one reused
 * buffer, uploaded as the step's tensors), over `epochs` epochs; returns each epoch's counters.
 */
export async function streamTraining(gib: number, epochs: number, onEpoch: (m: EpochMemory) => void = () => {}): Promise<EpochMemory[]> {
  const batchBytes = BATCH * FEATURES * 4;
  const stepsPerEpoch = Math.ceil((gib * 1024 * MiB) / batchBytes / epochs);
  const model = new Sequential([Input({ shape: [FEATURES] }), new layers.Dense(1)]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = new Float32Array(BATCH * FEATURES);
  const y = new Float32Array(BATCH);
  let step = 0;
  function* batches() {
    for (;;) {
      // A cheap fill that differs per step (the samples are new, the buffer is not): the
      // figure is about memory, and a per-value formula would make generating the slowest part.
      const phase = step++ % 13;
      x.fill(phase / 13 - 0.5);
      y.fill(phase / 26);
      // Uploaded as the step's tensors, which the loop frees after the step.
      yield [tensor(x, [BATCH, FEATURES]), tensor(y, [BATCH, 1])];
    }
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  const history: EpochMemory[] = [];
  const record = new (class extends callbacks.Callback {
    override onEpochEnd(epoch: number): void {
      gc?.();
      const m = { epoch, numTensors: memory().numTensors, wasmMiB: memory().wasmBytes / MiB, rssMiB: process.memoryUsage().rss / MiB };
      history.push(m);
      onEpoch(m);
    }
  })();
  try {
    await model.fit(batches, { epochs, stepsPerEpoch, verbose: 0, callbacks: [record] });
  } finally {
    model.dispose();
  }
  return history;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { gib: { type: 'string', default: '10' }, epochs: { type: 'string', default: '4' } } });
  const [gib, epochs] = [Number(values.gib), Number(values.epochs)];
  console.log(`fit from a generator: ${gib} GiB of batches of ${BATCH}×${FEATURES} float32 (${(BATCH * FEATURES * 4) / MiB} MiB) over ${epochs} epochs; wasm memory limit 1024 MiB`);
  const start = performance.now();
  await streamTraining(gib, epochs, (m) =>
    console.log(`epoch ${m.epoch + 1}: tensors ${m.numTensors}  wasm ${m.wasmMiB.toFixed(0)} MiB  RSS ${m.rssMiB.toFixed(1)} MiB`),
  );
  console.log(`${((performance.now() - start) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
