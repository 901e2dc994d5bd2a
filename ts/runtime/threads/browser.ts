/** The pool's helper threads in a browser: module Web Workers started from the loading Worker. */
import { HELPER_READY, type HelperInit } from './protocol.js';

/**
 * The running helpers. Kept referenced: Firefox collects a Worker that shares memory with its
 * parent but has no `Worker` object left.
 */
const helpers: Worker[] = [];

/** Gives `count` helpers the module and memory; resolves once every one of them is ready. */
export async function startHelpers(count: number, init: HelperInit): Promise<void> {
  helpers.push(...(await Promise.all(Array.from({ length: count }, () => start(init)))));
}

function start(init: HelperInit): Promise<Worker> {
  return new Promise((resolve, reject) => {
    // A literal URL beside this file, so that bundlers emit the helper as a worker entry.
    const helper = new Worker(new URL('./helper_thread.js', import.meta.url), { type: 'module' });
    helper.addEventListener('error', (event) => reject(new Error(`a kerasm pool thread failed to start: ${event.message}`)), { once: true });
    helper.addEventListener('message', ({ data }) => {
      if (data === HELPER_READY) resolve(helper);
      else reject(new Error(`a kerasm pool thread answered ${JSON.stringify(data)}`));
    }, { once: true });
    helper.postMessage(init);
  });
}
