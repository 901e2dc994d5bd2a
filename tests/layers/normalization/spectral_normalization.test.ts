/**
 * SpectralNormalization, as Keras 3's wrapper. Its values and gradients against Keras itself are in
 * tests/fixtures/layers/spectral_normalization_*.json (keras_fixtures.test.ts); here: Keras's own
 * tests, the arguments, the weights and their saved layout, the config, and the training path's
 * gradients against finite differences.
 */
import { describe, expect, it } from 'vitest';
import {
  Input, Layer, Sequential, ValueError, layers, loadModel, memory, modelFromJSON, ops, saveModel, tensor, tidy,
  type CallArgs, type Tensor,
} from '../../../ts/index.js';
import { valueAndGrads } from '../../../ts/tensor/gradients.js';
import { saveableNodes } from '../../../ts/saving/saveable_tree.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

/** A layer with no kernel. */
class Plain extends Layer {
  call(inputs: Tensor, _args: CallArgs): Tensor {
    return inputs;
  }
}

describe('SpectralNormalization', () => {
  it("divides the kernel by its spectral norm in training only (Keras's test_apply_layer)", () => {
    const wrapper = new layers.SpectralNormalization(new layers.Conv2D(1, [2, 2], { kernelInitializer: 'ones' }), { powerIterations: 8 });
    tidy(() => {
      const images = tensor(new Float32Array(4).fill(1), [1, 2, 2, 1]);
      expectClose(wrapper.apply(images, { training: false }), [4]);
      // The largest singular value of the 4×1 matrix of ones is 2.
      expectClose(wrapper.apply(images, { training: true }), [2], 1e-5);
      expectClose(wrapper.kernel!.value, [0.5, 0.5, 0.5, 0.5], 1e-5);
    });
    wrapper.dispose();
  });

  it("has Keras's weights in Keras's order: the kernel, vector_u, the layer's others", () => {
    const wrapper = new layers.SpectralNormalization(new layers.Dense(2));
    tidy(() => expect(wrapper.apply(tensor(seededValues(10 * 3 * 4), [10, 3, 4])).shape).toEqual([10, 3, 2]));
    expect(wrapper.weights.map((w) => [w.path, w.shape])).toEqual([['dense/kernel', [4, 2]], [`${wrapper.name}/vector_u`, [1, 2]], ['dense/bias', [2]]]);
    expect(wrapper.trainableWeights.map((w) => w.name)).toEqual(['kernel', 'bias']);
    expect(wrapper.nonTrainableWeights.map((w) => w.name)).toEqual(['vector_u']);
    expect(wrapper.kernel).toBe((wrapper.layer as layers.Dense).kernel);
    expect(wrapper.countParams()).toBe(8 + 2 + 2);
    wrapper.dispose();
  });

  it('saves the kernel with its own variables and with the layer, where Keras writes them', () => {
    const model = new Sequential([Input({ shape: [4] }), new layers.SpectralNormalization(new layers.Dense(3))]);
    const layout = saveableNodes(model).map((n) => [n.path, n.variables.map((v) => v.shape)]);
    // As the weights file Keras 3.15.1 writes for this model.
    expect(layout).toEqual([
      ['', []],
      ['layers/spectral_normalization', [[4, 3], [1, 3]]],
      ['layers/spectral_normalization/layer', [[4, 3], [3]]],
    ]);
    model.dispose();
  });

  it('saves and loads a .keras file with its kernel, vector_u and predictions', async () => {
    const before = memory().numTensors;
    const model = new Sequential([Input({ shape: [3, 3, 2] }), new layers.SpectralNormalization(new layers.Conv2D(2, 2), 2)]);
    const x = tensor(seededValues(2 * 3 * 3 * 2, 5), [2, 3, 3, 2]);
    const y = tensor(seededValues(2 * 2 * 2 * 2, 6), [2, 2, 2, 2]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    const loaded = await loadModel(await saveModel(model, { format: 'keras' }));
    const [ours, theirs] = [model, loaded].map((m) => m.weights.map((w) => Array.from(w.value.dataSync())));
    expect(theirs).toEqual(ours);
    tidy(() => expectClose(loaded.predict(x, { verbose: 0 }) as Tensor, (model.predict(x, { verbose: 0 }) as Tensor).dataSync(), 0));
    for (const t of [x, y, model, loaded]) t.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('takes its arguments positionally or as options, and refuses unknown ones', () => {
    const dense = new layers.Dense(2);
    const configs = [
      new layers.SpectralNormalization(dense, 3),
      new layers.SpectralNormalization(dense, { powerIterations: 3 }),
      new layers.SpectralNormalization({ layer: dense, powerIterations: 3 }),
    ].map((l) => ({ ...l.getConfig(), name: null }));
    expect(configs[1]).toEqual(configs[0]);
    expect(configs[2]).toEqual(configs[0]);
    expect(() => new layers.SpectralNormalization(dense, { power_iterations: 2 } as never)).toThrow(
      "Unrecognized keyword arguments passed to SpectralNormalization: {'power_iterations': 2}. Options take camelCase keys: did you mean 'powerIterations'?",
    );
    expect(() => new layers.SpectralNormalization(dense, 0)).toThrow(new ValueError('`power_iterations` should be greater than zero. Received: `power_iterations=0`'));
    expect(() => new layers.SpectralNormalization('dense' as never)).toThrow(
      new ValueError("Layer dense supplied to Wrapper isn't a supported layer type. Please ensure wrapped layer is a valid Keras layer."),
    );
    expect(() => new layers.SpectralNormalization(new Plain()).apply(tensor([[1, 2]]))).toThrow(new ValueError("Plain object has no attribute 'kernel' nor 'embeddings'"));
  });

  it("writes Keras's config with the wrapped layer serialized, and rebuilds from it", () => {
    const wrapper = new layers.SpectralNormalization(new layers.Dense(3, { activation: 'relu' }), 2);
    const unbuilt = wrapper.getConfig();
    expect(Object.keys(unbuilt)).toEqual(['name', 'trainable', 'dtype', 'layer', 'power_iterations']);
    expect(unbuilt.layer).toMatchObject({ module: 'keras.layers', class_name: 'Dense', config: { units: 3, activation: 'relu' }, registered_name: null });
    expectConfigRoundTrip(wrapper);
    tidy(() => wrapper.apply(tensor([[1, 2]])));
    expect((wrapper.getConfig().layer as { build_config: unknown }).build_config).toEqual({ input_shape: [1, 2] });
    const rebuilt = expectConfigRoundTrip(wrapper);
    expect((rebuilt as layers.SpectralNormalization).layer.built).toBe(true);
    const model = new Sequential([Input({ shape: [2] }), new layers.SpectralNormalization(new layers.Dense(1))]);
    expect(modelFromJSON(model.toJSON()).getConfig()).toEqual(model.getConfig());
    model.dispose();
    wrapper.dispose();
  });

  it('has gradients that agree with finite differences, in inference and in training', () => {
    gradcheckLayer(new layers.SpectralNormalization(new layers.Dense(3)), [2, 4]);
    gradcheckLayer(new layers.SpectralNormalization(new layers.Conv2D(2, 2)), [1, 3, 3, 2]);
    // In training the output depends on the kernel through σ too. Enough power iterations make u
    // and v converge, so that holding them fixed (as Keras's gradient does) costs nothing.
    gradcheckTraining(new layers.SpectralNormalization(new layers.Dense(3), 50), [2, 4]);
  });
});

/**
 * Taped gradients of `sum(layer(x, training) * r)` with respect to x and the trainable weights,
 * against central differences, every evaluation starting from the same weights (a training call
 * assigns the kernel and vector_u).
 */
function gradcheckTraining(layer: layers.SpectralNormalization, inputShape: number[], tol = 2e-2): void {
  const size = inputShape.reduce((a, b) => a * b, 1);
  tidy(() => {
    const x = tensor(seededValues(size, 21), inputShape);
    layer.apply(x);
    const start = layer.weights.map((w) => Float32Array.from(w.value.dataSync()));
    const r = tensor(seededValues(layer.computeOutputShape(inputShape).reduce<number>((a, b) => a * (b ?? 1), 1), 22), layer.computeOutputShape(inputShape) as number[]);
    const objective = (input: Tensor) => ops.sum(ops.multiply(layer.apply(input, { training: true }), r));
    const evaluate = (input: Tensor, weights: Float32Array[]) =>
      tidy(() => {
        layer.setWeights(weights.map((v, i) => tensor(v, layer.weights[i]!.shape)));
        return objective(input).dataSync()[0]!;
      });
    layer.setWeights(start.map((v, i) => tensor(v, layer.weights[i]!.shape)));
    const trainable = layer.trainableWeights;
    const { grads } = valueAndGrads(() => objective(x), [x, ...trainable.map((w) => w.value)]);
    const analytic = grads.map((g) => Array.from(g!.dataSync()));
    const xValues = x.dataSync();
    const compare = (what: string, j: number, got: number, shifted: (delta: number) => number, at: number) => {
      const eps = 1e-2 * Math.max(1, Math.abs(at));
      const numeric = (shifted(eps) - shifted(-eps)) / (2 * eps);
      if (Math.abs(numeric - got) > tol * Math.max(1, Math.abs(numeric), Math.abs(got))) throw new Error(`${what}[${j}]: analytic ${got}, numeric ${numeric}`);
    };
    for (let j = 0; j < xValues.length; j++) {
      compare('input', j, analytic[0]![j]!, (d) => evaluate(tensor(xValues.map((v, i) => (i === j ? v + d : v)), inputShape), start), xValues[j]!);
    }
    trainable.forEach((w, k) => {
      const index = layer.weights.indexOf(w);
      for (let j = 0; j < start[index]!.length; j++) {
        const shifted = (d: number) => evaluate(x, start.map((v, i) => (i === index ? v.map((e, m) => (m === j ? e + d : e)) : v)));
        compare(w.path, j, analytic[k + 1]![j]!, shifted, start[index]![j]!);
      }
    });
  });
  layer.dispose();
}
