/**
 * Labels as Keras's directory loaders yield them (`labels_to_dataset_tf`): `'int'` as int32
 * class indices, `'binary'` as float32 0/1 with a trailing axis of 1, `'categorical'` as float32
 * one-hot rows (a label outside the classes is a row of zeros, as `tf.one_hot`).
 */
import { tensor } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';

export type LabelMode = 'int' | 'categorical' | 'binary';

/** The labels of one batch (`batched`) or of one sample (`labels` holds one value). */
export function labelsTensor(labels: readonly number[], mode: LabelMode, numClasses: number, batched: boolean): Tensor {
  const rows = batched ? [labels.length] : [];
  if (mode === 'int') return tensor(Int32Array.from(labels), rows, 'int32');
  if (mode === 'binary') return tensor(Float32Array.from(labels), [...rows, 1], 'float32');
  const oneHot = new Float32Array(labels.length * numClasses);
  labels.forEach((label, i) => {
    if (label >= 0 && label < numClasses) oneHot[i * numClasses + label] = 1;
  });
  return tensor(oneHot, [...rows, numClasses], 'float32');
}
