/**
 * Axis ticks at "nice" values (1, 2 or 5 times a power of ten), and their labels with as many
 * decimals as the step needs.
 */

export interface Axis {
  /** The axis range, widened to whole ticks. */
  min: number;
  max: number;
  ticks: number[];
  /** Decimals that tell neighbouring ticks apart. */
  decimals: number;
}

/** About `target` ticks covering [lo, hi]; `integer` keeps steps whole (epochs, batches). */
export function niceAxis(lo: number, hi: number, target = 5, integer = false): Axis {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo === hi) {
    // A flat series: centre it in a small range around its value.
    const pad = Math.abs(lo) * 0.1 || 1;
    [lo, hi] = [lo - pad, hi + pad];
  }
  let step = niceStep((hi - lo) / target);
  if (integer) step = Math.max(1, Math.round(step));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => roundTo((first + i) * step, step));
  return { min: ticks[0]!, max: ticks.at(-1)!, ticks, decimals: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) };
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / magnitude;
  return (scaled < 1.5 ? 1 : scaled < 3 ? 2 : scaled < 7 ? 5 : 10) * magnitude;
}

/** `value` without the float noise of `i * step` (0.30000000000000004 → 0.3). */
function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(decimals, 20)));
}

/** A tick label: fixed decimals, or exponent form for very large or very small magnitudes. */
export function tickLabel(value: number, decimals: number): string {
  if (value !== 0 && (Math.abs(value) >= 1e6 || decimals > 6)) return value.toExponential(2);
  return value.toFixed(decimals);
}
