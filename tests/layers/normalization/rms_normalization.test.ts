import { describe, expect, it } from 'vitest';
import { Input, layers, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

describe('RMSNormalization', () => {
  it('computes x * rsqrt(mean(x²) + epsilon) * scale (hand-computed)', () => {
    const x = seededValues(2 * 3, 1, -2, 3), scale = seededValues(3, 2, 0.5, 1.5);
    const rms = new layers.RMSNormalization();
    tidy(() => {
      rms.apply(tensor(new Float32Array(6), [2, 3]));
      rms.setWeights([tensor(scale)]);
      const want: number[] = [];
      for (let b = 0; b < 2; b++) {
        const row = Array.from(x.slice(b * 3, b * 3 + 3));
        const r = 1 / Math.sqrt(row.reduce((a, v) => a + v * v, 0) / 3 + 1e-6);
        row.forEach((v, c) => want.push(v * r * scale[c]!));
      }
      expectClose(rms.apply(tensor(x, [2, 3])), want, 1e-5);
    });
    expect(rms.axis).toEqual([-1]);
    rms.dispose();
    const multi = new layers.RMSNormalization({ axis: [2, 1], epsilon: 0.1 });
    tidy(() => {
      const y = multi.apply(tensor([[[1, 2], [3, 4], [5, 6]]]));
      const r = 1 / Math.sqrt(91 / 6 + 0.1);
      expectClose(y, [1, 2, 3, 4, 5, 6].map((v) => v * r), 1e-5);
    });
    expect(multi.axis).toEqual([1, 2]);
    expect(multi.scale!.shape).toEqual([3, 2]);
  });

  it('has gradients that agree with finite differences', () => {
    const rms = new layers.RMSNormalization();
    rms.apply(Input({ shape: [4] }));
    rms.setWeights([tensor([0.5, 1.5, -1, 2])]);
    gradcheckLayer(rms, [3, 4]);
    gradcheckLayer(new layers.RMSNormalization({ axis: [1, 2] }), [2, 2, 3]);
  });

  it("takes Keras's arguments positionally or as options", () => {
    const positional = new layers.RMSNormalization([1, 2], 1e-5);
    const options = new layers.RMSNormalization({ axis: [1, 2], epsilon: 1e-5 });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(positional.getConfig()).toMatchObject({ axis: [1, 2], epsilon: 1e-5 });
    expect(() => new layers.RMSNormalization({ center: false } as never)).toThrow("Unrecognized keyword arguments passed to RMSNormalization: {'center': False}.");
  });

  it("writes Keras's config (axis a list once built), round-trips it, and rejects bad axes", () => {
    const rms = new layers.RMSNormalization({ name: 'rms' });
    expect(rms.getConfig()).toEqual({ name: 'rms', trainable: true, dtype: rms.getConfig().dtype, axis: -1, epsilon: 1e-6 });
    rms.apply(Input({ shape: [4] }));
    expect(rms.getConfig()).toMatchObject({ axis: [-1] });
    expect(rms.weights.map((w) => w.name)).toEqual(['scale']);
    expectConfigRoundTrip(new layers.RMSNormalization({ axis: [1, 2], epsilon: 1e-3 }));
    expect(() => new layers.RMSNormalization({ axis: 2 }).apply(Input({ shape: [3] }))).toThrow('Axis 2 is out of bounds for input shape (None, 3). Received: axis=2');
  });
});
