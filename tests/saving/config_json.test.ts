/** Whole learning rates are written as Python floats, which Keras's optimizers require. */
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, optimizers, saveModel } from '../../ts/index.js';
import { configJson } from '../../ts/saving/config_json.js';
import { zipEntries } from './zip_helpers.js';

describe('configJson', () => {
  it('writes a whole learning_rate as 1.0 and leaves other numbers and keys alone', () => {
    const text = configJson({ config: { learning_rate: 1, rho: 1, initial_learning_rate: 2, epsilon: 1e-7 }, other: { learning_rate: 0.5 }, negative: { learning_rate: -3 } });
    expect(text).toBe('{"config":{"learning_rate":1.0,"rho":1,"initial_learning_rate":2,"epsilon":1e-7},"other":{"learning_rate":0.5},"negative":{"learning_rate":-3.0}}');
    expect(JSON.parse(text).config.learning_rate).toBe(1);
  });

  it("puts Adadelta's usual learning rate of 1.0 in a .keras file as a float", async () => {
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    model.compile({ optimizer: new optimizers.Adadelta(1.0), loss: 'mse' });
    const config = new TextDecoder().decode(new Map(await zipEntries(await saveModel(model))).get('config.json'));
    expect(config).toContain('"learning_rate":1.0,');
    model.dispose();
  });
});
