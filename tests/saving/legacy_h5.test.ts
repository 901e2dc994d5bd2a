import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Input, Model, Sequential, layers, loadModel, optimizers, saveModel, tensor, tidy } from '../../ts/index.js';
import { readH5, writeH5, writeStringList } from '../../ts/saving/h5_file.js';
import { stringAttribute } from '../../ts/saving/h5_tree.js';
import { seededValues } from '../helpers/close.js';

const dir = mkdtempSync(join(tmpdir(), 'kerasm-legacy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (model: Model, x: number[], shape: number[]) => tidy(() => Array.from(model.predict(tensor(x, shape), { verbose: 0 }).dataSync()));

/** A tf.keras 2.x `model.save('m.h5')` of a two-Dense Functional model, written by hand from its documented layout. */
async function keras2File(kernel1: Float32Array, kernel2: Float32Array): Promise<Uint8Array> {
  const dense = (name: string, units: number, activation: string, inbound: string) => ({
    class_name: 'Dense', name, inbound_nodes: [[[inbound, 0, 0, {}]]],
    config: { name, trainable: true, dtype: 'float32', units, activation, use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null },
  });
  const modelConfig = {
    class_name: 'Model',
    config: {
      name: 'model', trainable: true,
      layers: [
        { class_name: 'InputLayer', name: 'input_1', inbound_nodes: [], config: { batch_input_shape: [null, 3], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } },
        dense('dense', 4, 'relu', 'input_1'),
        dense('dense_1', 2, 'linear', 'dense'),
      ],
      input_layers: [['input_1', 0, 0]],
      output_layers: [['dense_1', 0, 0]],
    },
  };
  const trainingConfig = {
    loss: 'mse', metrics: null, weighted_metrics: null, loss_weights: null,
    optimizer_config: { class_name: 'Adam', config: { name: 'Adam', learning_rate: 0.01, decay: 0.0, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false } },
  };
  return writeH5((file) => {
    file.create_attribute('keras_version', '2.12.0');
    file.create_attribute('backend', 'tensorflow');
    file.create_attribute('model_config', JSON.stringify(modelConfig));
    file.create_attribute('training_config', JSON.stringify(trainingConfig));
    const weights = file.create_group('model_weights');
    writeStringList(weights, 'layer_names', ['input_1', 'dense', 'dense_1']);
    writeStringList(weights.create_group('input_1'), 'weight_names', []);
    for (const [name, kernel, shape] of [['dense', kernel1, [3, 4]], ['dense_1', kernel2, [4, 2]]] as const) {
      const group = weights.create_group(name);
      writeStringList(group, 'weight_names', [`${name}/kernel:0`, `${name}/bias:0`]);
      const inner = group.create_group(name);
      inner.create_dataset({ name: 'kernel:0', data: kernel, shape: [...shape], dtype: '<f' });
      inner.create_dataset({ name: 'bias:0', data: new Float32Array(shape[1]).fill(0.25), shape: [shape[1]], dtype: '<f' });
    }
  });
}

describe('legacy .h5 models', () => {
  it('loads a Keras 2 file: class Model, batch_input_shape, list-form inbound_nodes, :0 weight names, training_config', async () => {
    const k1 = seededValues(12, 5);
    const k2 = seededValues(8, 6);
    const model = await loadModel(await keras2File(k1, k2));
    expect(model.layers.map((l) => l.name)).toEqual(['input_1', 'dense', 'dense_1']);
    expect(model.optimizer).toBeInstanceOf(optimizers.Adam);
    expect(model.optimizer.learningRate).toBe(0.01);
    const reference = new Sequential([Input({ shape: [3] }), new layers.Dense(4, { activation: 'relu' }), new layers.Dense(2)]);
    reference.setWeights([tensor(k1, [3, 4]), tensor(new Float32Array(4).fill(0.25)), tensor(k2, [4, 2]), tensor(new Float32Array(2).fill(0.25))]);
    const x = Array.from(seededValues(6, 7));
    expect(run(model, x, [2, 3])).toEqual(run(reference, x, [2, 3]));
    model.dispose();
    reference.dispose();
  });

  it('saves Keras 2\'s form (model_config with batch_input_shape and list-form nodes, training_config) and loads it back', async () => {
    const input = Input({ shape: [3], name: 'features' });
    const hidden = new layers.Dense(4, { activation: 'relu', name: 'hidden' }).apply(input);
    const model = new Model({ inputs: input, outputs: new layers.Dense(2, { name: 'out' }).apply(hidden), name: 'legacy' });
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: 'mse' });
    const path = join(dir, 'legacy.h5');
    await model.save(path);
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(path));
    const attrs = await readH5(bytes, 'test', (file) => ({
      config: JSON.parse(stringAttribute(file, 'model_config')!),
      training: JSON.parse(stringAttribute(file, 'training_config')!),
    }));
    expect(attrs.config.class_name).toBe('Functional');
    expect(attrs.config.config.layers[0].config.batch_input_shape).toEqual([null, 3]);
    expect(attrs.config.config.layers[0].config.dtype).toBe('float32');
    expect(attrs.config.config.layers[2].inbound_nodes).toEqual([[['hidden', 0, 0, {}]]]);
    expect(attrs.training).toMatchObject({ loss: 'mse', optimizer_config: { class_name: 'SGD', config: { learning_rate: Math.fround(0.1) } } });
    const loaded = await loadModel(path);
    const x = Array.from(seededValues(9, 8));
    expect(run(loaded, x, [3, 3])).toEqual(run(model, x, [3, 3]));
    expect(loaded.optimizer).toBeInstanceOf(optimizers.SGD);
    loaded.dispose();
    model.dispose();
  });

  it('a weights-only legacy file is not a model', async () => {
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    const bytes = await writeH5((file) => writeStringList(file, 'layer_names', []));
    await expect(loadModel(bytes)).rejects.toThrow(/no `model_config` attribute; a weights-only file loads with model.loadWeights\(\)/);
    await expect(saveModel(model, { format: 'h5' })).resolves.toBeInstanceOf(Uint8Array);
    model.dispose();
  });
});
