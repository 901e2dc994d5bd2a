/**
 * How large each part of a saved file may be, decided before any of it is read, so a file cannot
 * make kerasm allocate more than the model it holds needs: `config.json` by a fixed cap, and the
 * weights by what the model's variables imply (the model is built from the config first).
 */
import type { Model } from '../models/model.js';
import { saveableNodes } from './saveable_tree.js';

/** A config (`config.json`, or a legacy `.h5`'s `model_config`) larger than this is refused before it is read; Keras's largest applications' configs are under 1 MiB. */
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/** One asset file of a layer (a lookup layer's `vocabulary.txt`) larger than this is refused before it is read. */
export const MAX_ASSET_BYTES = 256 * 1024 * 1024;

/** Bytes of one stored value at most: float64 and int64. */
const VALUE_BYTES = 8;
/** Values stored per element of a variable at most: its own, and three optimizer slots (Adam with `amsgrad`: m, v, v_hat). */
const STORED_COPIES = 4;
/**
 * HDF5's structures around each group (one per layer) and each dataset (one per stored variable):
 * object headers, local heaps, B-tree nodes. kerasm's files take about 3.2 KiB per layer with its
 * variables; h5py's are alike. A generous 16 KiB each.
 */
const HDF5_BYTES_PER_OBJECT = 16 * 1024;
/** HDF5's fixed structures (superblock, root group) and the optimizer's, metrics' and other small groups Keras writes. */
const HDF5_BASE_BYTES = 16 * 1024 * 1024;

/**
 * The most bytes a weights file for `model` may take: every variable stored once in 8-byte values
 * with three optimizer slots beside it, plus HDF5's structures. A larger weights entry in a
 * `.keras` archive is refused before it is read.
 */
export function weightsLimit(model: Model): number {
  const variables = model.weights;
  const values = variables.reduce((sum, v) => sum + v.shape.reduce((a, b) => a * b, 1), 0);
  const objects = saveableNodes(model).length + STORED_COPIES * variables.length;
  return STORED_COPIES * VALUE_BYTES * values + HDF5_BYTES_PER_OBJECT * objects + HDF5_BASE_BYTES;
}
