/**
 * `timeseriesDatasetFromArray`, as `keras.utils.timeseries_dataset_from_array`: sliding windows
 * over the rows of a timeseries (and, with targets, the target at each window's start), as a
 * `Dataset` of batches.
 */
import type { NestedArray, Tensor, TypedArray } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { Random } from '../utils/random.js';
import { sliceRows } from './columns.js';
import { Dataset } from './dataset.js';

/** The options of {@link timeseriesDatasetFromArray}, as Keras's arguments. */
export interface TimeseriesOptions {
  /** Period between the starts of two windows (in rows). Default 1. */
  sequenceStride?: number;
  /** Period between two rows of a window. Default 1. */
  samplingRate?: number;
  /** Windows per batch. Default 128; null for unbatched windows. */
  batchSize?: number | null;
  /** Shuffle the windows. Default false. */
  shuffle?: boolean;
  /** Seed of the shuffling. Default null: drawn from the global source (`setRandomSeed`). */
  seed?: number | null;
  /** The first row used. Default null (0). */
  startIndex?: number | null;
  /** The row after the last one used. Default null (the data's length). */
  endIndex?: number | null;
}

type Series = Tensor | TypedArray | NestedArray[];

/**
 * Windows of `sequenceLength` rows of `data`, the `i`-th starting at row
 * `startIndex + i * sequenceStride`; with `targets`, elements are `[window, targets[start]]`.
 *
 * @example
 * const ds = utils.timeseriesDatasetFromArray(x, y, 10, { batchSize: 32 });
 */
export function timeseriesDatasetFromArray(data: Series, targets: Series | null, sequenceLength: number, options: TimeseriesOptions = {}): Dataset {
  const { sequenceStride = 1, samplingRate = 1, batchSize = 128, shuffle = false, seed = null } = options;
  const rows = sliceRows(data);
  const length = rows.rows;
  const startIndex = options.startIndex ?? null;
  const endIndex = options.endIndex ?? null;
  checkIndices(startIndex, endIndex, length);
  checkStride(samplingRate, 'sampling_rate', length);
  checkStride(sequenceStride, 'sequence_stride', length);
  const targetRows = targets === null ? null : sliceRows(targets);
  const start = startIndex ?? 0;
  const end = endIndex ?? length;
  let numSeqs = end - start - (sequenceLength - 1) * samplingRate;
  if (targetRows) numSeqs = Math.min(numSeqs, targetRows.rows);
  const positions: number[] = [];
  for (let p = 0; p < numSeqs; p += sequenceStride) positions.push(p);
  const random = new Random(seed);
  if (shuffle) shuffleInPlace(positions, random);

  const window = (p: number): NestedArray[] => Array.from({ length: sequenceLength }, (_, k) => plain(rows.element(start + p + k * samplingRate)));
  const element = (p: number): unknown => (targetRows ? [window(p), plain(targetRows.element(start + p))] : window(p));
  let dataset = Dataset.fromGenerator(() => positions.map(element).values(), targetRows ? 'list' : 'leaf');
  // Keras shuffles the start positions, then locally again at each iteration.
  if (shuffle) dataset = dataset.shuffle(batchSize === null ? 1024 : batchSize * 8, { seed: Math.floor(random.next() * 2 ** 31) });
  return batchSize === null ? dataset : dataset.batch(batchSize);
}

/** A row as nested arrays (typed rows copied), so that windows stack into one tensor. */
function plain(row: unknown): NestedArray {
  return ArrayBuffer.isView(row) ? Array.from(row as TypedArray) : (row as NestedArray);
}

function checkIndices(startIndex: number | null, endIndex: number | null, length: number): void {
  if (startIndex) {
    if (startIndex < 0) throw new ValueError(`\`start_index\` must be 0 or greater. Received: start_index=${startIndex}`);
    if (startIndex >= length) throw new ValueError(`\`start_index\` must be lower than the length of the data. Received: start_index=${startIndex}, for data of length ${length}`);
  }
  if (endIndex) {
    if (startIndex && endIndex <= startIndex) {
      throw new ValueError(`\`end_index\` must be higher than \`start_index\`. Received: start_index=${startIndex}, and end_index=${endIndex} `);
    }
    if (endIndex >= length) throw new ValueError(`\`end_index\` must be lower than the length of the data. Received: end_index=${endIndex}, for data of length ${length}`);
    if (endIndex <= 0) throw new ValueError(`\`end_index\` must be higher than 0. Received: end_index=${endIndex}`);
  }
}

function checkStride(value: number, name: string, length: number): void {
  if (value <= 0) throw new ValueError(`\`${name}\` must be higher than 0. Received: ${name}=${value}`);
  if (value >= length) throw new ValueError(`\`${name}\` must be lower than the length of the data. Received: ${name}=${value}, for data of length ${length}`);
}

function shuffleInPlace(items: number[], random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
