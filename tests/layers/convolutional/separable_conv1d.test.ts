import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

describe('SeparableConv1D', () => {
  it.each([
    [{ padding: 'same' as const, strides: 2 }, [2, 9, 3], [2, 5, 4]],
    [{ depthMultiplier: 2, dilationRate: 2, activation: 'relu' }, [2, 9, 3], [2, 5, 4]],
  ])('%j matches tf.separableConv2d over a height of 1, plus the bias', (options, xs, outShape) => {
    const dm = (options as { depthMultiplier?: number }).depthMultiplier ?? 1;
    const depthwise = seededValues(3 * 3 * dm, 1), pointwise = seededValues(3 * dm * 4, 2), bias = seededValues(4, 3);
    const x = seededValues(xs[0]! * xs[1]! * xs[2]!, 4);
    const o = options as { strides?: number; dilationRate?: number; padding?: 'same' };
    let want = tf.separableConv2d(tf.tensor4d(x, [xs[0]!, 1, xs[1]!, xs[2]!]), tf.tensor4d(depthwise, [1, 3, 3, dm]), tf.tensor4d(pointwise, [1, 1, 3 * dm, 4]),
      [1, o.strides ?? 1], o.padding ?? 'valid', [1, o.dilationRate ?? 1]).add(tf.tensor1d(bias));
    if ((options as { activation?: string }).activation === 'relu') want = tf.relu(want);
    const layer = new layers.SeparableConv1D(4, 3, options);
    tidy(() => {
      layer.apply(tensor(x, xs));
      expect(layer.pointwiseKernel!.shape).toEqual([1, 3 * dm, 4]);
      layer.setWeights([tensor(depthwise, [3, 3, dm]), tensor(pointwise, [1, 3 * dm, 4]), tensor(bias)]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(outShape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.SeparableConv1D(2, 3, { strides: 2, padding: 'same', depthMultiplier: 2, activation: 'tanh', biasInitializer: 'ones' }), [2, 5, 2]);
    gradcheckLayer(new layers.SeparableConv1D(3, 2, { dataFormat: 'channels_first' }), [1, 2, 4]);
  });

  it('builds into a model with the shapes and parameter count Keras gives', () => {
    const model = new Sequential([Input({ shape: [20, 6] }), new layers.SeparableConv1D(8, 5, { depthMultiplier: 3, strides: 2 })]);
    expect(model.outputShape).toEqual([null, 8, 8]);
    expect(model.countParams()).toBe(5 * 6 * 3 + 18 * 8 + 8);
    model.dispose();
  });

  it('writes Keras 3 config keys and round-trips through them', () => {
    const layer = new layers.SeparableConv1D(8, 4, { depthMultiplier: 2, name: 's1', useBias: false });
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 's1', depth_multiplier: 2, filters: 8, kernel_size: [4], strides: [1], padding: 'valid', dilation_rate: [1], use_bias: false });
    const copy = deserializeLayer(serializeLayer(layer)) as layers.SeparableConv1D;
    expect(copy).toBeInstanceOf(layers.SeparableConv1D);
    expect(copy.getConfig()).toEqual(config);
  });

  it("takes Keras's arguments positionally or as options", () => {
    const positional = new layers.SeparableConv1D(4, 3, 1, 'same');
    const options = new layers.SeparableConv1D({ filters: 4, kernelSize: 3, strides: 1, padding: 'same' });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(() => new layers.SeparableConv1D(4, 3, { pointwiseInitialiser: 'ones' } as never)).toThrow(
      "Unrecognized keyword arguments passed to SeparableConv1D: {'pointwiseInitialiser': 'ones'}.");
  });

  it("raises Keras's errors at construction", () => {
    expect(() => new layers.SeparableConv1D(4, [3, 3])).toThrow('The `kernel_size` argument must be a tuple of 1 integers. Received kernel_size=(3, 3)');
    expect(() => new layers.SeparableConv1D(4, 3, { padding: 'causal' as 'same' })).toThrow("The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
  });
});
