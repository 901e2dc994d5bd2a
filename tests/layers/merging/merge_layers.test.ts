/** The element-wise merge layers and their shared base (Keras's `merging_test.py` covers them together). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, KerasTensor, layers, memory, ops, tensor, tidy, type Tensor } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const a = seededValues(2 * 3 * 4, 1), b = seededValues(2 * 3 * 4, 2), c = seededValues(2 * 3 * 4, 3);
const shape = [2, 3, 4];

const cases = [
  { name: 'Add', make: () => new layers.Add(), fn: layers.add, oracle: tf.layers.add, inputs: 3 },
  { name: 'Multiply', make: () => new layers.Multiply(), fn: layers.multiply, oracle: tf.layers.multiply, inputs: 3 },
  { name: 'Average', make: () => new layers.Average(), fn: layers.average, oracle: tf.layers.average, inputs: 3 },
  { name: 'Maximum', make: () => new layers.Maximum(), fn: layers.maximum, oracle: tf.layers.maximum, inputs: 3 },
  { name: 'Minimum', make: () => new layers.Minimum(), fn: layers.minimum, oracle: tf.layers.minimum, inputs: 3 },
  { name: 'Subtract', make: () => new layers.Subtract(), fn: layers.subtract, oracle: null, inputs: 2 },
] as const;

describe.each(cases)('$name', ({ name, make, fn, oracle, inputs }) => {
  const values = [a, b, c].slice(0, inputs);

  it('matches tfjs-layers (or x1 - x2 for Subtract), as a layer and in functional form', () => {
    const want = oracle
      ? (oracle().apply(values.map((v) => tf.tensor(v, shape))) as tf.Tensor).dataSync()
      : a.map((v, i) => v - b[i]!);
    tidy(() => {
      const xs = values.map((v) => tensor(v, shape));
      expectClose(make().apply(xs) as Tensor, want, 1e-6);
      expectClose(fn(xs), want, 1e-6);
    });
  });

  it('has gradients that agree with finite differences', () => {
    // Values at least 0.05 apart, so that finite differences never cross a Maximum/Minimum kink.
    const spaced = [[7, 0], [11, 0.05], [5, 0.1]].slice(0, inputs).map(([m, off]) =>
      Float32Array.from({ length: 24 }, (_, i) => ((i * m! + m!) % 24) / 8 - 1.5 + off!));
    gradcheck((...xs) => make().apply(xs) as Tensor, spaced.map((v) => ({ values: v, shape })));
  });

  it('broadcasts per sample and expands lower-rank inputs at axis 1, symbolically and concretely', () => {
    const layer = make();
    const out = layer.apply([Input({ shape: [4] }), Input({ shape: [3, 4] })]) as KerasTensor;
    expect(out.shape).toEqual([null, 3, 4]);
    expect(fn([Input({ shape: [3, 1] }), Input({ shape: [3, 4] })]).shape).toEqual([null, 3, 4]);
    tidy(() => {
      const low = tensor(a.slice(0, 8), [2, 4]), high = tensor(b, shape);
      const y = layer.apply([low, high]) as Tensor;
      expect(y.shape).toEqual(shape);
      const expanded = ops.reshape(low, [2, 1, 4]);
      const reference = make().apply([ops.add(expanded, ops.multiply(high, 0)), high]) as Tensor;
      expectClose(y, reference.dataSync(), 1e-6);
    });
  });

  it("raises Keras's merge errors at construction time", () => {
    expect(() => make().apply(Input({ shape: [3] }))).toThrow('A merge layer should be called on a list of inputs. Received: input_shape=(None, 3) (not a list of shapes)');
    expect(() => make().apply([Input({ shape: [3] }), Input({ shape: [4] })])).toThrow('Inputs have incompatible shapes. Received shapes (3,) and (4,)');
    expect(() => make().apply([Input({ shape: [3], batchSize: 2 }), Input({ shape: [3], batchSize: 5 })])).toThrow(
      'Cannot merge tensors with different batch sizes. Received tensors with shapes [(2, 3), (5, 3)]');
    if (name === 'Subtract') {
      expect(() => make().apply([Input({ shape: [3] }), Input({ shape: [3] }), Input({ shape: [3] })])).toThrow(
        'A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=[(None, 3), (None, 3), (None, 3)]');
    }
  });

  it("takes only the layer keywords, as a layer and in functional form, naming an unknown option", () => {
    const named = fn([Input([3]), Input([3])], { name: `${name.toLowerCase()}_out` }) as KerasTensor;
    expect(named.node!.operation.name).toBe(`${name.toLowerCase()}_out`);
    expect(() => new (make().constructor as new (args: object) => unknown)({ axis: 1 })).toThrow(`Unrecognized keyword arguments passed to ${name}: {'axis': 1}`);
    expect(() => fn([Input([3]), Input([3])], { axis: 1 } as never)).toThrow(`Unrecognized keyword arguments passed to ${name}: {'axis': 1}`);
  });

  it('round-trips its config and frees its temporaries', () => {
    const layer = make();
    expect(Object.keys(layer.getConfig()).sort()).toEqual(['dtype', 'name', 'trainable']);
    expectConfigRoundTrip(layer);
    const before = memory().numTensors;
    tidy(() => {
      layer.apply(values.map((v) => tensor(v, shape)));
    });
    expect(memory().numTensors).toBe(before);
  });
});

describe('Merge masks', () => {
  const withMask = (values: number[][][], mask: number[]) => {
    const x = tensor(values);
    x.kerasMask = tensor([mask]);
    return x;
  };

  it('Maximum and Minimum ignore masked-out entries; the output mask is the OR', () => {
    tidy(() => {
      const x1 = withMask([[[1], [5], [7]]], [1, 0, 0]);
      const x2 = withMask([[[3], [2], [-4]]], [1, 1, 0]);
      const max = new layers.Maximum().apply([x1, x2]) as Tensor;
      expectClose(max, [3, 2, 7], 0);
      expectClose(max.kerasMask!, [1, 1, 0], 0);
      // Where every input is masked out, the first input's value stays (Keras's rule).
      expectClose(new layers.Minimum().apply([x1, x2]) as Tensor, [1, 2, 7], 0);
    });
  });

  it('Multiply treats masked-out entries as 1 and zeroes entries masked out everywhere', () => {
    tidy(() => {
      const x1 = withMask([[[4], [5], [7]]], [1, 0, 0]);
      const x2 = withMask([[[3], [2], [6]]], [1, 1, 0]);
      const y = new layers.Multiply().apply([x1, x2]) as Tensor;
      expectClose(y, [12, 2, 0], 0);
      expectClose(y.kerasMask!, [1, 1, 0], 0);
      // One unmasked input: no output mask (Keras's Merge.compute_mask).
      expect((new layers.Add().apply([x1, tensor([[[1], [1], [1]]])]) as Tensor).kerasMask).toBeNull();
      expectClose((new layers.Add().apply([x1, x2]) as Tensor).kerasMask!, [1, 1, 0], 0);
    });
  });
});
