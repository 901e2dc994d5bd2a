/**
 * Thresholds of the confusion metrics, as Keras's `metrics_utils`: parsing a metric's
 * `thresholds` argument, and telling evenly spaced thresholds (which the kernel buckets instead
 * of comparing each prediction with each).
 */
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';

/** Keras's `NEG_INF`: the threshold of Precision and Recall with `topK`, below every prediction. */
export const NEG_INF = -1e10;

/** Keras's `backend.epsilon()`: how far AUC's first and last thresholds lie outside [0, 1]. */
export const EPSILON = 1e-7;

/** The thresholds as a list, checked to lie in [0, 1], or `[defaultThreshold]` (Keras's `parse_init_thresholds`). */
export function parseInitThresholds(thresholds: number | readonly number[] | null, defaultThreshold: number): number[] {
  if (thresholds === null) return [defaultThreshold];
  const list = typeof thresholds === 'number' ? [thresholds] : [...thresholds];
  const invalid = list.filter((t) => t === null || !(t >= 0 && t <= 1));
  if (invalid.length > 0) throw new ValueError(`Threshold values must be in [0, 1]. Received: ${pythonRepr(invalid)}`);
  return list;
}

/** Whether thresholds are `i / (n - 1)` for n ≥ 3, within numpy's `allclose` (Keras's `is_evenly_distributed_thresholds`). */
export function isEvenlyDistributed(thresholds: readonly number[]): boolean {
  const n = thresholds.length;
  if (n < 3) return false;
  return thresholds.every((t, i) => {
    const even = Math.fround(i / (n - 1));
    return Math.abs(t - even) <= EPSILON + 1e-5 * Math.abs(even);
  });
}

/** `num_thresholds` evenly spaced thresholds from 0 to 1, computed as Keras does (`[0.5]` for one). */
export function evenThresholds(numThresholds: number): number[] {
  if (numThresholds === 1) return [0.5];
  const inner = Array.from({ length: numThresholds - 2 }, (_, i) => ((i + 1) * 1.0) / (numThresholds - 1));
  return [0, ...inner, 1];
}
