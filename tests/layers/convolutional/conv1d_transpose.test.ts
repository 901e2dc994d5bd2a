import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** A `(k, out, in)` kernel with `d - 1` zero taps between its taps (tfjs has no dilated conv gradient). */
function dilateKernel(w: tf.Tensor3D, d: number): tf.Tensor3D {
  const [k, o, i] = w.shape;
  const out = new Float32Array(((k - 1) * d + 1) * o * i);
  const values = w.dataSync();
  for (let t = 0; t < k; t++) out.set(values.subarray(t * o * i, (t + 1) * o * i), t * d * o * i);
  return tf.tensor3d(out, [(k - 1) * d + 1, o, i]);
}

describe('Conv1DTranspose', () => {
  it.each([
    [{ strides: 2, padding: 'same' as const }, [2, 5, 3], [2, 10, 4]],
    [{ strides: 3 }, [2, 5, 3], [2, 15, 4]],
    [{ strides: 2, outputPadding: 1 }, [1, 4, 3], [1, 10, 4]],
    [{ dilationRate: 2, padding: 'same' as const }, [1, 6, 3], [1, 6, 4]],
  ])('%j: the input gradient of tf.conv1d plus the bias', (options, xs, outShape) => {
    const kernel = seededValues(3 * 4 * 3, 1), bias = seededValues(4, 2), x = seededValues(size(xs), 3);
    const strides = (options as { strides?: number }).strides ?? 1, dilation = (options as { dilationRate?: number }).dilationRate ?? 1;
    const padding = (options as { padding?: 'same' }).padding ?? 'valid';
    const w = dilateKernel(tf.tensor3d(kernel, [3, 4, 3]), dilation), xt = tf.tensor(x, xs);
    const want = tf.grad((u: tf.Tensor) => tf.conv1d(u as tf.Tensor3D, w, strides, padding, 'NWC', 1).mul(xt).sum())(tf.zeros(outShape)).add(tf.tensor1d(bias));
    const layer = new layers.Conv1DTranspose(4, 3, options);
    expect(layer.computeOutputShape([null, ...xs.slice(1)])).toEqual([null, ...outShape.slice(1)]);
    tidy(() => {
      layer.apply(tensor(x, xs));
      layer.setWeights([tensor(kernel, [3, 4, 3]), tensor(bias)]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(outShape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Conv1DTranspose(2, 3, { strides: 2, padding: 'same', activation: 'tanh', biasInitializer: 'ones' }), [2, 3, 2]);
    gradcheckLayer(new layers.Conv1DTranspose(2, 2, { dataFormat: 'channels_first', strides: 3, outputPadding: 2 }), [1, 2, 3]);
  });

  it('builds into a model with the shapes and parameter count Keras gives', () => {
    const model = new Sequential([Input({ shape: [10, 8] }), new layers.Conv1DTranspose(4, 5, { strides: 2 })]);
    expect(model.outputShape).toEqual([null, 23, 4]);
    expect(model.countParams()).toBe(5 * 4 * 8 + 4);
    model.dispose();
  });

  it('writes Keras 3 config keys and round-trips through them', () => {
    const layer = new layers.Conv1DTranspose(8, 4, { strides: 2, outputPadding: 1, name: 'c1t' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'c1t', filters: 8, kernel_size: [4], strides: [2], padding: 'valid', output_padding: [1], data_format: 'channels_last', dilation_rate: [1], activation: 'linear' });
    const copy = deserializeLayer(serializeLayer(layer)) as layers.Conv1DTranspose;
    expect(copy).toBeInstanceOf(layers.Conv1DTranspose);
    expect(copy.getConfig()).toEqual(config);
  });

  it("raises Keras's errors at construction", () => {
    expect(() => new layers.Conv1DTranspose(4, [3, 3])).toThrow('The `kernel_size` argument must be a tuple of 1 integers. Received kernel_size=(3, 3)');
    expect(() => new layers.Conv1DTranspose(4, 3, { strides: 2, outputPadding: 3 })).toThrow(
      '`output_padding` must be strictly less than `strides` for all dimensions. At dimension 0, `output_padding` is 3 but `strides` is 2. Received: output_padding=(3,), strides=(2,)');
    expect(() => new layers.Conv1DTranspose(4, 3).apply(Input({ shape: [8, 8, 2] }))).toThrow('Kernel shape must have the same length as input');
  });
});
