/**
 * Reads a whole HDF5 file with h5wasm into the plain tree of `h5_tree.ts`, bounding what it
 * allocates: every dataset must fit in the file's bytes (contiguous data lives in it), and the
 * number of objects and the depth are capped, so a corrupt file cannot make it allocate gigabytes
 * or recurse through a cycle of hard links.
 *
 * The function is self-contained (no imports, no outer names): the worker in `h5_reader.ts`
 * embeds its source text, so the same code runs on the main thread and in the worker.
 */
import type { H5GroupNode } from './h5_tree.js';

/** Limits of one read. */
export interface DumpLimits {
  maxObjects: number;
  maxDepth: number;
}

/** A file read, or the message of why it could not be. */
export type DumpResult = { tree: H5GroupNode } | { error: string };

// h5wasm's objects are typed `any`: the source must also run as plain JavaScript in the worker.
export function dumpH5(h5: any, fs: any, bytes: Uint8Array, path: string, limits: DumpLimits): DumpResult {
  const INTEGER = 0;
  const FLOAT = 1;
  const STRING = 3;
  let objects = 0;
  const fail = (message: string): never => {
    throw new Error(message);
  };
  const attributes = (obj: any): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(obj.attrs)) {
      const attr = obj.attrs[name];
      const meta = attr.metadata;
      if (meta.type !== INTEGER && meta.type !== FLOAT && meta.type !== STRING) continue;
      if ((meta.total_size ?? 1) * meta.size > bytes.length) fail(`attribute '${name}' of '${obj.path}' is larger than the file`);
      out[name] = attr.value;
    }
    return out;
  };
  const dataset = (obj: any): unknown => {
    const meta = obj.metadata;
    const shape: number[] = obj.shape ?? [];
    if (meta.type !== INTEGER && meta.type !== FLOAT) fail(`dataset '${obj.path}' is not numeric`);
    if (![1, 2, 4, 8].includes(meta.size)) fail(`dataset '${obj.path}' has ${meta.size}-byte elements`);
    if (meta.type === FLOAT && meta.size === 2) fail(`dataset '${obj.path}' holds float16 values, which kerasm does not read yet`);
    const count = shape.reduce((a: number, b: number) => a * b, 1);
    if (!shape.every((d: number) => Number.isSafeInteger(d) && d >= 0) || count * meta.size > bytes.length) {
      fail(`dataset '${obj.path}' claims shape [${shape.join(', ')}] of ${meta.size}-byte values, more than the file's ${bytes.length} bytes hold`);
    }
    const raw = obj.value;
    const data = ArrayBuffer.isView(raw) ? raw : typeof raw === 'bigint' ? BigInt64Array.of(raw) : typeof raw === 'number' ? Float64Array.of(raw) : fail(`dataset '${obj.path}' could not be read as numbers`);
    return { type: 'Dataset', path: obj.path, attrs: attributes(obj), shape, data };
  };
  const visit = (obj: any, depth: number): any => {
    if (++objects > limits.maxObjects) fail(`more than ${limits.maxObjects} objects`);
    if (depth > limits.maxDepth) fail(`groups nested deeper than ${limits.maxDepth} levels`);
    if (obj.type === 'Dataset') return dataset(obj);
    const children: Record<string, unknown> = {};
    for (const name of obj.keys()) {
      const child = obj.get(name);
      if (child && (child.type === 'Group' || child.type === 'Dataset')) children[name] = visit(child, depth + 1);
    }
    return { type: 'Group', path: obj.path, attrs: attributes(obj), children };
  };
  fs.writeFile(path, bytes);
  let file: any = null;
  try {
    try {
      file = new h5.File(path, 'r');
    } catch (e) {
      return { error: `not a readable HDF5 file (${String((e as Error)?.message ?? e)})` };
    }
    return { tree: visit(file, 0) };
  } catch (e) {
    return { error: `the HDF5 file is corrupt or unsupported (${String((e as Error)?.message ?? e)})` };
  } finally {
    try {
      file?.close();
    } catch {
      // A file that failed halfway: nothing more to release.
    }
    fs.unlink(path);
  }
}
