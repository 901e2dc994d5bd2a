import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, tensor, tidy } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
type Shape5 = [number, number, number, number, number];

describe('Conv3DTranspose', () => {
  it.each([
    [{ strides: 2, padding: 'same' as const }, [2, 2, 3, 2, 3], [2, 4, 6, 4, 4]],
    [{ strides: [1, 2, 3], activation: 'relu' }, [1, 3, 2, 2, 3], [1, 5, 5, 6, 4]],
  ])('%j matches tf.conv3dTranspose plus the bias', (options, xs, outShape) => {
    const kernel = seededValues(3 * 3 * 3 * 4 * 3, 1), bias = seededValues(4, 2), x = seededValues(size(xs), 3);
    const strides = options.strides as number | [number, number, number];
    let want = tf.conv3dTranspose(tf.tensor5d(x, xs as Shape5), tf.tensor5d(kernel, [3, 3, 3, 4, 3]), outShape as Shape5, strides, ('padding' in options ? options.padding : 'valid'))
      .add(tf.tensor1d(bias));
    if ((options as { activation?: string }).activation === 'relu') want = tf.relu(want);
    const layer = new layers.Conv3DTranspose(4, 3, options);
    tidy(() => {
      layer.apply(tensor(x, xs));
      layer.setWeights([tensor(kernel, [3, 3, 3, 4, 3]), tensor(bias)]);
      const y = layer.apply(tensor(x, xs));
      expect(y.shape).toEqual(outShape);
      expectClose(y, want.dataSync(), 1e-4);
    });
    layer.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    gradcheckLayer(new layers.Conv3DTranspose(2, 2, { strides: [2, 1, 1], padding: 'same', activation: 'tanh' }), [1, 2, 2, 2, 2]);
    gradcheckLayer(new layers.Conv3DTranspose(1, [2, 1, 2], { dataFormat: 'channels_first', strides: 2, outputPadding: [1, 0, 1] }), [1, 2, 2, 1, 2]);
  });

  it('builds into a model with the shapes and parameter count Keras gives', () => {
    const model = new Sequential([Input({ shape: [4, 4, 4, 2] }), new layers.Conv3DTranspose(3, 3, { strides: 2, padding: 'same' })]);
    expect(model.outputShape).toEqual([null, 8, 8, 8, 3]);
    expect(model.countParams()).toBe(27 * 3 * 2 + 3);
    model.dispose();
  });

  it('writes Keras 3 config keys and round-trips through them', () => {
    const layer = new layers.Conv3DTranspose(8, [1, 2, 3], { strides: 2, padding: 'same', name: 'c3t', useBias: false });
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'c3t', filters: 8, kernel_size: [1, 2, 3], strides: [2, 2, 2], padding: 'same', output_padding: null, dilation_rate: [1, 1, 1], use_bias: false });
    const copy = deserializeLayer(serializeLayer(layer)) as layers.Conv3DTranspose;
    expect(copy).toBeInstanceOf(layers.Conv3DTranspose);
    expect(copy.getConfig()).toEqual(config);
  });

  it("raises Keras's errors at construction", () => {
    expect(() => new layers.Conv3DTranspose(4, [3, 3])).toThrow('The `kernel_size` argument must be a tuple of 3 integers. Received kernel_size=(3, 3)');
    expect(() => new layers.Conv3DTranspose(4, 3, { dilationRate: 2, strides: [1, 1, 2] })).toThrow(
      '`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(1, 1, 2) and dilation_rate=(2, 2, 2)');
  });
});
