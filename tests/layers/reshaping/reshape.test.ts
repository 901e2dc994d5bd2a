import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Reshape', () => {
  it('reshapes each sample like tfjs-layers, inferring one -1', () => {
    const x = seededValues(2 * 12, 1);
    const want = (tf.layers.reshape({ targetShape: [3, -1] }).apply(tf.tensor(x, [2, 3, 4])) as tf.Tensor).dataSync();
    tidy(() => {
      const y = new layers.Reshape([3, -1]).apply(tensor(x, [2, 3, 4]));
      expect(y.shape).toEqual([2, 3, 4]);
      expectClose(y, want, 0);
      expect(new layers.Reshape([-1]).apply(tensor(x, [2, 3, 4])).shape).toEqual([2, 12]);
    });
    gradcheckLayer(new layers.Reshape([2, 6]), [2, 3, 4]);
  });

  it('infers symbolic shapes as Keras (unknown sizes leave -1 unknown)', () => {
    expect(new layers.Reshape([3, 4]).apply(Input({ shape: [12] })).shape).toEqual([null, 3, 4]);
    expect(new layers.Reshape([-1, 2]).apply(Input({ shape: [3, 4] })).shape).toEqual([null, 6, 2]);
    expect(new layers.Reshape([-1, 2]).apply(Input({ shape: [null, 4] })).shape).toEqual([null, null, 2]);
  });

  it("reports bad target shapes with Keras's messages", () => {
    expect(() => new layers.Reshape([-1, -1])).toThrow('There must be at most one unknown dimension (-1) in `target_shape`. Received: target_shape=(-1, -1).');
    expect(() => new layers.Reshape([2, -3])).toThrow('Each dimension in `target_shape` must be a non-negative integer, or `-1` for a single unknown dimension. Received: target_shape=(2, -3).');
    expect(() => new layers.Reshape([5]).apply(Input({ shape: [3, 4] }))).toThrow('The total size of the tensor must be unchanged. Received: input_shape=(3, 4), target_shape=(5,)');
    expect(() => new layers.Reshape([5, -1]).apply(Input({ shape: [12] }))).toThrow(
      'The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: input_shape=(12,), target_shape=(5, -1)');
    expect(() => tidy(() => new layers.Reshape([5]).apply(tensor(new Float32Array(12), [1, 12])))).toThrow('The total size of the tensor must be unchanged');
  });

  it('takes the target shape positionally or as an option, and names an unknown option', () => {
    expectSameLayer(new layers.Reshape([4, 4, 1]), new layers.Reshape({ targetShape: [4, 4, 1] }));
    expect(() => new layers.Reshape({ shape: [4] } as never)).toThrow("Unrecognized keyword arguments passed to Reshape: {'shape': [4]}");
  });

  it('round-trips its config and frees its output', () => {
    const layer = new layers.Reshape([2, -1], { name: 'rs' });
    expect(layer.getConfig()).toMatchObject({ name: 'rs', target_shape: [2, -1] });
    expectConfigRoundTrip(layer);
    const before = memory().numTensors;
    tidy(() => {
      layer.apply(tensor([[1, 2, 3, 4]]));
    });
    expect(memory().numTensors).toBe(before);
  });
});
