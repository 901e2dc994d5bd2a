/**
 * Keras's approximate quantile summary, which `Discretization.adapt` streams its batches into:
 * each batch is sorted and thinned to about `1 / epsilon` values, each weighted by how many it
 * stands for; summaries merge by a weighted merge and are compressed back by interpolating the
 * cumulative weights. The bin boundaries are the summary compressed to `numBins` points, the last
 * dropped. Computed in Keras's precisions (float32 summaries, float64 interpolation, as NumPy
 * does) so the boundaries equal Keras's.
 */

/** Values (ascending) and the weight each stands for, in float32 as Keras's NumPy arrays. */
export interface Summary {
  values: Float32Array;
  weights: Float32Array;
}

export const EMPTY_SUMMARY: Summary = { values: new Float32Array(0), weights: new Float32Array(0) };

/** A batch's summary (Keras's `summarize`): every `step`-th of its sorted values, each weighing `step`. */
export function summarize(batch: Float32Array, epsilon: number): Summary {
  const sorted = Float32Array.from(batch).sort();
  const step = Math.max(sorted.length / (1 / epsilon), 1);
  const stride = Math.trunc(step);
  const values: number[] = [];
  for (let i = Math.trunc(step - 1); i < sorted.length; i += stride) values.push(sorted[i]!);
  return { values: Float32Array.from(values), weights: new Float32Array(values.length).fill(step) };
}

/** Two summaries as one (Keras's `merge_summaries`): merged by value, then compressed to `epsilon`. */
export function mergeSummaries(a: Summary, b: Summary, epsilon: number): Summary {
  const values = [...a.values, ...b.values];
  const weights = [...a.weights, ...b.weights];
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const merged = { values: Float32Array.from(order, (i) => values[i]!), weights: Float32Array.from(order, (i) => weights[i]!) };
  return compressSummary(merged, epsilon);
}

/** The `numBins - 1` bin boundaries of a summary (Keras's `get_bin_boundaries`). */
export function binBoundaries(summary: Summary, numBins: number): number[] {
  return Array.from(compressSummary(summary, 1 / numBins).values.subarray(0, -1));
}

/**
 * The summary resampled at the cumulative-weight fractions `epsilon, 2·epsilon, …` (Keras's
 * `compress_summary`), unless it has fewer than `1 / epsilon` points.
 */
export function compressSummary(summary: Summary, epsilon: number): Summary {
  const n = summary.values.length;
  if (n * epsilon < 1) return summary;
  // float32 running sums and fractions, as NumPy's cumsum and division of float32 arrays.
  const cumWeights = new Float32Array(n);
  summary.weights.reduce((sum, w, i) => (cumWeights[i] = Math.fround(sum + w)), 0);
  const fractions = cumWeights.map((c) => c / cumWeights[n - 1]!);
  // NumPy's `epsilon + np.arange(0.0, 1.0, epsilon)`.
  const points = Array.from({ length: Math.ceil(1 / epsilon) }, (_, i) => epsilon + i * epsilon);
  const newValues = points.map((p) => interp(p, fractions, summary.values));
  const newCum = points.map((p) => interp(p, fractions, cumWeights));
  return { values: Float32Array.from(newValues), weights: Float32Array.from(newCum, (c, i) => c - (i === 0 ? 0 : newCum[i - 1]!)) };
}

/** NumPy's `np.interp(x, xp, fp)` for one point, in float64, branch for branch. */
function interp(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const last = xp.length - 1;
  if (x < xp[0]!) return fp[0]!;
  if (x > xp[last]!) return fp[last]!;
  // The last j with xp[j] <= x.
  let [lo, hi] = [0, xp.length];
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    if (x >= xp[mid]!) lo = mid + 1;
    else hi = mid;
  }
  const j = lo - 1;
  if (j === last || xp[j] === x) return fp[j]!;
  const slope = (fp[j + 1]! - fp[j]!) / (xp[j + 1]! - xp[j]!);
  const y = slope * (x - xp[j]!) + fp[j]!;
  if (!Number.isNaN(y)) return y;
  const other = slope * (x - xp[j + 1]!) + fp[j + 1]!;
  return Number.isNaN(other) && fp[j] === fp[j + 1] ? fp[j]! : other;
}
