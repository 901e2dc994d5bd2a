/**
 * Reads a `PyDataset` in index order with its batches requested ahead: up to `maxQueueSize`
 * `getItem` calls are queued while the current step computes, at most `workers` pending at once.
 */
import type { PyDataset } from '../data/py_dataset.js';

export class PyDatasetReader implements AsyncIterator<unknown> {
  private readonly queue: Promise<unknown>[] = [];
  private nextIndex = 0;
  private readonly end: number;

  constructor(private readonly dataset: PyDataset) {
    // An endless dataset is read for as long as the steps ask (`stepsPerEpoch` stops them).
    this.end = dataset.numBatches ?? Infinity;
  }

  async next(): Promise<IteratorResult<unknown>> {
    this.fill();
    const head = this.queue.shift();
    if (head === undefined) return { done: true, value: undefined };
    const value = await head;
    // Request the following batches now, so they are prepared while the caller's step computes.
    this.fill();
    return { done: false, value };
  }

  async return(): Promise<IteratorResult<unknown>> {
    this.queue.length = 0;
    this.nextIndex = this.end;
    return { done: true, value: undefined };
  }

  private fill(): void {
    while (this.queue.length < this.dataset.maxQueueSize && this.nextIndex < this.end) {
      const index = this.nextIndex++;
      // The request `workers` places ahead must settle first, so that at most `workers` are pending.
      const gate = this.queue.length >= this.dataset.workers ? this.queue[this.queue.length - this.dataset.workers]! : Promise.resolve();
      const request = gate.then(
        () => this.dataset.getItem(index),
        () => this.dataset.getItem(index),
      );
      // A batch requested ahead and never read (training stopped) must not be an unhandled rejection.
      request.catch(() => {});
      this.queue.push(request);
    }
  }
}
