import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type CallArgs, Input, Layer, type Tensor, layers, memory, ops, tensor, tidy } from '../../ts/index.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const x6 = seededValues(6, 31, -2, 2);

describe('expandDims, squeeze and stack', () => {
  it.each([[0], [1], [2], [-1], [[0, 3]]])('expandDims(%j) matches NumPy', (axis) => {
    const want = { 0: [1, 2, 3], 1: [2, 1, 3], 2: [2, 3, 1], [-1]: [2, 3, 1] } as Record<string, number[]>;
    tidy(() => {
      const got = ops.expandDims(tensor(x6, [2, 3]), axis);
      expect(got.shape).toEqual(Array.isArray(axis) ? [1, 2, 3, 1] : want[String(axis)]);
      expectClose(got, x6, 0);
    });
  });

  it('squeeze drops every size-1 axis, or those asked for, which must have size 1', () => {
    tidy(() => {
      const x = tensor(x6, [1, 2, 1, 3]);
      expect(ops.squeeze(x).shape).toEqual([2, 3]);
      expect(ops.squeeze(x, 2).shape).toEqual([1, 2, 3]);
      expect(ops.squeeze(x, [0, -2]).shape).toEqual([2, 3]);
      expect(() => ops.squeeze(x, 1)).toThrow('Cannot squeeze axis 1, because the dimension is not 1.');
      expect(() => ops.squeeze(x, -5)).toThrow('axis -5 is out of bounds for an array with dimension 4.');
      expect(() => ops.squeeze(Input({ shape: [1, 3] }), 3)).toThrow('axis 3 is out of bounds for an array with dimension 3.');
    });
  });

  it.each([[0], [1], [2], [-1]])('stack on axis %d matches tfjs', (axis) => {
    const b = seededValues(6, 32, -2, 2);
    const want = tf.stack([tf.tensor(x6, [2, 3]), tf.tensor(b, [2, 3])], axis < 0 ? 3 + axis : axis);
    tidy(() => {
      const got = ops.stack([tensor(x6, [2, 3]), tensor(b, [2, 3])], axis);
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 0);
    });
  });

  it('stack leaves no temporary behind and refuses mixed dtypes', () => {
    const before = memory().numTensors;
    tidy(() => {
      ops.stack([tensor([1, 2]), tensor([3, 4])]);
      expect(() => ops.stack([tensor([1, 2]), tensor(Int32Array.from([3, 4]))])).toThrow("stack: all tensors must have the same dtype, input 0 is float32 and input 1 is int32");
    });
    expect(memory().numTensors).toBe(before);
  });

  it('have gradients that agree with finite differences', () => {
    gradcheck((t) => ops.squeeze(ops.expandDims(t, 1), 1), [{ values: x6, shape: [2, 3] }]);
    gradcheck((a, b) => ops.stack([a!, b!], 1), [{ values: x6, shape: [2, 3] }, { values: seededValues(6, 33), shape: [2, 3] }]);
  });
});

describe('shape, zeros, ones and arange', () => {
  it('shape gives the sizes of a tensor', () => {
    tidy(() => expect(ops.shape(tensor(x6, [2, 3]))).toEqual([2, 3]));
  });

  it('zeros and ones fill a shape, float32 unless a dtype is given', () => {
    tidy(() => {
      expect(ops.zeros([2, 2]).arraySync()).toEqual([[0, 0], [0, 0]]);
      const ones = ops.ones([3], 'int32');
      expect([ones.dtype, ones.arraySync()]).toEqual(['int32', [1, 1, 1]]);
      expect(() => ops.zeros([2, -1])).toThrow('zeros: `shape` must be an integer or an array of non-negative integers, received [2, -1]');
    });
  });

  it('arange counts as Keras does, int32 for whole bounds', () => {
    tidy(() => {
      const three = ops.arange(3);
      expect([three.dtype, three.arraySync()]).toEqual(['int32', [0, 1, 2]]);
      expect(ops.arange(3, 7, 2).arraySync()).toEqual([3, 5]);
      const halves = ops.arange(0, 1.5, 0.5);
      expect([halves.dtype, halves.arraySync()]).toEqual(['float32', [0, 0.5, 1]]);
      expect(ops.arange(3, null, 1, 'float32').dtype).toBe('float32');
      expect(ops.arange(5, 2).shape).toEqual([0]);
      expect(() => ops.arange(0, 3, 0)).toThrow('arange: `step` must not be 0');
    });
  });
});

/** The hand-written RNN of Keras's subclassing guide: a loop over time from a zero state, the steps stacked. */
class GuideRNN extends Layer {
  readonly units = 32;
  readonly projection1 = new layers.Dense(this.units, { activation: 'tanh' });
  readonly projection2 = new layers.Dense(this.units, { activation: 'tanh' });
  readonly classifier = new layers.Dense(1);

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const outputs: Tensor[] = [];
    let state = ops.zeros([inputs.shape[0]!, this.units]);
    for (let t = 0; t < inputs.shape[1]!; t++) {
      const x = ops.squeeze(ops.slice(inputs, [0, t, 0], [-1, 1, -1]), 1);
      state = ops.add(this.projection1.apply(x), this.projection2.apply(state));
      outputs.push(state);
    }
    return this.classifier.apply(ops.stack(outputs, 1));
  }
}

describe("the subclassing guide's hand-written RNN (zeros, stack)", () => {
  it('runs eagerly and trains every weight through the loop', () => {
    const net = new GuideRNN();
    tidy(() => {
      const x = tensor(seededValues(2 * 10 * 5, 71), [2, 10, 5]);
      expect(net.apply(x).shape).toEqual([2, 10, 1]);
      const { grads } = valueAndGrads(() => ops.sum(net.apply(x)), net.trainableWeights.map((w) => w.value));
      expect(net.trainableWeights.length).toBe(6);
      expect(grads.every((g) => g !== null && Array.from(g.dataSync()).some((v) => v !== 0))).toBe(true);
    });
    net.dispose();
  });
});
