/**
 * Layer assets in a `.keras` archive (engine/layer_saved_state.ts): each layer that has them gets
 * the directory `assets/<its path>/`, its path being the one of its variables in
 * `model.weights.h5` (saveable_tree.ts), as Keras's `save_assets(dir_path)` / `load_assets`.
 */
import { type AssetDirectory, hasAssets } from '../engine/layer_saved_state.js';
import type { Model } from '../models/model.js';
import { saveableNodes } from './saveable_tree.js';

const ROOT = 'assets';

/** The archive entries (`assets/<path>/<file>`) of every layer of `model` that has assets. */
export function assetEntries(model: Model): [string, Uint8Array][] {
  const entries: [string, Uint8Array][] = [];
  for (const node of saveableNodes(model)) {
    if (!hasAssets(node.layer)) continue;
    const dir: AssetDirectory = new Map();
    node.layer.saveAssets(dir);
    for (const [name, bytes] of dir) entries.push([`${assetPath(node.path)}/${name}`, bytes]);
  }
  return entries;
}

/** Hands every layer of `model` that has assets its directory, read from the archive's `names` with `read`. */
export async function loadAssetEntries(model: Model, names: readonly string[], read: (name: string) => Promise<Uint8Array | undefined>): Promise<void> {
  for (const node of saveableNodes(model)) {
    if (!hasAssets(node.layer)) continue;
    const prefix = `${assetPath(node.path)}/`;
    const dir: AssetDirectory = new Map();
    for (const name of names) {
      const file = name.slice(prefix.length);
      if (!name.startsWith(prefix) || file === '' || file.includes('/')) continue;
      const bytes = await read(name);
      if (bytes) dir.set(file, bytes);
    }
    node.layer.loadAssets(dir);
  }
}

function assetPath(path: string): string {
  return path === '' ? ROOT : `${ROOT}/${path}`;
}
