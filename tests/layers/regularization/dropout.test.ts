import { describe, expect, it } from 'vitest';
import { Input, layers, memory, ops, tensor, tidy, valueAndGrads } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Dropout', () => {
  it('is the identity at inference', () => {
    const layer = new layers.Dropout(0.5);
    tidy(() => {
      const x = tensor([[1, 2, 3]]);
      expect(layer.apply(x)).toBe(x);
      expect(layer.apply(x, { training: false })).toBe(x);
    });
    gradcheckLayer(layer, [2, 3]);
  });

  it('keeps about 1 - rate of the units in training and scales them by 1 / (1 - rate)', () => {
    const layer = new layers.Dropout(0.3, { seed: 1 });
    tidy(() => {
      const y = layer.apply(ops.add(ops.multiply(tensor(new Float32Array(100_000), [100, 1000]), 0), 2), { training: true }).dataSync();
      const kept = y.filter((v) => v !== 0);
      expect(Math.abs(kept.length / y.length - 0.7)).toBeLessThan(0.01);
      expect(kept.every((v) => Math.abs(v - 2 / 0.7) < 1e-6)).toBe(true);
    });
  });

  it('has the gradient mask / (1 - rate) in training', () => {
    const layer = new layers.Dropout(0.5, { seed: 2 });
    tidy(() => {
      const xv = seededValues(60, 3, 0.5, 1.5);
      const x = tensor(xv, [6, 10]);
      const r = tensor(seededValues(60, 4), [6, 10]);
      let y = x;
      const { grads } = valueAndGrads(() => {
        y = layer.apply(x, { training: true });
        return ops.sum(ops.multiply(y, r));
      }, [x]);
      const yv = y.dataSync(), rv = r.dataSync();
      expectClose(grads[0]!, Array.from(yv, (v, i) => (rv[i]! * v) / xv[i]!), 1e-5);
      expect(Array.from(yv).some((v) => v === 0) && Array.from(yv).some((v) => v !== 0)).toBe(true);
    });
  });

  it('reproduces its mask sequence from the seed; unseeded layers differ', () => {
    const run = (layer: InstanceType<typeof layers.Dropout>) =>
      tidy(() => [1, 2].map(() => Array.from(layer.apply(ops.add(tensor(new Float32Array(64), [8, 8]), 1), { training: true }).dataSync())));
    const [a1, a2] = run(new layers.Dropout(0.5, { seed: 42 }));
    const [b1, b2] = run(new layers.Dropout(0.5, { seed: 42 }));
    expect(b1).toEqual(a1);
    expect(b2).toEqual(a2);
    expect(a2).not.toEqual(a1);
    expect(run(new layers.Dropout(0.5))[0]).not.toEqual(run(new layers.Dropout(0.5))[0]);
  });

  it('broadcasts a noise shape: the same features dropped at every timestep', () => {
    const layer = new layers.Dropout(0.5, { noiseShape: [null, 1, null], seed: 3 });
    tidy(() => {
      const y = layer.apply(ops.add(tensor(new Float32Array(2 * 5 * 40), [2, 5, 40]), 1), { training: true });
      const v = y.dataSync();
      for (let b = 0; b < 2; b++) {
        for (let t = 1; t < 5; t++) {
          for (let f = 0; f < 40; f++) expect(v[b * 200 + t * 40 + f]).toBe(v[b * 200 + f]);
        }
      }
      expect(() => layer.apply(tensor([[1, 2]]), { training: true })).toThrow('noise_shape=(None, 1, None) cannot be broadcast to the input shape (1, 2)');
    });
  });

  it('drops everything at rate 1 and nothing at rate 0', () => {
    tidy(() => {
      const x = tensor([[1, -2, 3]]);
      expectClose(new layers.Dropout(1).apply(x, { training: true }), [0, 0, 0], 0);
      expect(new layers.Dropout(0).apply(x, { training: true })).toBe(x);
    });
  });

  it("validates its arguments with Keras's messages and round-trips its config", () => {
    expect(() => new layers.Dropout(1.5)).toThrow('Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5');
    expect(() => new layers.Dropout(0.5, { noiseShape: [null, 0] })).toThrow('Expected all dimensions to be positive integers or None. Received negative or zero value at index 1: 0');
    const layer = new layers.Dropout(0.25, { seed: 7, noiseShape: [null, 1], name: 'drop' });
    expect(layer.getConfig()).toMatchObject({ name: 'drop', rate: 0.25, seed: 7, noise_shape: [null, 1] });
    expect(new layers.Dropout(0.1).getConfig()).toMatchObject({ seed: null, noise_shape: null });
    expectConfigRoundTrip(layer);
    expect(layer.supportsMasking).toBe(true);
    expect(layer.apply(Input({ shape: [3] })).shape).toEqual([null, 3]);
  });

  it("takes rate, noiseShape and seed in Keras's order or as options, and names an unknown option", () => {
    expectSameLayer(new layers.Dropout(0.3, [null, 1], 5), new layers.Dropout({ rate: 0.3, noiseShape: [null, 1], seed: 5 }));
    expectSameLayer(new layers.Dropout(0.3, { seed: 5 }), new layers.Dropout({ rate: 0.3, seed: 5 }));
    expect(() => new layers.Dropout({})).toThrow("Dropout missing required argument: 'rate'.");
    expect(() => new layers.Dropout(0.3, { noise_shape: [1] } as never)).toThrow("Unrecognized keyword arguments passed to Dropout: {'noise_shape': [1]}. Options take camelCase keys: did you mean 'noiseShape'?");
  });

  it('frees everything it allocates in training', () => {
    const before = memory().numTensors;
    tidy(() => {
      new layers.Dropout(0.5).apply(tensor([[1, 2, 3, 4]]), { training: true });
    });
    expect(memory().numTensors).toBe(before);
  });
});
