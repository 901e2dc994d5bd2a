import { describe, expect, it } from 'vitest';
import { Input, Model, applications, tensor, tidy } from '../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../ts/engine/registry.js';
import { expectClose } from '../helpers/close.js';
import { gradcheckLayer } from '../helpers/gradcheck_layer.js';
import { expectSameLayer } from '../layers/same_layer.js';
import { runLayerTest } from '../helpers/run_layer_test.js';

const { LayerScale } = applications.convnext;

describe('LayerScale (keras.applications.convnext)', () => {
  it('multiplies each channel by its trained scale, which starts at initValues', () => {
    const layer = new LayerScale(0.5, 3);
    const inputs = Input({ shape: [2, 3] });
    expect(new Model({ inputs, outputs: layer.apply(inputs) }).outputs[0]!.shape).toEqual([null, 2, 3]);
    expect(layer.weights.map((w) => [w.path, w.shape, w.trainable])).toEqual([[`${layer.name}/variable`, [3], true]]);
    tidy(() => {
      expectClose(layer.gamma!.value, [0.5, 0.5, 0.5], 0);
      layer.gamma!.assign(tensor([1, 2, 3]));
      expectClose(layer.apply(tensor([[1, 1, 1], [2, -1, 0]])), [1, 2, 3, 2, -2, 0], 0);
    });
  });

  it('keeps the layer contract (runLayerTest), as Keras: one trainable weight, no masking, no rank rule', () => {
    runLayerTest(LayerScale, {
      initKwargs: { initValues: 0.5, projectionDim: 3 }, inputShape: [2, 4, 3], expectedOutputShape: [2, 4, 3],
      expectedNumTrainableWeights: 1, expectedNumNonTrainableWeights: 0, supportsMasking: false, expectedMaskShape: null, acceptsAnyRank: true,
    });
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new LayerScale(0.7, 4), [2, 4]);
  });

  it("takes Keras's arguments positionally or as options, and names what it does not take", () => {
    expectSameLayer(new LayerScale(1e-6, 96), new LayerScale({ initValues: 1e-6, projectionDim: 96 }));
    expect(() => new LayerScale(1e-6)).toThrow("LayerScale missing required argument: 'projectionDim'.");
    expect(() => new LayerScale(1e-6, 4, { dim: 4 } as never)).toThrow("Unrecognized keyword arguments passed to LayerScale: {'dim': 4}.");
  });

  it("is saved under Keras's module and class name, and found again by them", () => {
    const serialized = JSON.parse(JSON.stringify(serializeLayer(new LayerScale(1e-6, 96, { name: 'scale' }))));
    expect(serialized).toMatchObject({
      module: 'keras.src.applications.convnext', class_name: 'LayerScale', registered_name: 'LayerScale',
      config: { name: 'scale', trainable: true, init_values: 1e-6, projection_dim: 96 },
    });
    const rebuilt = deserializeLayer(serialized);
    expect(rebuilt).toBeInstanceOf(LayerScale);
    expect(rebuilt.getConfig()).toEqual(serialized.config);
  });
});
