/**
 * Values a layer stores under names of its own in its `vars` group of a Keras 3 weights file,
 * instead of its variables as `0`, `1`, …: Keras's overridden `save_own_variables` /
 * `load_own_variables`, as a lookup layer's `idf_weights` (a float vector, not a Keras variable).
 */
import type { Layer } from '../engine/layer.js';

/** A layer with named values: what it saves, and how it takes them back once the whole file is read and checked. */
export interface LayerWithOwnValues {
  savedValues(): Map<string, Float32Array>;
  loadValues(values: Map<string, Float32Array>): void;
}

export function hasOwnValues(layer: Layer): layer is Layer & LayerWithOwnValues {
  const candidate = layer as Partial<LayerWithOwnValues>;
  return typeof candidate.savedValues === 'function' && typeof candidate.loadValues === 'function';
}
