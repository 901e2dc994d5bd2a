/**
 * The pool's helper threads in Node: `node:worker_threads` that import the threaded glue,
 * instantiate it on the shared memory and join rayon's pool.
 */
import { Worker } from 'node:worker_threads';

import { HELPER_READY, type HelperInit } from './protocol.js';

/** A helper's code, an ES module run from a data: URL. It imports the glue as soon as it starts. */
const HELPER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
const loading = import(workerData.glueUrl);
parentPort.once('message', async ({ module, memory }) => {
  const glue = await loading;
  glue.initSync({ module, memory });
  parentPort.postMessage(${JSON.stringify(HELPER_READY)});
  glue.run_pool_thread();
});
`;

/** Helpers started ahead of `startHelpers`, while the loading thread compiles the module. */
const prestarted: Worker[] = [];
const started: Worker[] = [];

function spawn(glueUrl: string): Worker {
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(HELPER_SOURCE)}`), { workerData: { glueUrl } });
}

/** Starts `count` helpers now: a thread's start-up (tens of ms) then overlaps the compilation. */
export function prestartHelpers(glueUrl: string, count: number): void {
  while (prestarted.length < count) prestarted.push(spawn(glueUrl));
}

/** Gives `count` helpers the module and memory; resolves once every one of them is ready. */
export async function startHelpers(glueUrl: string, count: number, init: HelperInit): Promise<void> {
  prestartHelpers(glueUrl, count);
  const helpers = prestarted.splice(0, count);
  started.push(...helpers);
  await Promise.all(helpers.map((helper) => ready(helper, init)));
}

function ready(helper: Worker, init: HelperInit): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`a kerasm pool thread failed to start: ${error.message}`));
    helper.once('error', fail);
    helper.once('message', (message) => {
      helper.off('error', fail);
      if (message === HELPER_READY) resolve();
      else reject(new Error(`a kerasm pool thread answered ${JSON.stringify(message)}`));
    });
    helper.postMessage(init);
  });
}

/**
 * Lets the process exit while helpers idle. They block in `Atomics.wait` between jobs, so a
 * referenced worker would keep Node alive forever after the user's script is done.
 */
export function releaseHelpers(): void {
  for (const helper of started) helper.unref();
}
