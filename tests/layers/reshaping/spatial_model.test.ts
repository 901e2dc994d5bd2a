import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, modelFromJSON, tensor } from '../../../ts/index.js';
import { seededValues } from '../../helpers/close.js';

describe('padding, cropping, up-sampling, spatial dropout and group normalization in a model', () => {
  it('train together in a Sequential CNN (loss falls), count parameters as Keras and reload from JSON', async () => {
    const before = memory().numTensors;
    const model = new Sequential([
      Input({ shape: [6, 6, 2] }),
      new layers.ZeroPadding2D({ padding: 1 }), // (8, 8, 2)
      new layers.Conv2D(4, 3, { activation: 'relu' }), // (6, 6, 4): 3*3*2*4 + 4 = 76
      new layers.GroupNormalization({ groups: 2 }), // 4 + 4 = 8
      new layers.SpatialDropout2D(0.1, { seed: 1 }),
      new layers.UpSampling2D({ interpolation: 'bilinear' }), // (12, 12, 4)
      new layers.Cropping2D({ cropping: 3 }), // (6, 6, 4)
      new layers.Conv2D(1, 1), // 4 + 1 = 5
      new layers.RMSNormalization({ axis: [1, 2] }), // 6 * 6 = 36
    ]);
    expect(model.outputs[0]!.shape).toEqual([null, 6, 6, 1]);
    expect(model.countParams()).toBe(76 + 8 + 5 + 36);
    const rebuilt = modelFromJSON(model.toJSON());
    expect(rebuilt.countParams()).toBe(model.countParams());
    expect(rebuilt.layers.map((l) => l.constructor.name)).toEqual(model.layers.map((l) => l.constructor.name));
    rebuilt.dispose();

    model.compile({ optimizer: 'adam', loss: 'mse' });
    const xs = tensor(seededValues(32 * 72, 3), [32, 6, 6, 2]);
    const ys = tensor(seededValues(32 * 36, 4, 0, 1), [32, 6, 6, 1]);
    const history = await model.fit(xs, ys, { epochs: 10, batchSize: 8, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
    xs.dispose(); ys.dispose(); model.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
