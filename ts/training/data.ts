/**
 * The data adapter of `fit` / `evaluate` / `predict`: turns user arrays into tensors, checks them
 * (sample counts, non-numeric values, NaN), and plans the batches as index lists that the loop
 * gathers with `ops.take(x, indices, 0)`.
 */
import * as ops from '../ops/index.js';
import { type TensorLike, tensor } from '../tensor/create.js';
import { keep, tidy } from '../tensor/scope.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

/** Training data as `fit` accepts it: a Tensor, nested arrays of numbers, or a typed array (one value per sample). */
export type InputData = Tensor | TensorLike;

/** A tensor made from user data; `owned` when the loop created it and must free it. */
export interface AdaptedData {
  tensor: Tensor;
  owned: boolean;
}

/** `data` as a tensor (converted when it is arrays), checked for non-numeric values and NaN. */
export function adapt(data: InputData, what: 'x' | 'y'): AdaptedData {
  if (data instanceof Tensor) {
    data.handle; // throws clearly if disposed
    checkNoNaN(data, what);
    return { tensor: data, owned: false };
  }
  if (data === null || data === undefined || (typeof data !== 'object' && typeof data !== 'number')) {
    throw new ValueError(`Unrecognized data type: ${what}=${String(data)} (of type ${typeof data}). Expected a Tensor, nested arrays of numbers or a typed array.`);
  }
  let t: Tensor;
  try {
    t = keep(tensor(data));
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`Invalid values in ${what}: ${e.message}`);
    throw e;
  }
  try {
    checkNoNaN(t, what);
  } catch (e) {
    t.dispose();
    throw e;
  }
  return { tensor: t, owned: true };
}

/** Frees what `adapt` created. */
export function release(...data: (AdaptedData | undefined)[]): void {
  for (const d of data) if (d?.owned) d.tensor.dispose();
}

/** Keras's check that inputs and targets hold as many samples. */
export function checkSameSamples(x: Tensor, y: Tensor): void {
  const nx = numSamples(x, 'x');
  const ny = numSamples(y, 'y');
  if (nx !== ny) {
    throw new ValueError(`Input arrays should have the same number of samples as target arrays. Found ${nx} input samples and ${ny} target samples.`);
  }
}

/** The length of the first (batch) axis. */
export function numSamples(t: Tensor, what: string): number {
  if (t.rank === 0) throw new ValueError(`${what} must have a batch dimension, received a scalar`);
  return t.shape[0]!;
}

/** Throws if a float tensor holds NaN, naming the first sample that does (the scan runs in wasm). */
function checkNoNaN(t: Tensor, what: string): void {
  if (t.dtype !== 'float32' || t.size === 0) return;
  const firstNaN = tidy(() => {
    // NaN is the only value not equal to itself.
    const isNumber = ops.cast(ops.equal(t, t), 'float32');
    if (ops.min(isNumber).dataSync()[0] !== 0) return -1;
    return ops.argmin(ops.reshape(isNumber, [t.size]), null).dataSync()[0]!;
  });
  if (firstNaN >= 0) {
    const perSample = t.rank === 0 ? 1 : t.size / t.shape[0]!;
    throw new ValueError(`${what} contains NaN values (the first in sample ${Math.floor(firstNaN / perSample)}). Clean or impute the data before training.`);
  }
}

/** Keras's `validation_split`: the last `fraction` of the samples (taken before any shuffling) validate. */
export function splitAt(n: number, fraction: number): number {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new ValueError(`\`validation_split\` must be a float between 0 and 1 (exclusive of 1). Received: validation_split=${fraction}`);
  }
  const at = Math.floor(n * (1 - fraction));
  if (fraction > 0 && (at === 0 || at === n)) {
    throw new ValueError(
      `Training data contains ${at} samples, which is not sufficient to split it into a validation and training set as specified by \`validation_split=${fraction}\`. Either provide more data, or a different value for the \`validation_split\` argument.`,
    );
  }
  return at;
}

/** The batches of one epoch over samples `[start, end)`: index lists of `batchSize` (the last may be shorter), shuffled if asked. */
export function planBatches(start: number, end: number, batchSize: number, shuffle: boolean, random: () => number = Math.random): Int32Array[] {
  const order = Int32Array.from({ length: end - start }, (_, i) => start + i);
  if (shuffle) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  const batches: Int32Array[] = [];
  for (let b = 0; b < order.length; b += batchSize) batches.push(order.subarray(b, Math.min(b + batchSize, order.length)));
  return batches;
}

/** Rows `indices` of `t`, gathered in wasm. */
export function gather(t: Tensor, indices: Int32Array): Tensor {
  return ops.take(t, tensor(indices, [indices.length], 'int32'), 0);
}

/** Keras's check of `batch_size`. */
export function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ValueError(`\`batch_size\` must be a positive integer. Received: batch_size=${batchSize}`);
  return batchSize;
}
