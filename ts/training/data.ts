/**
 * The data adapter of `fit` / `evaluate` / `predict`: turns user arrays into tensors, checks them
 * (sample counts, non-numeric values, NaN), and plans the batches as index lists that the loop
 * gathers with `ops.take(x, indices, 0)`.
 */
import * as ops from '../ops/index.js';
import { tensor } from '../tensor/create.js';
import { gatherStrings } from '../tensor/strings.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { globalRandom } from '../utils/random.js';
import { type AdaptedData, adapt } from './adapt.js';
import { type ClassWeight, type OutputWeights, adaptSampleWeights } from './sample_weight.js';
import { type ArrayData, type InputData, type ModelStructure, flattenInputs, flattenTargets } from './structure.js';

export type { ArrayData, InputData } from './structure.js';
export { type AdaptedData, adapt, release } from './adapt.js';

/** Inputs, targets and sample weights matched to the model's inputs and outputs, as tensors, with their common number of samples. */
export interface AdaptedPair {
  x: Tensor[];
  y: Tensor[];
  /** One weight tensor per output (null: unweighted), or null when no weights were given. */
  sampleWeight: OutputWeights | null;
  numSamples: number;
}

/** The weights a call may give: per-sample weights, or weights by class. */
export interface WeightArgs {
  sampleWeight?: InputData | null;
  classWeight?: ClassWeight | null;
}

/**
 * `x`, `y` and the sample weights as the user passed them (arrays, lists or dicts by name) as
 * tensors matched to the model's inputs and outputs, checked (structure, values, sample counts).
 * Converted tensors are pushed onto `owned` for the caller to free, also when a check fails.
 */
export function adaptPair(x: InputData, y: InputData, model: ModelStructure, owned: AdaptedData[], weights: WeightArgs = {}): AdaptedPair {
  const xs = adaptAll(flattenInputs(x, model), 'x', owned);
  const ys = adaptAll(flattenTargets(y, model), 'y', owned);
  const sampleWeight = adaptSampleWeights(weights.sampleWeight, weights.classWeight, ys, model, owned);
  return { x: xs, y: ys, sampleWeight, numSamples: checkCardinality(xs, ys, sampleWeight) };
}

/**
 * Each array of `data` as a tensor, pushed onto `owned` (so the caller frees what was converted
 * even if a later array fails); `what` names them in errors (`x`, or `x[1]` when there are several).
 */
export function adaptAll(data: readonly ArrayData[], what: 'x' | 'y', owned: AdaptedData[]): Tensor[] {
  return data.map((d, i) => {
    const adapted = adapt(d, data.length === 1 ? what : `${what}[${i}]`, what === 'y');
    owned.push(adapted);
    return adapted.tensor;
  });
}

/** Keras's check that every input, target and sample-weight array holds as many samples; returns that number. */
export function checkCardinality(x: readonly Tensor[], y: readonly Tensor[], sampleWeight: readonly (Tensor | null)[] | null = null): number {
  const sizes = (list: readonly Tensor[], what: string) => list.map((t, i) => numSamples(t, list.length === 1 ? what : `${what}[${i}]`));
  const xs = sizes(x, 'x');
  const ys = sizes(y, 'y');
  const ws = sampleWeight ? sizes(sampleWeight.filter((w): w is Tensor => w !== null), 'sample_weight') : [];
  if (new Set([...xs, ...ys, ...ws]).size > 1) {
    // Keras's message, word for word (it has no separator after "samples.").
    const weightSizes = sampleWeight ? `'sample_weight' sizes: ${ws.join(', ')}\n` : '';
    throw new ValueError(`Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: ${xs.join(', ')}\n'y' sizes: ${ys.join(', ')}\n${weightSizes}`);
  }
  return xs[0]!;
}

/**
 * tf.keras 2's check that there is something to train on, evaluate or predict (Keras 3.15.1 has
 * none: on JAX it fails with a bare `StopIteration`, on TensorFlow `fit` returns an empty History).
 * `what` names the data: `x`, or `validation_data`.
 */
export function checkNonEmpty(numSamples: number, what: string): void {
  if (numSamples === 0) throw new ValueError(`Expected input data to be non-empty. Received 0 samples in \`${what}\`.`);
}

/** The length of the first (batch) axis. */
export function numSamples(t: Tensor, what: string): number {
  if (t.rank === 0) throw new ValueError(`${what} must have a batch dimension, received a scalar`);
  return t.shape[0]!;
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

/**
 * The batches of one epoch over samples `[start, end)`: index lists of `batchSize` (the last may be
 * shorter), shuffled if asked (by default from the global source, which `setRandomSeed` seeds):
 * `true` shuffles all the samples, `'batch'` only the samples inside each batch, the batches
 * staying in order, as Keras 3's array adapter does.
 */
export function planBatches(start: number, end: number, batchSize: number, shuffle: boolean | 'batch', random: () => number = globalRandom): Int32Array[] {
  const order = Int32Array.from({ length: end - start }, (_, i) => start + i);
  if (shuffle === true) shuffleInPlace(order, random);
  const batches: Int32Array[] = [];
  for (let b = 0; b < order.length; b += batchSize) batches.push(order.subarray(b, Math.min(b + batchSize, order.length)));
  if (shuffle === 'batch') for (const batch of batches) shuffleInPlace(batch, random);
  return batches;
}

/** Fisher-Yates shuffle of `order`. */
function shuffleInPlace(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
}

/** Rows `indices` of `t`, gathered in wasm (string tensors in JavaScript). */
export function gather(t: Tensor, indices: Int32Array): Tensor {
  if (t.dtype === 'string') return gatherStrings(t, indices);
  return ops.take(t, tensor(indices, [indices.length], 'int32'), 0);
}

/** Rows `indices` of every tensor of `list` (one index upload for all), or the tensors themselves when `indices` is null. */
export function gatherAll<T extends Tensor | null>(list: readonly T[], indices: Int32Array | null): T[] {
  if (!indices) return [...list];
  if (list.length === 1) return [list[0] && gather(list[0], indices)] as T[];
  let idx: Tensor | null = null;
  const rows = (t: Tensor): Tensor => {
    if (t.dtype === 'string') return gatherStrings(t, indices);
    idx ??= tensor(indices, [indices.length], 'int32');
    return ops.take(t, idx, 0);
  };
  return list.map((t) => t && rows(t)) as T[];
}

/** Keras's check of `batch_size`. */
export function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ValueError(`\`batch_size\` must be a positive integer. Received: batch_size=${batchSize}`);
  return batchSize;
}
