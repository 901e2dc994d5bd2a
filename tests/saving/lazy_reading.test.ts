import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Input, Sequential, layers, loadModel, memory, saveModel, saveWeights, tensor } from '../../ts/index.js';
import type { Model } from '../../ts/index.js';
import { ValueError } from '../../ts/utils/errors.js';
import { dumpH5, openH5File, readDatasetInto } from '../../ts/saving/h5_dump.js';
import { readH5 } from '../../ts/saving/h5_file.js';
import { datasetAt, readDataset } from '../../ts/saving/h5_tree.js';
import type { H5DatasetNode, H5GroupNode } from '../../ts/saving/h5_tree.js';
import type { RangeReader } from '../../ts/saving/source.js';
import { openZip } from '../../ts/saving/zip_archive.js';

/** The file's bytes as the HDF5 file node reads them, counting how many it hands to libhdf5. */
function countingSource(bytes: Uint8Array) {
  const source = {
    size: bytes.length,
    read: 0,
    readRange(into: Uint8Array, at: number): number {
      into.set(bytes.subarray(at, at + into.length));
      source.read += into.length;
      return into.length;
    },
  };
  return source;
}

/** 1000 → 1100 → 10: a 4.4 MB kernel (read in blocks of rows that do not divide it evenly), a 44 KB one, and biases. */
function wideNet(): Sequential {
  return new Sequential([Input({ shape: [1000] }), new layers.Dense(1100, { name: 'wide' }), new layers.Dense(10, { name: 'out' })]);
}

async function h5wasm() {
  const { default: h5 } = await import('h5wasm');
  const module = await h5.ready;
  module.activate_throwing_error_handler();
  return { h5, module };
}

/** Whether two arrays hold the same bytes (faster than comparing a million elements one by one). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const dir = mkdtempSync(join(tmpdir(), 'kerasm-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KERNEL_BYTES = 1000 * 1100 * 4;

describe('reading an HDF5 file in place', () => {
  it('opening and walking the file reads only its metadata, and each dataset reads about its own bytes', async () => {
    const model = wideNet();
    const bytes = countingSource(await saveWeights(model));
    const { h5, module } = await h5wasm();
    const opened = openH5File(h5, module.FS, { size: bytes.size, read: bytes.readRange }, '/lazy_reading_test.h5');
    if ('error' in opened) throw new Error(opened.error);
    try {
      const result = dumpH5(opened.file, bytes.size, { maxObjects: 1000, maxDepth: 16, eagerBytes: 1024, maxAttributeBytes: 1024 * 1024 });
      if ('error' in result) throw new Error(result.error);
      // The walk reads headers, heaps and trees: a few kilobytes of a 4.5 MB file.
      expect(bytes.read).toBeLessThan(64 * 1024);
      const kernel = datasetAt(result.tree, 'layers/dense/vars/0') as H5DatasetNode;
      expect(kernel.shape).toEqual([1000, 1100]);
      expect(kernel.data).toBeNull();
      expect(kernel.elements).toBe('Float32Array');
      // Small datasets (here the last bias) come with the tree.
      expect(datasetAt(result.tree, 'layers/dense_1/vars/1')?.data).toHaveLength(10);

      const before = bytes.read;
      const into = new Uint8Array(KERNEL_BYTES);
      expect(readDatasetInto(module, opened.file, kernel.path, into)).toEqual({ bytes: KERNEL_BYTES });
      // Contiguous data is read once; libhdf5 may read a little around it.
      expect(bytes.read - before).toBeGreaterThanOrEqual(KERNEL_BYTES);
      expect(bytes.read - before).toBeLessThan(KERNEL_BYTES + 64 * 1024);
      expect(sameBytes(into, model.layers[0]!.weights[0]!.value.dataSync())).toBe(true);
    } finally {
      opened.close();
      model.dispose();
    }
  });

  it('datasets are read one at a time on demand, and not after the file is closed', async () => {
    const model = wideNet();
    const kernels = model.layers.map((l) => l.weights[0]!.value.dataSync());
    const file = await saveWeights(model);
    let tree: H5GroupNode | null = null;
    const read = await readH5(file, 'lazy.weights.h5', (root) => {
      tree = root;
      const wide = readDataset(datasetAt(root, 'layers/dense/vars/0')!, 'wide');
      const out = readDataset(datasetAt(root, 'layers/dense_1/vars/0')!, 'out');
      // Each read gives its own values (the buffer is reused, so copy before the next read).
      const first = (wide.values() as Float32Array).slice();
      return [first, out.values()];
    });
    read.forEach((values, i) => expect(sameBytes(values, kernels[i]!)).toBe(true));
    const kernel = readDataset(datasetAt(tree!, 'layers/dense/vars/0')!, 'wide');
    expect(() => kernel.values()).toThrow("lazy.weights.h5: dataset '/layers/dense/vars/0' was not read: the file is closed.");
    model.dispose();
  });

  it('loadWeights restores every value from bytes and from a path read in place, and leaves no tensor behind', async () => {
    const source = wideNet();
    const path = join(dir, 'wide.weights.h5');
    await source.saveWeights(path);
    for (const from of [readFileSync(path), path]) {
      const target: Model = wideNet();
      const before = memory().numTensors;
      await target.loadWeights(from);
      expect(memory().numTensors).toBe(before);
      target.weights.forEach((w, i) => expect(sameBytes(w.value.dataSync(), source.weights[i]!.value.dataSync())).toBe(true));
      target.dispose();
    }
    source.dispose();
  });
});

/** A range reader over `bytes`, as a file read by ranges, counting the bytes it returns. */
function countingRanges(bytes: Uint8Array): RangeReader & { read: RangeReader['read']; count: number } {
  const file = {
    size: bytes.length,
    count: 0,
    read: async (at: number, length: number) => {
      const range = bytes.slice(at, Math.min(at + length, bytes.length));
      file.count += range.length;
      return range;
    },
  };
  return file;
}

