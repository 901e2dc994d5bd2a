/**
 * A pool helper's entry in a browser (a module Web Worker started by `browser.ts`): instantiates
 * the threaded build on the shared memory, says so, then runs rayon's work loop for good.
 */
import { initSync, run_pool_thread } from '../../wasm/threaded/kerasm_wasm.js';
import { HELPER_READY, type HelperInit } from './protocol.js';

/** The dedicated worker's scope, as far as this file uses it (the DOM library types `self` as a window). */
const scope = self as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HelperInit>) => void, options: { once: true }): void;
};

scope.addEventListener('message', ({ data }) => {
  initSync({ module: data.module, memory: data.memory });
  scope.postMessage(HELPER_READY);
  run_pool_thread();
}, { once: true });
