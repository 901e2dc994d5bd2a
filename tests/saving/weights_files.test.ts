import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Input, Sequential, ValueError, layers, saveModel, saveWeights } from '../../ts/index.js';
import type { Model } from '../../ts/index.js';
import { readH5, writeH5, writeStringList } from '../../ts/saving/h5_file.js';
import { groupAt, memberNames, stringListAttribute } from '../../ts/saving/h5_tree.js';

const dir = mkdtempSync(join(tmpdir(), 'kerasm-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function convNet(): Sequential {
  return new Sequential([
    Input({ shape: [6, 6, 2] }),
    new layers.Conv2D(3, 3, { name: 'conv' }),
    new layers.BatchNormalization({ name: 'bn' }),
    new layers.Flatten({ name: 'flat' }),
    new layers.Dense(2, { name: 'out' }),
  ]);
}

const values = (model: Model) => model.weights.map((w) => Array.from(w.value.dataSync()));

describe('weights-only files', () => {
  it('saveWeights writes Keras 3\'s layout; loadWeights restores it into a fresh model', async () => {
    const source = convNet();
    const path = join(dir, 'net.weights.h5');
    await source.saveWeights(path);
    const target = convNet();
    expect(values(target)).not.toEqual(values(source));
    await target.loadWeights(path);
    expect(values(target)).toEqual(values(source));
    const keys = await readH5(await saveWeights(source), 'test', (file) => ({
      conv: memberNames(groupAt(file, 'layers/conv2d/vars')!),
      bn: memberNames(groupAt(file, 'layers/batch_normalization/vars')!),
      flat: memberNames(groupAt(file, 'layers/flatten/vars')!),
    }));
    expect(keys).toEqual({ conv: ['0', '1'], bn: ['0', '1', '2', '3'], flat: [] });
    source.dispose();
    target.dispose();
  });

  it('insists on the .weights.h5 suffix, as Keras', async () => {
    const model = convNet();
    await expect(model.saveWeights(join(dir, 'x.h5'))).rejects.toThrow('The filename must end in `.weights.h5`. Received: filepath=');
    model.dispose();
  });

  it('reads the legacy tf.keras layout: layer_names, kernel:0 names, attribute lists split into chunks', async () => {
    const source = convNet();
    // A tf.keras 2 `save_weights('w.h5')` file: groups by layer name at the root, weights in
    // `weight_names` order (BatchNormalization's list split in two chunks, as for long lists).
    const bytes = await writeH5((file) => {
      writeStringList(file, 'layer_names', source.layers.map((l) => l.name));
      file.create_attribute('backend', 'tensorflow');
      file.create_attribute('keras_version', '2.15.0');
      for (const layer of source.layers) {
        const group = file.create_group(layer.name);
        const names = layer.weights.map((w) => `${layer.name}/${w.name}:0`);
        if (layer.name === 'bn') {
          writeStringList(group, 'weight_names0', names.slice(0, 2));
          writeStringList(group, 'weight_names1', names.slice(2));
        } else writeStringList(group, 'weight_names', names);
        if (names.length > 0) group.create_group(layer.name);
        // Written in reverse so that only the attribute order can give the right assignment.
        [...layer.weights].reverse().forEach((w) => {
          group.create_dataset({ name: `${layer.name}/${w.name}:0`, data: w.value.dataSync().slice(), shape: [...w.shape], dtype: '<f' });
        });
      }
    });
    const target = convNet();
    await target.loadWeights(bytes);
    expect(values(target)).toEqual(values(source));
    source.dispose();
    target.dispose();
  });

  it('loads the weights of a whole-model .keras or legacy .h5 file, from bytes and from a path', async () => {
    const source = convNet();
    for (const format of ['keras', 'h5'] as const) {
      const bytes = await saveModel(source, { format });
      const path = join(dir, `whole.${format}`);
      writeFileSync(path, bytes);
      for (const from of [bytes, path]) {
        const target = convNet();
        await target.loadWeights(from);
        expect(values(target)).toEqual(values(source));
        target.dispose();
      }
    }
    source.dispose();
  });

  it('a shape mismatch names the layer and both shapes, and leaves every weight as it was', async () => {
    const source = new Sequential([Input({ shape: [6, 6, 2] }), new layers.Conv2D(3, 3), new layers.BatchNormalization(), new layers.Flatten(), new layers.Dense(3)]);
    const target = convNet();
    const before = values(target);
    const bytes = await saveWeights(source);
    await expect(target.loadWeights(bytes)).rejects.toThrow(ValueError);
    await expect(target.loadWeights(bytes)).rejects.toThrow(/layer 'out' \(\/layers\/dense\): the file holds a value of shape \(48, 3\) for variable 'out\/kernel', which has shape \(48, 2\)/);
    expect(values(target)).toEqual(before);
    await target.loadWeights(bytes, { skipMismatch: true });
    const after = values(target);
    expect(after.slice(0, 6)).toEqual(values(source).slice(0, 6));
    expect(after.slice(6)).toEqual(before.slice(6));
    source.dispose();
    target.dispose();
  });

  it('a layer missing from the file is named', async () => {
    const small = new Sequential([Input({ shape: [6, 6, 2] }), new layers.Conv2D(3, 3), new layers.Flatten(), new layers.Dense(2)]);
    const target = convNet();
    await expect(target.loadWeights(await saveWeights(small))).rejects.toThrow(/layer 'bn' \(\/layers\/batch_normalization\) is missing from the file/);
    small.dispose();
    target.dispose();
  });

  it('writes legacy attribute lists as h5py does and reads them back', async () => {
    const model = convNet();
    const bytes = await saveModel(model, { format: 'h5' });
    const lists = await readH5(bytes, 'test', (file) => ({
      layers: stringListAttribute(groupAt(file, 'model_weights')!, 'layer_names'),
      conv: stringListAttribute(groupAt(file, 'model_weights/conv')!, 'weight_names'),
      flat: stringListAttribute(groupAt(file, 'model_weights/flat')!, 'weight_names'),
    }));
    expect(lists).toEqual({ layers: ['conv', 'bn', 'flat', 'out'], conv: ['conv/kernel', 'conv/bias'], flat: [] });
    model.dispose();
  });
});
