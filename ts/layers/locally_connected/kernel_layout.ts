/**
 * Where each weight of a tf.keras locally-connected kernel sits, for the three layouts its
 * `implementation` option stores (and legacy `.h5` files hold):
 *
 * 1. `(positions, window · channels, filters)`: one filter bank per output position, the window
 *    flattened as `(k…, channels)` (`channels_last`) or `(channels, k…)` (`channels_first`), the
 *    very layout `matmul(localPatches(x), kernel)` consumes.
 * 2. A dense input-by-output kernel `(in…, channels, out…, filters)` (`channels_first`:
 *    `(channels, in…, filters, out…)`) of which only connected pairs are used (tf.keras masks
 *    the rest).
 * 3. The connected pairs' values only, a vector ordered by `(output index, input index)` in the
 *    flattened output `(out…, filters)` and input `(in…, channels)` (`(filters, out…)` and
 *    `(channels, in…)` for `channels_first`), as tf.keras's sorted `conv_kernel_idxs`.
 *
 * Layouts 2 and 3 are computed by gathering them into layout 1: {@link positionKernelIndex}
 * gives, for each layout-1 entry, the flat index of its weight, or `zeroSlot` for window cells
 * that fall in the `'same'` padding (the caller appends one zero to the flattened kernel).
 */

/** The geometry of one locally-connected layer, all spatial arrays with one entry per axis. */
export interface LocalGeometry {
  inputSpatial: number[];
  outputSpatial: number[];
  kernelSize: number[];
  strides: number[];
  same: boolean;
  channels: number;
  filters: number;
  channelsFirst: boolean;
}

const product = (values: number[]): number => values.reduce((a, b) => a * b, 1);

/** Row-major multi-index of `flat` in `dims`. */
function unravel(flat: number, dims: number[]): number[] {
  const index = new Array<number>(dims.length);
  for (let d = dims.length - 1; d >= 0; d--) {
    index[d] = flat % dims[d]!;
    flat = Math.floor(flat / dims[d]!);
  }
  return index;
}

/**
 * For each output position and window cell, the flat input spatial index it reads, or -1 in the
 * padding: `'same'` windows start `floor(k / 2)` before `position · stride` (tf.keras's
 * `conv_connected_inputs`).
 */
function taps(g: LocalGeometry): Int32Array {
  const positions = product(g.outputSpatial), window = product(g.kernelSize);
  const out = new Int32Array(positions * window);
  for (let p = 0; p < positions; p++) {
    const at = unravel(p, g.outputSpatial);
    for (let w = 0; w < window; w++) {
      const cell = unravel(w, g.kernelSize);
      let flat = 0;
      for (let d = 0; d < at.length && flat >= 0; d++) {
        const i = at[d]! * g.strides[d]! - (g.same ? Math.floor(g.kernelSize[d]! / 2) : 0) + cell[d]!;
        flat = i < 0 || i >= g.inputSpatial[d]! ? -1 : flat * g.inputSpatial[d]! + i;
      }
      out[p * window + w] = flat;
    }
  }
  return out;
}

/** Visits every layout-1 entry `(p, feature, f)` with its window cell's input index (-1: padding). */
function forEachEntry(g: LocalGeometry, visit: (entry: number, p: number, input: number, c: number, f: number) => void): void {
  const window = product(g.kernelSize), features = window * g.channels;
  const t = taps(g);
  for (let p = 0; p < t.length / window; p++) {
    for (let w = 0; w < window; w++) {
      for (let c = 0; c < g.channels; c++) {
        const feature = g.channelsFirst ? c * window + w : w * g.channels + c;
        for (let f = 0; f < g.filters; f++) visit((p * features + feature) * g.filters + f, p, t[p * window + w]!, c, f);
      }
    }
  }
}

/** The layout-1 kernel shape `(positions, window · channels, filters)`. */
export function positionKernelShape(g: LocalGeometry): number[] {
  return [product(g.outputSpatial), product(g.kernelSize) * g.channels, g.filters];
}

/** The dense layout-2 kernel shape. */
export function denseKernelShape(g: LocalGeometry): number[] {
  return g.channelsFirst
    ? [g.channels, ...g.inputSpatial, g.filters, ...g.outputSpatial]
    : [...g.inputSpatial, g.channels, ...g.outputSpatial, g.filters];
}

/** The number of connected (input cell, output cell) pairs: the length of the layout-3 kernel. */
export function connectionCount(g: LocalGeometry): number {
  let count = 0;
  forEachEntry(g, (_e, _p, input) => {
    if (input >= 0) count++;
  });
  return count;
}

/**
 * For implementation 2 or 3, the flat kernel index of every layout-1 entry (`zeroSlot`, the
 * kernel's length, for padding cells).
 */
export function positionKernelIndex(g: LocalGeometry, implementation: 2 | 3): { index: Int32Array; zeroSlot: number } {
  const positions = product(g.outputSpatial), volume = product(g.inputSpatial);
  const index = new Int32Array(product(positionKernelShape(g)));
  if (implementation === 2) {
    const zeroSlot = volume * g.channels * positions * g.filters;
    forEachEntry(g, (entry, p, input, c, f) => {
      index[entry] = input < 0 ? zeroSlot
        : g.channelsFirst ? ((c * volume + input) * g.filters + f) * positions + p
          : ((input * g.channels + c) * positions + p) * g.filters + f;
    });
    return { index, zeroSlot };
  }
  // Implementation 3: rank each connected pair by (output index, input index).
  const entries: number[] = [], keys: number[] = [];
  const inputSize = volume * g.channels;
  forEachEntry(g, (entry, p, input, c, f) => {
    if (input < 0) return;
    const outIdx = g.channelsFirst ? f * positions + p : p * g.filters + f;
    const inIdx = g.channelsFirst ? c * volume + input : input * g.channels + c;
    entries.push(entry);
    keys.push(outIdx * inputSize + inIdx);
  });
  const zeroSlot = entries.length;
  index.fill(zeroSlot);
  const order = entries.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  order.forEach((i, rank) => {
    index[entries[i]!] = rank;
  });
  return { index, zeroSlot };
}
