/** What the current JavaScript host can do, for choosing a WebAssembly variant. */

export const isNode: boolean =
  typeof process !== 'undefined' && typeof process.versions === 'object' && typeof process.versions.node === 'string';

/** Whether a threaded module can run here, and why (or why not) in words for `runtime.info()`. */
export interface ThreadSupport {
  possible: boolean;
  reason: string;
}

/**
 * Shared memory must exist, and the thread that runs kernels must be allowed to block. Node's
 * main thread may block; a browser's may not, so there only a dedicated Worker in a cross-origin
 * isolated page qualifies.
 */
export function threadSupport(): ThreadSupport {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') {
    return { possible: false, reason: 'no SharedArrayBuffer here (in a browser: the page is not cross-origin isolated)' };
  }
  if (isNode) return { possible: true, reason: 'the host supports shared memory and blocking threads' };
  const g = globalThis as { crossOriginIsolated?: boolean; WorkerGlobalScope?: unknown; Worker?: unknown };
  if (g.crossOriginIsolated !== true) return { possible: false, reason: 'the page is not cross-origin isolated' };
  if (g.WorkerGlobalScope === undefined) return { possible: false, reason: "a browser's main thread may not block: threads run in a Worker (see proxy())" };
  if (g.Worker === undefined) return { possible: false, reason: 'this Worker cannot start Workers of its own' };
  return { possible: true, reason: 'a Worker of a cross-origin isolated page supports shared memory and blocking threads' };
}

/** The number of logical cores, or 1 where the host does not say. */
export async function availableCores(): Promise<number> {
  if (isNode) {
    const os = await import('node:os');
    return Math.max(1, os.availableParallelism());
  }
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}
