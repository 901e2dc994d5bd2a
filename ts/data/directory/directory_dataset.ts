/**
 * The `Dataset` a directory loader returns: the files' order (shuffled again each epoch from a
 * buffer, as Keras's `ds.shuffle(buffer_size, seed=seed)`), cut into batches whose files are read
 * and decoded only when the batch is reached, so a directory larger than memory streams through.
 * Elements are `[x, y]`, or `x` alone without labels; with `batchSize` null, single samples.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { Dataset } from '../dataset.js';
import { labelsTensor, type LabelMode } from './labels.js';

/** Reads the samples of `files` (all at once: a batch, or one sample when `batched` is false). */
export type LoadSamples = (files: readonly string[], batched: boolean) => Promise<Tensor>;

export interface DatasetPlan {
  files: string[];
  labels: number[] | null;
  labelMode: LabelMode | null;
  numClasses: number;
  batchSize: number | null;
  /** Shuffle buffer and seed, or null to keep the files' order. */
  shuffle: { bufferSize: number; seed: number } | null;
  load: LoadSamples;
}

/** One element: the samples of some files, with their labels when the loader has any. */
export type DirectoryElement = Tensor | [Tensor, Tensor];

/** A loader's dataset, with the class names Keras attaches as `class_names`. */
export type DirectoryDataset = Dataset<DirectoryElement> & { readonly classNames: string[] | null };

export function directoryDataset(plan: DatasetPlan, classNames: string[] | null): DirectoryDataset {
  const indices = Dataset.fromElements(plan.files.map((_, i) => i), 'leaf');
  const order = plan.shuffle ? indices.shuffle(plan.shuffle.bufferSize, { seed: plan.shuffle.seed }) : indices;
  const groupSize = plan.batchSize ?? 1;
  const batched = plan.batchSize !== null;
  const element = async (group: number[]): Promise<DirectoryElement> => {
    const x = await plan.load(group.map((i) => plan.files[i]!), batched);
    if (plan.labels === null || plan.labelMode === null) return x;
    const labels = group.map((i) => plan.labels![i]!);
    return [x, labelsTensor(labels, plan.labelMode, plan.numClasses, batched)];
  };
  const dataset = Dataset.fromGenerator(async function* () {
    let group: number[] = [];
    for await (const index of order) {
      group.push(index);
      if (group.length === groupSize) {
        yield await element(group);
        group = [];
      }
    }
    if (group.length > 0) yield await element(group);
  }).prefetch(1);
  return Object.assign(dataset, { classNames });
}
