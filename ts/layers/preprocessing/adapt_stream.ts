/**
 * The one streaming pass of a preprocessing layer's `adapt()`: each batch of a sync iterable is
 * visited at once (so `adapt` returns when done, as Keras's does), and each batch of an async
 * iterable (a streamed dataset, an async generator) as it arrives, `adapt` then returning a
 * promise. `steps` caps how many batches are read, as Keras's `adapt(data, steps)`.
 */

/** Batches given all at once or as they arrive. */
export type BatchStream<B> = Iterable<B> | AsyncIterable<B>;

/** Whether `data` is an async iterable (checked before a sync one: some objects are both). */
export function isAsyncStream<B>(data: unknown): data is AsyncIterable<B> {
  return typeof data === 'object' && data !== null && Symbol.asyncIterator in data;
}

/** Whether `data` is a sync or async iterable of batches (strings, which iterate by character, are not). */
export function isBatchStream<B>(data: unknown): data is BatchStream<B> {
  return isAsyncStream(data) || (typeof data === 'object' && data !== null && Symbol.iterator in data);
}

/**
 * Calls `visit` on each batch of `data` (at most `steps` of them), then `finish`: synchronously
 * for an iterable, as a promise for an async iterable.
 */
export function visitBatches<B>(data: BatchStream<B>, steps: number | null, visit: (batch: B) => void, finish: () => void): void | Promise<void> {
  if (isAsyncStream<B>(data)) {
    return (async () => {
      let step = 0;
      for await (const batch of data) {
        if (steps !== null && step++ >= steps) break;
        visit(batch);
      }
      finish();
    })();
  }
  let step = 0;
  for (const batch of data) {
    if (steps !== null && step++ >= steps) break;
    visit(batch);
  }
  finish();
}
