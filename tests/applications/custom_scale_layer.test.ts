import { describe, expect, it } from 'vitest';
import { Input, Model, type Tensor, applications, ops, tensor, tidy } from '../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../ts/engine/registry.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { expectClose } from '../helpers/close.js';
import { expectSameLayer } from '../layers/same_layer.js';
import { runLayerTest } from '../helpers/run_layer_test.js';

const { CustomScaleLayer } = applications.inceptionResnetV2;

describe('CustomScaleLayer (keras.applications.inception_resnet_v2)', () => {
  it('adds the residual, scaled, to its first input', () => {
    const layer = new CustomScaleLayer(0.17);
    const [x, residual] = [Input({ shape: [4] }), Input({ shape: [4] })];
    expect(new Model({ inputs: [x, residual], outputs: layer.apply([x, residual]) }).outputs[0]!.shape).toEqual([null, 4]);
    tidy(() => expectClose(layer.apply([tensor([[1, 2]]), tensor([[10, -100]])]), [2.7, -15], 1e-6));
  });

  it('keeps the layer contract (runLayerTest), as Keras: no weights, no masking, no rank rule', () => {
    runLayerTest(CustomScaleLayer, {
      initKwargs: { scale: 0.2 }, inputShape: [[2, 3], [2, 3]], expectedOutputShape: [2, 3],
      expectedNumTrainableWeights: 0, expectedNumNonTrainableWeights: 0, supportsMasking: false, expectedMaskShape: null, acceptsAnyRank: true,
    });
  });

  it('passes the gradient to both inputs, the residual scaled', () => {
    tidy(() => {
      const [x, residual] = [tensor([[1, 2]]), tensor([[3, 4]])];
      const { grads } = valueAndGrads(() => ops.sum(new CustomScaleLayer(0.5).apply([x, residual]) as Tensor), [x, residual]);
      expectClose(grads[0]!, [1, 1], 0);
      expectClose(grads[1]!, [0.5, 0.5], 0);
    });
  });

  it('takes a list of two inputs only', () => {
    expect(() => new CustomScaleLayer(0.1, { name: 'block' }).apply(Input({ shape: [4] }))).toThrow('Layer "block" (CustomScaleLayer) expects a list of two inputs [x, residual], received 1 input(s).');
  });

  it("takes Keras's arguments positionally or as options, and names what it does not take", () => {
    expectSameLayer(new CustomScaleLayer(0.2), new CustomScaleLayer({ scale: 0.2 }));
    expect(() => new CustomScaleLayer({})).toThrow("CustomScaleLayer missing required argument: 'scale'.");
    expect(() => new CustomScaleLayer(0.2, { activation: 'relu' } as never)).toThrow("Unrecognized keyword arguments passed to CustomScaleLayer: {'activation': 'relu'}.");
  });

  it("is saved under Keras's module and class name, and found again by them", () => {
    const serialized = JSON.parse(JSON.stringify(serializeLayer(new CustomScaleLayer(0.17, { name: 'custom_scale_layer' }))));
    expect(serialized).toMatchObject({
      module: 'keras.src.applications.inception_resnet_v2', class_name: 'CustomScaleLayer', registered_name: 'CustomScaleLayer',
      config: { name: 'custom_scale_layer', trainable: true, scale: 0.17 },
    });
    const rebuilt = deserializeLayer(serialized);
    expect(rebuilt).toBeInstanceOf(CustomScaleLayer);
    expect(rebuilt.getConfig()).toEqual(serialized.config);
  });
});
