import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, ops, tensor, tidy, valueAndGrads } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** The kept-or-dropped state of each (sample, channel), checking the scale of kept entries. */
function channelStates(x: Float32Array, y: Float32Array, shape: number[], channelAxis: number, rate: number): boolean[] {
  const strides = shape.map((_, i) => size(shape.slice(i + 1)));
  const states = new Map<string, boolean>();
  for (let j = 0; j < x.length; j++) {
    const index = shape.map((d, i) => Math.floor(j / strides[i]!) % d);
    const key = `${index[0]},${index[channelAxis]}`;
    const kept = y[j] !== 0;
    if (kept) expect(y[j]).toBeCloseTo(x[j]! / (1 - rate), 5);
    if (states.has(key)) expect(states.get(key)).toBe(kept);
    else states.set(key, kept);
  }
  return [...states.values()];
}

describe('SpatialDropout1D/2D/3D', () => {
  it('drop whole channels in training (channels last and first), scaling the kept ones', () => {
    const cases = [
      [new layers.SpatialDropout1D(0.4, { seed: 1 }), [8, 5, 16], 2],
      [new layers.SpatialDropout2D(0.5, { seed: 2 }), [6, 3, 4, 12], 3],
      [new layers.SpatialDropout2D({ rate: 0.3, dataFormat: 'channels_first', seed: 3 }), [6, 12, 3, 2], 1],
      [new layers.SpatialDropout3D(0.5, { seed: 4 }), [4, 2, 3, 2, 16], 4],
      [new layers.SpatialDropout3D({ rate: 0.5, dataFormat: 'channels_first', seed: 5 }), [4, 16, 2, 2, 3], 1],
    ] as const;
    for (const [layer, shape, channelAxis] of cases) {
      const x = seededValues(size([...shape]), 9, 0.5, 1.5); // no zeros, so a zero output means dropped
      tidy(() => {
        const y = layer.apply(tensor(x, [...shape]), { training: true });
        const states = channelStates(x, y.dataSync() as Float32Array, [...shape], channelAxis, layer.rate);
        expect(states.length).toBe(shape[0] * shape[channelAxis]!);
        const dropped = states.filter((k) => !k).length / states.length;
        expect(Math.abs(dropped - layer.rate)).toBeLessThan(0.2);
        expect(dropped).toBeGreaterThan(0);
        expectClose(layer.apply(tensor(x, [...shape])), x, 0); // inference: identity
      });
    }
  });

  it('agree with tf.layers.spatialDropout1d at inference and in expectation in training', () => {
    const x = seededValues(4 * 3 * 2, 4);
    const oracle = tf.layers.spatialDropout1d({ rate: 0.5 });
    tidy(() => expectClose(new layers.SpatialDropout1D(0.5).apply(tensor(x, [4, 3, 2])), (oracle.apply(tf.tensor(x, [4, 3, 2])) as tf.Tensor).dataSync(), 0));
    // Averaged over many draws, training output ≈ the input (the kept scale makes it unbiased).
    const layer = new layers.SpatialDropout1D(0.5, { seed: 7 });
    tidy(() => {
      const ones = tensor(new Float32Array(2000 * 2 * 1).fill(1), [2000, 2, 1]);
      expect(ops.mean(layer.apply(ones, { training: true })).dataSync()[0]).toBeCloseTo(1, 1);
    });
  });

  it('have gradient mask / (1 - rate) in training (the same mask as the forward pass)', () => {
    const layer = new layers.SpatialDropout2D(0.5, { seed: 11 });
    tidy(() => {
      const x = tensor(seededValues(2 * 2 * 2 * 6, 3, 0.5, 1.5), [2, 2, 2, 6]);
      let y: Float32Array = new Float32Array();
      const { grads } = valueAndGrads(() => {
        const out = layer.apply(x, { training: true });
        y = out.dataSync() as Float32Array;
        return ops.sum(out);
      }, [x]);
      const xs = x.dataSync();
      expectClose(grads[0]!, Array.from(y, (v, i) => v / xs[i]!), 1e-5);
    });
  });

  it('make the same masks for the same seed, zeros for rate 1, identity for rate 0', () => {
    const x = seededValues(3 * 4 * 8, 2, 0.5, 1.5);
    tidy(() => {
      const a = new layers.SpatialDropout1D(0.5, { seed: 42 }).apply(tensor(x, [3, 4, 8]), { training: true });
      const b = new layers.SpatialDropout1D(0.5, { seed: 42 }).apply(tensor(x, [3, 4, 8]), { training: true });
      expectClose(a, b.dataSync(), 0);
      expectClose(new layers.SpatialDropout1D(1).apply(tensor(x, [3, 4, 8]), { training: true }), new Float32Array(x.length), 0);
      expectClose(new layers.SpatialDropout1D(0).apply(tensor(x, [3, 4, 8]), { training: true }), x, 0);
    });
  });

  it("write Keras's config (rate, seed, name, dtype; data_format for 2-D/3-D) and round-trip it, leaking nothing", () => {
    const layer = new layers.SpatialDropout1D(0.25, { name: 'sd', seed: 3 });
    expect(layer.getConfig()).toEqual({ rate: 0.25, seed: 3, name: 'sd', dtype: 'float32' });
    expect(new layers.SpatialDropout2D(0.5).getConfig()).toMatchObject({ rate: 0.5, seed: null, data_format: 'channels_last' });
    expectConfigRoundTrip(layer);
    expectConfigRoundTrip(new layers.SpatialDropout2D({ rate: 0.1, dataFormat: 'channels_first' }));
    expectConfigRoundTrip(new layers.SpatialDropout3D(0.7, { seed: 1 }));
    const before = memory().numTensors;
    tidy(() => { new layers.SpatialDropout3D(0.5).apply(tensor(new Float32Array(16), [1, 2, 2, 2, 2]), { training: true }); });
    expect(memory().numTensors).toBe(before);
  });

  it("take Keras's positional arguments or options, and no other layer keyword (as Keras)", () => {
    expectSameLayer(new layers.SpatialDropout1D(0.2, 4), new layers.SpatialDropout1D({ rate: 0.2, seed: 4 }));
    expectSameLayer(new layers.SpatialDropout2D(0.2, 'channels_first', 4), new layers.SpatialDropout2D({ rate: 0.2, dataFormat: 'channels_first', seed: 4 }));
    expectSameLayer(new layers.SpatialDropout3D(0.2, null, 4), new layers.SpatialDropout3D({ rate: 0.2, seed: 4 }));
    expect(() => new layers.SpatialDropout1D(0.2, { dataFormat: 'channels_last' } as never)).toThrow("Unrecognized keyword arguments passed to SpatialDropout1D: {'dataFormat': 'channels_last'}");
    expect(() => new layers.SpatialDropout2D(0.2, { trainable: false } as never)).toThrow("Unrecognized keyword arguments passed to SpatialDropout2D: {'trainable': False}");
  });

  it("reject bad arguments and inputs with Keras's messages", () => {
    expect(() => new layers.SpatialDropout1D(1.5)).toThrow('Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5');
    expect(() => new layers.SpatialDropout2D({ rate: 0.5, dataFormat: 'NCHW' as 'channels_first' })).toThrow("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nchw");
    expect(() => new layers.SpatialDropout2D(0.5).apply(Input({ shape: [3, 3] }))).toThrow('expected ndim=4, found ndim=3');
    expect(() => new layers.SpatialDropout1D(0.5).apply(Input({ shape: [3, 3, 3] }))).toThrow('expected ndim=3, found ndim=4');
  });
});
