/**
 * The attacks of issue 16 on the readers, built in the test rather than committed: a directory
 * listing one entry thousands of times, overlapping entries, deflate bombs in `config.json` and in
 * `model.weights.h5` (declared truthfully or not), and HDF5 datasets larger than the model needs.
 * Each is refused quickly, with a ValueError naming the entry, before anything large is allocated.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Input, Sequential, layers, loadModel, memory, saveModel, saveWeights, tensor } from '../../ts/index.js';
import { dumpH5, openH5File } from '../../ts/saving/h5_dump.js';
import { readH5 } from '../../ts/saving/h5_file.js';
import { datasetAt, readDataset } from '../../ts/saving/h5_tree.js';
import { weightsLimit } from '../../ts/saving/size_limits.js';
import { deflateBomb, deflated, duplicateEntryBomb, rawZip, stored, zipEntries } from './zip_helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kerasm-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GiB = 2 ** 30;
const small = () => new Sequential([Input({ shape: [3] }), new layers.Dense(2)]);

/** `bytes` written to a file in the test's folder; its path. */
function asFile(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The entries of a small model's `.keras`, as they lie in the archive. */
async function smallArchiveEntries() {
  const model = small();
  const entries = (await zipEntries(await saveModel(model))).map(([name, data]) => stored(name, data));
  model.dispose();
  return entries;
}

/** The error `promise` rejects with, and how long it took (the readers before issue 16 took 22 s on a 3 GiB bomb, and for ever on the duplicates). */
async function refusal(promise: Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const start = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error: error as Error, ms: performance.now() - start };
  }
  throw new Error('expected a rejection');
}

describe('a zip directory that lists one local header many times', () => {
  it('config.json listed 4,000 times (the 342 KB CPU hang) is refused at once, from bytes and from a path', async () => {
    const bomb = duplicateEntryBomb();
    expect(bomb.length).toBeLessThan(400 * 1024);
    for (const source of [bomb, asFile('duplicates.keras', bomb)]) {
      const { error, ms } = await refusal(loadModel(source));
      expect(error.name).toBe('ValueError');
      expect(error.message).toMatch(/: the zip archive lists entry 'config.json' more than once; the archive is corrupt\.$/);
      expect(ms).toBeLessThan(5000);
    }
  });

  it('one local header under many names, or an entry running into the next or the directory, is refused as overlapping', async () => {
    const [, config, weights] = await smallArchiveEntries();
    // config.json's header listed four times, then three of the records renamed (names of the same length).
    const aliases = rawZip([config!], [0, 0, 0, 0]);
    const text = new TextDecoder('latin1').decode(aliases);
    let at = text.indexOf('PK\x01\x02');
    for (let i = 1; i < 4; i++) {
      at = text.indexOf('PK\x01\x02', at + 1);
      aliases.set(new TextEncoder().encode(`alias_${i}.txt`), at + 46);
    }
    await expect(loadModel(aliases)).rejects.toThrow("loadModel: zip entry 'config.json' overlaps zip entry 'alias_1.txt'; the archive is corrupt.");

    // The config's data declared one byte longer than it is: it runs into the weights entry.
    const long = rawZip([config!, weights!]);
    const view = new DataView(long.buffer, long.byteOffset);
    const directory = new TextDecoder('latin1').decode(long).indexOf('PK\x01\x02');
    view.setUint32(directory + 20, config!.data.length + 1, true);
    await expect(loadModel(long)).rejects.toThrow("loadModel: zip entry 'config.json' overlaps zip entry 'model.weights.h5'; the archive is corrupt.");

    // The local header grows an extra field the directory does not know of: the data then runs past the next header.
    const extra = rawZip([config!, weights!]);
    new DataView(extra.buffer, extra.byteOffset).setUint16(28, 16, true);
    await expect(loadModel(extra)).rejects.toThrow("loadModel: zip entry 'config.json' runs into what follows it (the next entry or the central directory); the archive is corrupt.");
  });
});

