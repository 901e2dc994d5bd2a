/**
 * Timing: warm-up, then repetitions, reported as the median and the min–max.
 *
 * Warm-up is by count and by time: V8 compiles WebAssembly with its baseline compiler first and
 * swaps in optimised code only after a function has run for a while, in the background, and
 * only for calls that start afterwards. A warm-up by count alone can end before that.
 */

export interface TimingPolicy {
  /** Calls before timing, at least. */
  warmupCalls: number;
  /** Milliseconds of warm-up, at least (the calls continue until both are reached). */
  warmupMs: number;
  /** Timed repetitions wanted. */
  reps: number;
  /** Stop adding repetitions after this many milliseconds of timing (at least 3 reps run). */
  budgetMs: number;
}

export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Every repetition, in milliseconds, in the order run. */
  samplesMs: number[];
}

/** Times `fn` (which may return a promise, awaited inside the timed interval). */
export async function time(fn: () => unknown, policy: TimingPolicy): Promise<Timing> {
  const warmupStart = performance.now();
  for (let calls = 0; calls < policy.warmupCalls || performance.now() - warmupStart < policy.warmupMs; calls++) {
    await fn();
  }
  const samplesMs: number[] = [];
  const start = performance.now();
  while (samplesMs.length < policy.reps && (samplesMs.length < 3 || performance.now() - start < policy.budgetMs)) {
    const t0 = performance.now();
    await fn();
    samplesMs.push(performance.now() - t0);
  }
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { medianMs, minMs: sorted[0]!, maxMs: sorted[sorted.length - 1]!, samplesMs };
}
