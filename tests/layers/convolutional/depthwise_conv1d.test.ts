import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

describe('DepthwiseConv1D', () => {
  it.each([
    [{ padding: 'same' as const, strides: 2 }, [2, 9, 3], [2, 5, 3]],
    [{ depthMultiplier: 2, dilationRate: 2, activation: 'relu' }, [2, 9, 3], [2, 5, 6]],
  ])('%j matches tf.depthwiseConv2d over a height of 1, plus the bias', (options, xs, outShape) => {
    const dm = (options as { depthMultiplier?: number }).depthMultiplier ?? 1;
    const kernel = seededValues(3 * 3 * dm, 1), bias = seededValues(3 * dm, 2), x = seededValues(xs[0]! * xs[1]! * xs[2]!, 3);
    const o = options as { strides?: number; dilationRate?: number; padding?: 'same' };
    let want = tf.depthwiseConv2d(tf.tensor4d(x, [xs[0]!, 1, xs[1]!, xs[2]!]), tf.tensor4d(kernel, [1, 3, 3, dm]), [1, o.strides ?? 1], o.padding ?? 'valid', 'NHWC', [1, o.dilationRate ?? 1])
      .add(tf.tensor1d(bias));
    if ((options as { activation?: string }).activation === 'relu') want = tf.relu(want);
    const layer = new layers.DepthwiseConv1D(3, options);
    tidy(() => {
      layer.apply(tensor(x, xs));
      layer.setWeights([tensor(kernel, [3, 3, dm]), tensor(bias)]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(outShape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.DepthwiseConv1D(3, { strides: 2, padding: 'same', depthMultiplier: 2, activation: 'tanh', biasInitializer: 'ones' }), [2, 5, 2]);
    gradcheckLayer(new layers.DepthwiseConv1D(2, { dataFormat: 'channels_first' }), [1, 3, 4]);
  });

  it('builds into a model with the shapes and parameter count Keras gives', () => {
    const model = new Sequential([Input({ shape: [20, 6] }), new layers.DepthwiseConv1D(5, { depthMultiplier: 3, strides: 2 })]);
    expect(model.outputShape).toEqual([null, 8, 18]);
    expect(model.countParams()).toBe(5 * 6 * 3 + 18);
    model.dispose();
  });

  it('writes Keras 3 config keys and round-trips through them', () => {
    const layer = new layers.DepthwiseConv1D(4, { depthMultiplier: 2, name: 'dw1', useBias: false });
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'dw1', depth_multiplier: 2, kernel_size: [4], strides: [1], padding: 'valid', dilation_rate: [1], use_bias: false });
    const copy = deserializeLayer(serializeLayer(layer)) as layers.DepthwiseConv1D;
    expect(copy).toBeInstanceOf(layers.DepthwiseConv1D);
    expect(copy.getConfig()).toEqual(config);
  });

  it("takes Keras's arguments positionally or as options", () => {
    const positional = new layers.DepthwiseConv1D(3, 2, 'same', 2);
    const options = new layers.DepthwiseConv1D({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(() => new layers.DepthwiseConv1D(3, { kernelInitializer: 'ones' } as never)).toThrow(
      "Unrecognized keyword arguments passed to DepthwiseConv1D: {'kernelInitializer': 'ones'}.");
  });

  it("raises Keras's errors at construction", () => {
    expect(() => new layers.DepthwiseConv1D([3, 3])).toThrow('The `kernel_size` argument must be a tuple of 1 integers. Received kernel_size=(3, 3)');
    expect(() => new layers.DepthwiseConv1D(3, { padding: 'causal' as 'same' })).toThrow("The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
    expect(() => new layers.DepthwiseConv1D(3, { depthMultiplier: -1 })).toThrow('Received depth_multiplier=-1.');
  });
});
