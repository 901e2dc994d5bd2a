/**
 * The runner page's script: `?in=worker` runs the suite in a module Worker, otherwise on the
 * page's main thread. The outcome is left on `window.coreResult` for the test to read.
 */
import type { CoreResult } from './core_suite.js';

type Outcome = { result: CoreResult } | { error: string };

function inWorker(): Promise<Outcome> {
  const worker = new Worker(new URL('./core_worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    worker.addEventListener('message', ({ data }) => resolve(data as Outcome));
    worker.addEventListener('error', (event) => resolve({ error: `worker error: ${event.message}` }));
  });
}

async function onMainThread(): Promise<Outcome> {
  try {
    const { runCoreSuite } = await import('./core_suite.js');
    return { result: await runCoreSuite() };
  } catch (error) {
    return { error: String((error as Error)?.stack ?? error) };
  }
}

const where = new URLSearchParams(location.search).get('in');
(window as { coreResult?: Promise<Outcome> }).coreResult = where === 'worker' ? inWorker() : onMainThread();
