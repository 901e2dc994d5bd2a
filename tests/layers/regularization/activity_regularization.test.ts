import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('ActivityRegularization', () => {
  it('returns its input and adds (l1·sum|x| + l2·sum x²) / batch to its losses', () => {
    const layer = new layers.ActivityRegularization({ l1: 0.1, l2: 0.01 });
    tidy(() => {
      const x = tensor([[1, -2], [3, -4]]);
      expect(layer.apply(x)).toBe(x);
      expect(layer.losses).toHaveLength(1);
      // (0.1 * 10 + 0.01 * 30) / 2
      expectClose(layer.losses[0]!, [0.65], 1e-6);
      layer.apply(x);
      expect(layer.losses).toHaveLength(2);
      layer.clearLosses();
      expect(layer.losses).toHaveLength(0);
    });
    tidy(() => {
      const none = new layers.ActivityRegularization();
      none.apply(tensor([[5]]));
      expectClose(none.losses[0]!, [0], 0);
    });
  });

  it('passes gradients through unchanged', () => gradcheckLayer(new layers.ActivityRegularization({ l2: 1 }), [2, 3]));

  it("validates its factors with Keras's message and round-trips its config", () => {
    expect(() => new layers.ActivityRegularization({ l1: -1 })).toThrow('Invalid value for argument l1: expected a non-negative float.Received: l1=-1');
    const layer = new layers.ActivityRegularization({ l1: 0.5, name: 'act' });
    expect(layer.getConfig()).toMatchObject({ name: 'act', l1: 0.5, l2: 0 });
    expect(layer.getConfig()).not.toHaveProperty('activity_regularizer');
    expectConfigRoundTrip(layer);
    expect(layer.apply(Input({ shape: [4] })).shape).toEqual([null, 4]);
  });

  it("takes l1 and l2 in Keras's order or as options, and refuses a second activity regularizer", () => {
    expectSameLayer(new layers.ActivityRegularization(0.1, 0.2), new layers.ActivityRegularization({ l1: 0.1, l2: 0.2 }));
    expect(() => new layers.ActivityRegularization({ activityRegularizer: 'l2' })).toThrow("ActivityRegularization got multiple values for keyword argument 'activity_regularizer'.");
    expect(() => new layers.ActivityRegularization({ l3: 1 } as never)).toThrow("Unrecognized keyword arguments passed to ActivityRegularization: {'l3': 1}");
  });

  it('frees its loss with the enclosing scope', () => {
    const before = memory().numTensors;
    tidy(() => {
      new layers.ActivityRegularization({ l1: 1 }).apply(tensor([[1, 2]]));
    });
    expect(memory().numTensors).toBe(before);
  });
});
