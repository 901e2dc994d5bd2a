/**
 * `utils.setRandomSeed`, as `keras.utils.set_random_seed`: after it, everything drawn without a
 * seed of its own (initializers, dropout masks, unseeded random ops, fit's shuffling) repeats.
 */
import { describe, expect, it } from 'vitest';
import { Input, Layer, Sequential, ValueError, initializers, layers, ops, tensor, tidy, utils, type CallArgs, type Tensor } from '../../ts/index.js';

/**
 * Noise drawn as Dropout and the other random layers draw theirs: from a `SeedGenerator` made
 * without a seed when the layer is built.
 */
class Noise extends Layer {
  private readonly generator = new ops.SeedGenerator();
  call(inputs: Tensor, args: CallArgs): Tensor {
    return args.training ? ops.add(inputs, ops.randomUniform(inputs.shape, { seed: this.generator })) : inputs;
  }
}

/** Everything one run draws: a model's initial weights, a noise draw, an unseeded draw, and the weights after a shuffled fit. */
async function draws(): Promise<number[][]> {
  const model = new Sequential([Input({ shape: [4] }), new layers.Dense(3), new Noise(), new layers.Dense(1)]);
  const initial = model.weights.map((w) => Array.from(w.value.dataSync()));
  const noise = tidy(() => Array.from(model.getLayer(1).apply(tensor([[0, 0, 0]]), { training: true }).dataSync()));
  const unseeded = tidy(() => Array.from(ops.randomNormal([3]).dataSync()));
  const initializer = tidy(() => Array.from(new initializers.GlorotUniform().call([2, 2]).dataSync()));
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = Array.from({ length: 8 }, (_, i) => [i, 1, 0, -i]);
  await model.fit(x, x.map((r) => [r[0]!]), { batchSize: 2, verbose: 0 });
  const trained = model.weights.map((w) => Array.from(w.value.dataSync()));
  model.dispose();
  return [...initial, noise, unseeded, initializer, ...trained];
}

describe('setRandomSeed', () => {
  it('makes unseeded initializers, random layers, random ops and shuffling draw the same values again', async () => {
    utils.setRandomSeed(1337);
    const first = await draws();
    utils.setRandomSeed(1337);
    expect(await draws()).toEqual(first);
    utils.setRandomSeed(7);
    expect(await draws()).not.toEqual(first);
  });

  it("takes a 32-bit integer, with Keras's and NumPy's errors otherwise", () => {
    expect(() => utils.setRandomSeed(1.5)).toThrow(new ValueError("Expected `seed` argument to be an integer. Received: seed=1.5 (of type <class 'float'>)"));
    expect(() => utils.setRandomSeed('3' as unknown as number)).toThrow("Received: seed='3' (of type <class 'str'>)");
    expect(() => utils.setRandomSeed(-1)).toThrow(new ValueError('Seed must be between 0 and 2**32 - 1'));
    expect(() => utils.setRandomSeed(2 ** 32)).toThrow(new ValueError('Seed must be between 0 and 2**32 - 1'));
  });
});
