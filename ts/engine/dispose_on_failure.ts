/** Freeing what a failed construction made: a load, build or rebuild that throws leaves no tensor behind. */

/**
 * Runs `make`; when it throws, disposes everything in `created` (which `make` fills as it goes:
 * layers with their weights, ops with their constants) before the error propagates.
 */
export function disposeOnFailure<T>(created: readonly { dispose(): void }[], make: () => T): T {
  try {
    return make();
  } catch (e) {
    for (const item of created) item.dispose();
    throw e;
  }
}
