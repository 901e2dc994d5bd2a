/**
 * `splitDataset`, as `keras.utils.split_dataset`: the samples of arrays or of a `Dataset`, split
 * into a left and a right `Dataset` (optionally shuffled first), with Keras's size rules.
 */
import { ValueError } from '../utils/errors.js';
import { Random } from '../utils/random.js';
import { type ArrayStructure, sliceRows } from './columns.js';
import { Dataset, type ElementKind } from './dataset.js';

/** The options of {@link splitDataset}. */
export interface SplitDatasetOptions {
  /** A fraction in (0, 1) of the samples, or (an integer) their number, for the left split. Default: the rest of `rightSize`. */
  leftSize?: number | null;
  /** A fraction in (0, 1) of the samples, or (an integer) their number, for the right split. Default: the rest of `leftSize`. */
  rightSize?: number | null;
  /** Shuffle the samples before splitting. Default false. */
  shuffle?: boolean;
  /** Seed of the shuffling. Default null: drawn from the global source (`setRandomSeed`). */
  seed?: number | null;
}

/**
 * `[left, right]`: the first `leftSize` samples and the last `rightSize`. Arrays (one, a list or a
 * dict, as `Dataset.fromArrays` takes) are split at once; a `Dataset` is read whole first, hence
 * the promise, and split element by element (split it before `batch`, then batch each side).
 *
 * @example
 * const [train, test] = utils.splitDataset([x, y], { leftSize: 0.8 });
 */
export function splitDataset(dataset: ArrayStructure, options: SplitDatasetOptions): [Dataset, Dataset];
export function splitDataset(dataset: Dataset, options: SplitDatasetOptions): Promise<[Dataset, Dataset]>;
export function splitDataset(dataset: ArrayStructure | Dataset, options: SplitDatasetOptions): [Dataset, Dataset] | Promise<[Dataset, Dataset]> {
  const leftSize = options.leftSize ?? null;
  const rightSize = options.rightSize ?? null;
  if (leftSize === null && rightSize === null) {
    throw new ValueError('At least one of the `left_size` or `right_size` must be specified. Received: left_size=None and right_size=None');
  }
  if (dataset instanceof Dataset) return readAll(dataset).then((elements) => split(elements, dataset.elementKind, options));
  const { rows, kind, element } = sliceRows(dataset);
  return split(Array.from({ length: rows }, (_, i) => element(i)), kind, options);
}

async function readAll(dataset: Dataset): Promise<unknown[]> {
  if (dataset.cardinality() === -1) throw new ValueError('splitDataset: the dataset is endless (cardinality -1); take a finite part of it first.');
  const elements: unknown[] = [];
  for await (const element of dataset) elements.push(element);
  return elements;
}

function split(elements: unknown[], kind: ElementKind, options: SplitDatasetOptions): [Dataset, Dataset] {
  const [left, right] = splitSizes(options.leftSize ?? null, options.rightSize ?? null, elements.length);
  if (options.shuffle) shuffleInPlace(elements, new Random(options.seed ?? null));
  return [Dataset.fromElements(elements.slice(0, left), kind), Dataset.fromElements(elements.slice(elements.length - right), kind)];
}

/**
 * Keras's `_rescale_dataset_split_sizes`: an integer is a number of samples, any other number a
 * fraction (JavaScript has one number type: `1` is a count, `0.5` a fraction).
 */
export function splitSizes(leftSize: number | null, rightSize: number | null, total: number): [number, number] {
  if (leftSize === 0 && rightSize === 0) throw new ValueError('Both `left_size` and `right_size` are zero. At least one of the split sizes must be non-zero.');
  if (leftSize !== null && (Number.isInteger(leftSize) ? leftSize <= 0 || leftSize >= total : leftSize <= 0 || leftSize >= 1)) {
    throw new ValueError(`\`left_size\` should be either a positive integer smaller than ${total}, or a float within the range \`[0, 1]\`. Received: left_size=${leftSize}`);
  }
  if (rightSize !== null && (Number.isInteger(rightSize) ? rightSize <= 0 || rightSize >= total : rightSize <= 0 || rightSize >= 1)) {
    throw new ValueError(`\`right_size\` should be either a positive integer and smaller than ${total} or a float within the range \`[0, 1]\`. Received: right_size=${rightSize}`);
  }
  const isFraction = (v: number | null) => v !== null && !Number.isInteger(v);
  if (isFraction(leftSize) && isFraction(rightSize) && leftSize! + rightSize! > 1) {
    throw new ValueError('The sum of `left_size` and `right_size` is greater than 1. It must be less than or equal to 1.');
  }
  const count = (v: number | null) => (v === null ? null : isFraction(v) ? pythonRound(v * total) : v);
  let left = count(leftSize);
  let right = count(rightSize);
  left ??= total - right!;
  right ??= total - left;
  if (left + right > total) {
    throw new ValueError(`The sum of \`left_size\` and \`right_size\` should be smaller than the ${total}. Received: left_size + right_size = ${left + right}and total_length = ${total}`);
  }
  for (const [size, side] of [[left, 'left'], [right, 'right']] as const) {
    if (size === 0) {
      throw new ValueError(`With \`dataset\` of length=${total}, \`left_size\`=${left} and \`right_size\`=${right}.Resulting ${side} side dataset split will be empty. Adjust any of the aforementioned parameters`);
    }
  }
  return [left, right];
}

/** Python's `round`: halves to even. */
function pythonRound(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff !== 0.5) return Math.round(v);
  return floor % 2 === 0 ? floor : floor + 1;
}

function shuffleInPlace(items: unknown[], random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
