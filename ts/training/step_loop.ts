/**
 * The batch loop of `fit`, `evaluate` and `predict`, grouped by Keras's `steps_per_execution`:
 * the steps of one execution run back to back, with no hook and nothing downloaded between them
 * (arrays' batches without an await; batch data is awaited as it comes). As Keras's epoch iterator reports it, the begin hook of an execution sees its
 * first step's index and the end hook that index plus `stepsPerExecution - 1`, also for a last,
 * shorter execution.
 */
import type { HookResult } from './callbacks/callback.js';

/** What the loop calls around each execution. */
export interface ExecutionHooks {
  /** Before the first step of an execution (`step` is its index in the epoch). */
  begin(step: number): HookResult;
  /** After the last step of an execution (`step`: the index Keras reports). */
  end(step: number): HookResult;
  /** Whether a callback asked to stop (checked after each execution's end hook). */
  stopped(): boolean;
}

/** Runs `step` on each of `batches`; synchronous, so the hooks must be too. Returns the number of steps run. */
export function runSteps<B>(batches: Iterable<B>, stepsPerExecution: number, step: (batch: B, index: number) => void, hooks: ExecutionHooks): number {
  let index = 0;
  for (const batch of batches) {
    if (index % stepsPerExecution === 0) hooks.begin(index);
    step(batch, index++);
    if (index % stepsPerExecution === 0) {
      hooks.end(index - 1);
      if (hooks.stopped()) return index;
    }
  }
  if (index % stepsPerExecution !== 0) hooks.end(lastReported(index, stepsPerExecution));
  return index;
}

/**
 * As {@link runSteps}, over sync or async batches, awaiting each hook. Sync batches (arrays'
 * index lists) are taken without an await, so an execution's steps run in one go.
 */
export async function runStepsAsync<B>(batches: Iterable<B> | AsyncIterable<B>, stepsPerExecution: number, step: (batch: B, index: number) => void, hooks: ExecutionHooks): Promise<number> {
  const iterator: Iterator<B> | AsyncIterator<B> = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
  let index = 0;
  let done = false;
  try {
    for (;;) {
      const pending = iterator.next();
      const next = pending instanceof Promise ? await pending : pending;
      if (next.done) break;
      if (index % stepsPerExecution === 0) await hooks.begin(index);
      step(next.value, index++);
      if (index % stepsPerExecution === 0) {
        await hooks.end(index - 1);
        if (hooks.stopped()) return index;
      }
    }
    done = true;
    if (index % stepsPerExecution !== 0) await hooks.end(lastReported(index, stepsPerExecution));
    return index;
  } finally {
    // Stopped early or failed: close the batches (batch data frees its current batch).
    if (!done) await iterator.return?.();
  }
}

/** The index Keras reports at the end of a shorter last execution: its first step plus `stepsPerExecution - 1`. */
function lastReported(steps: number, stepsPerExecution: number): number {
  return Math.floor(steps / stepsPerExecution) * stepsPerExecution + stepsPerExecution - 1;
}
