/** What the current JavaScript host can do, for choosing a WebAssembly variant. */

export const isNode: boolean =
  typeof process !== 'undefined' && typeof process.versions === 'object' && typeof process.versions.node === 'string';

/**
 * Whether a threaded module can run here: shared memory must exist, and the thread that runs
 * kernels must be allowed to block. Node's main thread may block; a browser's may not, so there
 * only a dedicated Worker in a cross-origin isolated page qualifies.
 */
export function canUseThreads(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  if (isNode) return true;
  const g = globalThis as { crossOriginIsolated?: boolean; WorkerGlobalScope?: unknown; Worker?: unknown };
  return g.crossOriginIsolated === true && g.WorkerGlobalScope !== undefined && g.Worker !== undefined;
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
