/**
 * An edge-like host: a JavaScript isolate without `process`, `SharedArrayBuffer`, `Atomics` or
 * `Worker` (as Cloudflare Workers or Deno Deploy without isolation), where the wasm arrives by
 * `fetch`. Built as a Node worker thread whose globals are removed before kerasm is imported;
 * the built package (dist/) must pick the single-thread build by itself, predict and train.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const INDEX = new URL('../../dist/ts/index.js', import.meta.url).href;

/** Runs in the worker: strips the host, then imports kerasm and uses it. */
const HOST_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
const { fileURLToPath } = require('node:url');
const send = parentPort.postMessage.bind(parentPort);
// The host's own fetch serves the package's files, as an edge runtime serves its bundle's assets.
const nodeFetch = globalThis.fetch;
globalThis.fetch = async (url) => new URL(String(url)).protocol === 'file:'
  ? new Response(await readFile(fileURLToPath(String(url))), { headers: { 'content-type': 'application/wasm' } })
  : nodeFetch(url);
for (const name of ['process', 'SharedArrayBuffer', 'Atomics', 'Worker']) {
  Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true });
}
(async () => {
  const k = await import(workerData.index);
  const { Sequential, Input, layers, tensor, tidy, memory } = k;
  const before = memory().numTensors;
  const model = new Sequential([Input({ shape: [3] }), new layers.Dense(4, { activation: 'relu' }), new layers.Dense(1)]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = tensor([[1, 2, 3], [0, -1, 2], [2, 2, 0], [1, 0, 1]]);
  const y = tensor([[1], [0], [2], [1]]);
  const history = await model.fit(x, y, { epochs: 20, batchSize: 4, verbose: 0 });
  const predicted = tidy(() => model.predict(x, { verbose: 0 }).dataSync());
  model.dispose(); x.dispose(); y.dispose();
  send({ info: k.runtime.info(), losses: history.history.loss, predicted: [...predicted], leaked: memory().numTensors - before,
    hostHad: { process: typeof process, SharedArrayBuffer: typeof SharedArrayBuffer, Worker: typeof Worker } });
})().catch((e) => send({ error: String(e && e.stack || e) }));
`;

function runInEdgeHost(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HOST_SCRIPT, { eval: true, workerData: { index: INDEX } });
    worker.once('message', (message) => {
      void worker.terminate();
      resolve(message as Record<string, unknown>);
    });
    worker.once('error', reject);
  });
}

describe('an edge host without Workers or SharedArrayBuffer', () => {
  it('loads the single-thread build by itself, trains and predicts', async () => {
    const r = await runInEdgeHost();
    expect(r.error).toBeUndefined();
    expect(r.hostHad).toEqual({ process: 'undefined', SharedArrayBuffer: 'undefined', Worker: 'undefined' });
    expect(r.info).toEqual({ variant: 'simd', threads: 1, reason: 'no SharedArrayBuffer here (in a browser: the page is not cross-origin isolated)' });
    const losses = r.losses as number[];
    expect(losses).toHaveLength(20);
    expect(losses[19]!).toBeLessThan(losses[0]!);
    const predicted = r.predicted as number[];
    expect(predicted).toHaveLength(4);
    for (const v of predicted) expect(Number.isFinite(v)).toBe(true);
    expect(r.leaked).toBe(0);
  });
});
