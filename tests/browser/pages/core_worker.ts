/** Runs the core suite in a dedicated Worker, where the threaded build can run. */
import { runCoreSuite } from './core_suite.js';

runCoreSuite().then(
  (result) => postMessage({ result }),
  (error: unknown) => postMessage({ error: String((error as Error)?.stack ?? error) }),
);
