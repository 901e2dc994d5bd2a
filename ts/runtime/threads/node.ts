/**
 * Runs wasm-bindgen-rayon's pool on `node:worker_threads`.
 *
 * Upstream's `startWorkers` (in the generated snippets) is written for browsers: it spawns
 * `new Worker(url, { type: 'module' })`, talks to it with `postMessage` / `addEventListener`, and
 * the worker side imports the main module as `import('../../..')`, a directory import that
 * Node's ESM loader refuses. So this shim gives `startWorkers` a browser-like `Worker` whose
 * thread runs our own entry instead: the same protocol (init message with module, memory and
 * receiver; a `wasm_bindgen_worker_ready` reply; then `wbg_rayon_start_worker`) in a few lines.
 */
import { Worker as NodeWorker } from 'node:worker_threads';

/**
 * The worker side of the protocol: an ES module, run from a data: URL in each worker thread. It
 * imports the glue as soon as it starts, while the main thread is still compiling the module.
 */
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
// The generated glue listens on \`self\` at import time (browser worker code); give it a target.
globalThis.self = { addEventListener() {}, removeEventListener() {} };
const loading = import(workerData.glueUrl);
parentPort.once('message', async ({ init, receiver }) => {
  const glue = await loading;
  glue.initSync({ module: init.module_or_path, memory: init.memory });
  parentPort.postMessage({ type: 'wasm_bindgen_worker_ready' });
  glue.wbg_rayon_start_worker(receiver);
});
`;

type Listener = (event: { data: unknown }) => void;

const spawned: NodeWorker[] = [];
/** Threads started ahead of `initThreadPool`, handed out by the `Worker` constructor. */
const prestarted: NodeWorker[] = [];

function spawn(glueUrl: string): NodeWorker {
  const thread = new NodeWorker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`), { workerData: { glueUrl } });
  spawned.push(thread);
  return thread;
}

/** A browser-shaped `Worker` over a Node worker thread that runs `WORKER_SOURCE`. */
function workerClass(glueUrl: string) {
  return class NodeBackedWorker {
    private readonly thread = prestarted.pop() ?? spawn(glueUrl);
    private readonly wrapped = new Map<Listener, (data: unknown) => void>();

    postMessage(message: unknown): void {
      this.thread.postMessage(message);
    }

    addEventListener(type: string, listener: Listener): void {
      if (type !== 'message') return;
      const onMessage = (data: unknown) => listener({ data });
      this.wrapped.set(listener, onMessage);
      this.thread.on('message', onMessage);
    }

    removeEventListener(type: string, listener: Listener): void {
      const onMessage = this.wrapped.get(listener);
      if (type !== 'message' || !onMessage) return;
      this.thread.off('message', onMessage);
      this.wrapped.delete(listener);
    }
  };
}

/**
 * Installs the globals the generated glue expects on Node's main thread, and starts `threads`
 * pool threads at once: a thread's start-up (tens of ms) then overlaps the module's compilation
 * instead of following it. Call before the glue module is imported: it registers a `self`
 * listener at import time.
 */
export function installNodeWorkerShim(glueUrl: string, threads: number): void {
  const g = globalThis as Record<string, unknown>;
  g.self ??= { addEventListener() {}, removeEventListener() {} };
  g.Worker = workerClass(glueUrl);
  for (let i = prestarted.length; i < threads; i++) prestarted.push(spawn(glueUrl));
}

/**
 * Lets the process exit while pool threads idle. Workers block in `Atomics.wait` between jobs,
 * so a referenced worker would keep Node alive forever after the user's script is done.
 */
export function releaseWorkers(): void {
  for (const thread of spawned) thread.unref();
}
