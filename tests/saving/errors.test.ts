import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Input, Sequential, ValueError, layers, loadModel, memory, ops, saveModel } from '../../ts/index.js';
import type { Tensor } from '../../ts/index.js';
import { writeZip } from '../../ts/saving/zip_archive.js';
import { zipEntries } from './zip_helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kerasm-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const small = () => new Sequential([Input({ shape: [3] }), new layers.Dense(2)]);

/** A .keras archive whose config.json is replaced by `config`. */
async function withConfig(config: unknown): Promise<Uint8Array> {
  const model = small();
  const entries = new Map(await zipEntries(await saveModel(model)));
  model.dispose();
  entries.set('config.json', new TextEncoder().encode(JSON.stringify(config)));
  return writeZip([...entries], new Date());
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('loading errors', () => {
  it('a missing file', async () => {
    const e = await rejection(loadModel(join(dir, 'nope.keras')));
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toContain(`File not found: filepath=${join(dir, 'nope.keras')}`);
  });

  it('a file in another format, and an empty one', async () => {
    await expect(loadModel(new TextEncoder().encode('{"not": "a model"}'))).rejects.toThrow('loadModel: the data is neither a .keras zip archive nor an HDF5 (.h5) file (first bytes: 7b 22 6e 6f 74 22 3a 20).');
    await expect(loadModel(new Uint8Array(0))).rejects.toThrow('loadModel: the source is empty.');
    await expect(loadModel(42 as never)).rejects.toThrow('expected a file path, a Uint8Array, an ArrayBuffer or a Blob, received number');
  });

  it('a truncated .keras or .h5 file', async () => {
    const model = small();
    const keras = await saveModel(model);
    await expect(loadModel(keras.slice(0, keras.length - 30))).rejects.toThrow(/no end-of-central-directory record; the file may be truncated/);
    await expect(loadModel(keras.slice(0, 200))).rejects.toThrow(ValueError);
    const h5 = await saveModel(model, { format: 'h5' });
    await expect(loadModel(h5.slice(0, 1000))).rejects.toThrow(/^loadModel: (not a readable HDF5 file|the HDF5 file is corrupt)/);
    model.dispose();
  });

  it('a corrupt zip entry (CRC), a zip bomb, an entry past the end', async () => {
    const model = small();
    const keras = await saveModel(model);
    const flipped = keras.slice();
    const configAt = new TextDecoder('latin1').decode(keras).indexOf('"class_name"');
    flipped[configAt + 2] ^= 0x20;
    await expect(loadModel(flipped)).rejects.toThrow("loadModel: zip entry 'config.json' is corrupt (CRC mismatch).");
    // A deflated entry declaring 32 MiB (within the config's limit) from a few bytes.
    const { zipSync } = await import('fflate');
    const bomb = zipSync({ 'config.json': [new Uint8Array(1000), { level: 9 }] });
    const view = new DataView(bomb.buffer);
    const directory = new TextDecoder('latin1').decode(bomb).lastIndexOf('PK\x01\x02');
    view.setUint32(directory + 24, 2 ** 25, true);
    await expect(loadModel(bomb)).rejects.toThrow(/declares 33554432 bytes from \d+ compressed, more than deflate can produce \(zip bomb\?\)/);
    view.setUint32(directory + 24, 1000, true);
    view.setUint32(directory + 20, 2 ** 31, true);
    await expect(loadModel(bomb)).rejects.toThrow("loadModel: zip entry 'config.json' overlaps the central directory; the archive is corrupt.");
    model.dispose();
  });

  it('an archive without config.json, or a config that is not JSON', async () => {
    const weightsOnly = await writeZip([['model.weights.h5', new Uint8Array(10)]], new Date());
    await expect(loadModel(weightsOnly)).rejects.toThrow('loadModel: the archive has no config.json; it is not a Keras model file.');
    const model = small();
    const entries = new Map(await zipEntries(await saveModel(model)));
    entries.set('config.json', new TextEncoder().encode('{"class_name": '));
    await expect(loadModel(await writeZip([...entries], new Date()))).rejects.toThrow(/loadModel: config.json is not valid JSON/);
    model.dispose();
  });

  it('an unknown class names it; a Python lambda is refused without running anything', async () => {
    const unknown = { module: 'keras', class_name: 'Sequential', registered_name: null, config: { name: 's', layers: [{ module: 'my_lib', class_name: 'MyLayer', registered_name: 'my_lib>MyLayer', config: { name: 'x' } }] } };
    await expect(loadModel(await withConfig(unknown))).rejects.toThrow(/Could not locate class 'MyLayer'/);
    const lambda = {
      module: 'keras', class_name: 'Sequential', registered_name: null,
      config: {
        name: 's',
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', registered_name: null, config: { batch_shape: [null, 3], dtype: 'float32', name: 'in' } },
          { module: 'keras.layers', class_name: 'Lambda', registered_name: null, config: { name: 'l', function: { class_name: '__lambda__', config: { code: '4wEAAAAAAAAA', defaults: null, closure: null } }, arguments: {} } },
        ],
      },
    };
    await expect(loadModel(await withConfig(lambda))).rejects.toThrow(/is a Python lambda \(saved as bytecode\). kerasm never runs code from a saved file/);
    await expect(loadModel(await withConfig({ module: 'keras.layers', class_name: 'Dense', registered_name: null, config: { units: 2 } }))).rejects.toThrow('loadModel: the file describes a Dense layer, not a model.');
  });

  it('a failed load leaves no tensor behind', async () => {
    const model = small();
    const bigger = new Sequential([Input({ shape: [3] }), new layers.Dense(3)]);
    const bytes = await saveModel(bigger);
    const entries = new Map(await zipEntries(await saveModel(model)));
    entries.set('model.weights.h5', new Map(await zipEntries(bytes)).get('model.weights.h5')!);
    const before = memory().numTensors;
    await expect(loadModel(await writeZip([...entries], new Date()))).rejects.toThrow(/the file holds a value of shape \(3, 3\) for variable '.*\/kernel', which has shape \(3, 2\)/);
    expect(memory().numTensors).toBe(before);
    model.dispose();
    bigger.dispose();
  });
});

describe('saving errors', () => {
  it('a save that fails leaves the existing file untouched and no temporary file behind', async () => {
    const path = join(dir, 'kept.keras');
    const good = small();
    await good.save(path);
    const before = readFileSync(path);
    const bad = new Sequential([Input({ shape: [2] }), new layers.Lambda((x) => ops.square(x as Tensor))]);
    await expect(bad.save(path)).rejects.toThrow(/registerLambdaFunction/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('kept.keras'))).toEqual(['kept.keras']);
    await expect(good.save(join(dir, 'missing-folder', 'm.keras'))).rejects.toThrow(/Could not write/);
    await expect(good.save(path, { overwrite: false })).rejects.toThrow('already exists and `overwrite` is false');
    good.dispose();
    bad.dispose();
  });

  it('names the extensions it accepts', async () => {
    const model = small();
    await expect(model.save(join(dir, 'm.pb'))).rejects.toThrow('Invalid filepath extension for saving. Please add either a `.keras` extension for the native Keras format (recommended) or a `.h5` extension. Received: filepath=');
    await expect(model.save(join(dir, 'm.weights.h5'))).rejects.toThrow('use model.saveWeights()');
    await expect(saveModel(model, { format: 'pb' as never })).rejects.toThrow("saveModel: unknown format 'pb'; expected 'keras' or 'h5'.");
    model.dispose();
  });
});