describe('reading a .keras archive from a path in place', () => {
  it('the zip reader reads the directory and config.json only, and checks the weights entry in place a chunk at a time', async () => {
    const model = wideNet();
    const archive = await saveModel(model);
    model.dispose();
    const file = countingRanges(archive);
    const zip = await openZip(file, 'test');
    const config = await zip.read('config.json', 1 << 20);
    expect(JSON.parse(new TextDecoder().decode(config))).toMatchObject({ class_name: 'Sequential' });
    expect(file.count).toBeLessThan(80 * 1024);
    expect(archive.length).toBeGreaterThan(KERNEL_BYTES);
    // The range is the entry's bytes, and the CRC check reads them once.
    const before = file.count;
    const range = (await zip.storedRange('model.weights.h5', 1 << 30))!;
    expect(range.size).toBeGreaterThan(KERNEL_BYTES);
    expect(file.count - before).toBeLessThan(range.size + 1024);
    expect(archive.subarray(range.offset, range.offset + 8)).toEqual(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]));
    const flipped = archive.slice();
    flipped[range.offset + range.size - 100]! ^= 0xff;
    const corrupt = await openZip(countingRanges(flipped), 'test');
    await expect(corrupt.storedRange('model.weights.h5', 1 << 30)).rejects.toThrow("test: zip entry 'model.weights.h5' is corrupt (CRC mismatch).");
  });

  it('loadModel of a path predicts as the model loaded from bytes, and leaves no tensor behind', async () => {
    const model = wideNet();
    const path = join(dir, 'wide.keras');
    await model.save(path);
    const x = tensor(Float32Array.from({ length: 2 * 1000 }, (_, i) => Math.sin(i)), [2, 1000]);
    const before = memory().numTensors;
    const fromPath = await loadModel(path);
    const fromBytes = await loadModel(readFileSync(path));
    const [a, b, saved] = [fromPath, fromBytes, model].map((m) => m.predict(x)).map((y) => (Array.isArray(y) ? y[0]! : y));
    expect(sameBytes(a!.dataSync(), b!.dataSync())).toBe(true);
    expect(sameBytes(a!.dataSync(), saved!.dataSync())).toBe(true);
    [a!, b!, saved!, fromPath, fromBytes].forEach((t) => t.dispose());
    expect(memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('a corrupt central directory, a truncated file or a corrupt weights entry at a path is a ValueError', async () => {
    const model = wideNet();
    const archive = await saveModel(model);
    model.dispose();
    const write = (name: string, bytes: Uint8Array) => (writeFileSync(join(dir, name), bytes), join(dir, name));
    const directoryAt = archive.length - 22 - 3 * 46 - 'metadata.json'.length - 'config.json'.length - 'model.weights.h5'.length;
    const corrupt = archive.slice();
    corrupt[directoryAt]! ^= 0xff;
    await expect(loadModel(write('directory.keras', corrupt))).rejects.toThrow(`loadModel('${join(dir, 'directory.keras')}'): the zip archive's central directory is corrupt.`);
    await expect(loadModel(write('truncated.keras', archive.slice(0, archive.length - 30)))).rejects.toThrow(/no end-of-central-directory record; the file may be truncated/);
    await expect(loadModel(write('short.keras', archive.slice(0, 200)))).rejects.toThrow(ValueError);
    const flipped = archive.slice();
    flipped[archive.length >> 1]! ^= 0xff;
    await expect(loadModel(write('flipped.keras', flipped))).rejects.toThrow(/zip entry 'model.weights.h5' is corrupt \(CRC mismatch\)/);
  });
});
