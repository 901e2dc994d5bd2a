/**
 * What a layer may keep in a saved `.keras` model besides its variables, as Keras's optional
 * layer methods: files in its asset directory (`save_assets` / `load_assets`: a lookup layer's
 * `vocabulary.txt`), and values under names of its own in its `vars` group of the weights file
 * instead of its variables as `0`, `1`, … (an overridden `save_own_variables` /
 * `load_own_variables`: a lookup layer's `idf_weights`). ts/saving finds layers that have them.
 */
import type { Layer } from './layer.js';

/** A layer's asset directory: its files' names (without the directory) and bytes, in memory (Node and browsers alike). */
export type AssetDirectory = Map<string, Uint8Array>;

/** A layer with assets: `saveAssets` fills the empty directory; `loadAssets` reads it, after the variables are loaded. */
export interface LayerWithAssets {
  saveAssets(dir: AssetDirectory): void;
  loadAssets(dir: AssetDirectory): void;
}

/** A layer with named values: what it saves, and how it takes them back once the whole file is read and checked. */
export interface LayerWithOwnValues {
  savedValues(): Map<string, Float32Array>;
  loadValues(values: Map<string, Float32Array>): void;
}

export function hasAssets(layer: Layer): layer is Layer & LayerWithAssets {
  const candidate = layer as Partial<LayerWithAssets>;
  return typeof candidate.saveAssets === 'function' && typeof candidate.loadAssets === 'function';
}

export function hasOwnValues(layer: Layer): layer is Layer & LayerWithOwnValues {
  const candidate = layer as Partial<LayerWithOwnValues>;
  return typeof candidate.savedValues === 'function' && typeof candidate.loadValues === 'function';
}
