import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Input, Model, Sequential, layers, loadModel, memory, saveModel, tensor, tidy } from '../../ts/index.js';
import { writeZip } from '../../ts/saving/zip_archive.js';
import { readH5 } from '../../ts/saving/h5_file.js';
import { groupAt, memberNames, stringAttribute } from '../../ts/saving/h5_tree.js';
import { zipEntries } from './zip_helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kerasm-keras-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mlp(): Sequential {
  return new Sequential([Input({ shape: [4] }), new layers.Dense(8, { activation: 'relu' }), new layers.BatchNormalization(), new layers.Dense(3, { activation: 'softmax' })]);
}

const x = () => tensor(Array.from({ length: 24 }, (_, i) => Math.sin(i)), [6, 4]);
const y = () => tensor([0, 1, 2, 1, 0, 2], [6]);

function predictions(model: Model): number[] {
  return tidy(() => Array.from(model.predict(x(), { verbose: 0 }).dataSync()));
}

describe('.keras archives', () => {
  it('round-trips a Sequential model: same config, same predictions, nothing leaked', async () => {
    const model = mlp();
    const path = join(dir, 'mlp.keras');
    await model.save(path);
    const before = memory().numTensors;
    const loaded = await loadModel(path);
    expect(loaded).toBeInstanceOf(Sequential);
    expect(loaded.toJSON()).toBe(model.toJSON());
    expect(predictions(loaded)).toEqual(predictions(model));
    loaded.dispose();
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });

  it('writes Keras\'s zip entries, stored, with metadata and the Keras 3 weight paths', async () => {
    const model = mlp();
    const bytes = await saveModel(model);
    const entries = new Map(await zipEntries(bytes));
    expect([...entries.keys()]).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
    // Local header of the first entry: compression method 0 (stored).
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true)).toBe(0);
    const metadata = JSON.parse(new TextDecoder().decode(entries.get('metadata.json')));
    expect(metadata.keras_version).toMatch(/^3\.\d+\.\d+$/);
    expect(metadata.date_saved).toMatch(/^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$/);
    const config = JSON.parse(new TextDecoder().decode(entries.get('config.json')));
    expect(config).toMatchObject({ module: 'keras', class_name: 'Sequential', registered_name: null, build_config: { input_shape: [null, 4] } });
    const paths = await readH5(entries.get('model.weights.h5')!, 'test', (file) => ({
      dense: memberNames(groupAt(file, 'layers/dense/vars')!),
      bn: memberNames(groupAt(file, 'layers/batch_normalization/vars')!),
      dense1: memberNames(groupAt(file, 'layers/dense_1/vars')!),
      name: stringAttribute(groupAt(file, 'layers/dense_1/vars')!, 'name'),
      root: stringAttribute(groupAt(file, 'vars')!, 'name'),
    }));
    expect(paths).toEqual({ dense: ['0', '1'], bn: ['0', '1', '2', '3'], dense1: ['0', '1'], name: model.layers[2]!.name, root: model.name });
    model.dispose();
  });

  it('loads a never-compiled model, whose compile_config Keras writes as {} or null, uncompiled', async () => {
    const model = mlp();
    const entries = await zipEntries(await saveModel(model));
    const config = JSON.parse(new TextDecoder().decode(entries.find(([name]) => name === 'config.json')![1]));
    for (const compileConfig of [{}, null]) {
      const json = new TextEncoder().encode(JSON.stringify({ ...config, compile_config: compileConfig }));
      const bytes = await writeZip(entries.map(([name, data]): [string, Uint8Array] => [name, name === 'config.json' ? json : data]), new Date());
      const loaded = await loadModel(bytes);
      expect(loaded.compileArgs).toBeNull();
      expect(predictions(loaded)).toEqual(predictions(model));
      loaded.dispose();
    }
    model.dispose();
  });

  it('compiles a model saved compiled', async () => {
    const model = mlp();
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
    const loaded = await loadModel(await saveModel(model));
    expect(loaded.compileArgs).toMatchObject({ loss: 'sparse_categorical_crossentropy' });
    loaded.dispose();
    model.dispose();
  });
});