describe('deflate bombs', () => {
  it('config.json declaring 3 GiB is refused by its limit before anything is allocated or inflated', async () => {
    const bomb = deflateBomb(await smallArchiveEntries(), 'config.json', 3 * GiB);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    for (const source of [bomb, asFile('config_bomb.keras', bomb)]) {
      const { error, ms } = await refusal(loadModel(source));
      expect(error.message).toMatch(/: zip entry 'config\.json' declares 3221225472 bytes, over its limit of 67108864 bytes\.$/);
      expect(ms).toBeLessThan(5000);
    }
  });

  it('a header that understates the size stops the inflation as soon as the output runs past it', async () => {
    // 3 GiB of zeros declared as 1 MiB: inflating it all would take many seconds.
    const bomb = deflateBomb(await smallArchiveEntries(), 'config.json', 3 * GiB, 2 ** 20);
    const { error, ms } = await refusal(loadModel(bomb));
    expect(error.message).toBe("loadModel: zip entry 'config.json' inflates to more than the 1048576 bytes it declares; the archive is corrupt.");
    expect(ms).toBeLessThan(5000);
  });

  it('model.weights.h5 is read only within what the model from the config can take, and a refused load leaks nothing', async () => {
    const entries = await smallArchiveEntries();
    const model = small();
    const limit = weightsLimit(model);
    // 6 kernel and 2 bias values, 4 copies of 8 bytes each; the model's and the layer's groups and 4 datasets per variable of HDF5 structures; 16 MiB.
    expect(limit).toBe(4 * 8 * 8 + 16 * 1024 * (2 + 4 * 2) + 16 * 1024 * 1024);
    const before = memory().numTensors;
    for (const [declared, message] of [
      [3 * GiB, `declares 3221225472 bytes, over its limit of ${limit} bytes.`],
      [limit, `inflates to more than the ${limit} bytes it declares; the archive is corrupt.`],
    ] as const) {
      const bomb = deflateBomb(entries, 'model.weights.h5', 3 * GiB, declared);
      for (const source of [bomb, asFile('weights_bomb.keras', bomb)]) {
        await expect(loadModel(source)).rejects.toThrow(`zip entry 'model.weights.h5' ${message}`);
        await expect(model.loadWeights(source)).rejects.toThrow(`zip entry 'model.weights.h5' ${message}`);
      }
    }
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });

  it('an archive re-zipped with deflate still loads, from bytes and from a path', async () => {
    const model = small();
    const entries = (await zipEntries(await saveModel(model))).map(([name, data]) => deflated(name, data));
    const archive = rawZip(entries);
    for (const source of [archive, asFile('deflated.keras', archive)]) {
      const loaded = await loadModel(source);
      loaded.weights.forEach((w, i) => expect(w.value.dataSync()).toEqual(model.weights[i]!.value.dataSync()));
      loaded.dispose();
    }
    model.dispose();
  });
});

describe('HDF5 datasets larger than the model needs', () => {
  /** A 256 KiB kernel: read on demand, not with the tree. */
  const wide = () => new Sequential([Input({ shape: [256] }), new layers.Dense(256)]);

  /** A weights file for `wide()` with an extra 32 MiB dataset no variable asks for. */
  async function weightsWithJunk(): Promise<string> {
    const { writeH5 } = await import('../../ts/saving/h5_file.js');
    const { writeKerasWeights } = await import('../../ts/saving/keras_weights.js');
    const model = wide();
    const bytes = await writeH5((file) => {
      writeKerasWeights(file, model);
      file.create_dataset({ name: 'junk', data: new Float32Array(8 * 2 ** 20), shape: [8 * 2 ** 20], dtype: '<f' });
    });
    model.dispose();
    return asFile('junk.weights.h5', bytes);
  }

  it('opening the file allocates nothing for a dataset until it is read, and then only its own size', async () => {
    const path = await weightsWithJunk();
    // The reader's buffers are SharedArrayBuffers: record the size of each one made.
    const made: number[] = [];
    class Recorded extends SharedArrayBuffer {
      constructor(length: number) {
        super(length);
        made.push(length);
      }
    }
    vi.stubGlobal('SharedArrayBuffer', Recorded);
    try {
      const { opened, read } = await readH5({ path, size: statSync(path).size }, 'junk.weights.h5', (root) => {
        const opened = made.splice(0);
        readDataset(datasetAt(root, 'layers/dense/vars/0')!, 'kernel').values();
        return { opened, read: made.splice(0) };
      });
      // At most the reader thread's 4-byte flag when it starts; the 32 MiB dataset is never read.
      expect(Math.max(0, ...opened)).toBeLessThanOrEqual(4);
      expect(read).toEqual([256 * 256 * 4]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('an attribute of fixed-size values declaring more than the limit is refused before it is read', async () => {
    // A legacy file's `layer_names` and `weight_names` are fixed-length strings.
    const model = small();
    const bytes = await saveModel(model, { format: 'h5' });
    model.dispose();
    const { default: h5 } = await import('h5wasm');
    const module = await h5.ready;
    const source = { size: bytes.length, read: (into: Uint8Array, at: number) => (into.set(bytes.subarray(at, at + into.length)), into.length) };
    const opened = openH5File(h5, module.FS, source, '/attribute_limit.h5');
    if ('error' in opened) throw new Error(opened.error);
    try {
      const result = dumpH5(opened.file, bytes.length, { maxObjects: 100, maxDepth: 8, eagerBytes: 1024, maxAttributeBytes: 4 });
      expect(result).toEqual({ error: expect.stringMatching(/^the HDF5 file is corrupt or unsupported \(attribute '(layer|weight)_names' of '.+' declares \d+ bytes, over the 4-byte limit\)$/) });
    } finally {
      opened.close();
    }
  });

  it('loadWeights reads only the datasets of the model, whatever else the file declares', async () => {
    const path = await weightsWithJunk();
    const model = wide();
    const before = memory().numTensors;
    await model.loadWeights(path);
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('weights written by kerasm fit the limit their model implies', () => {
  it('a model with an optimizer state, many small layers, and float values', async () => {
    const model = new Sequential([Input({ shape: [4] }), ...Array.from({ length: 50 }, () => new layers.Dense(4)), new layers.Dropout(0.5)]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit(tensor(new Float32Array(8), [2, 4]), tensor(new Float32Array(8), [2, 4]), { epochs: 1, verbose: 0 });
    const bytes = await saveWeights(model);
    expect(bytes.length).toBeLessThan(weightsLimit(model) / 4);
    model.dispose();
  });
});
