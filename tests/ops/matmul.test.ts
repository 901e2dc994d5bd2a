import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** tfjs's matMul does not broadcast batch axes of different rank: broadcast both operands first. */
function oracle(a: Float32Array, sa: number[], b: Float32Array, sb: number[]): tf.Tensor {
  const rank = Math.max(sa.length, sb.length) - 2;
  const pad = (s: number[]) => [...new Array<number>(rank - (s.length - 2)).fill(1), ...s.slice(0, -2)];
  const batch = pad(sa).map((d, i) => Math.max(d, pad(sb)[i]!));
  return tf.matMul(tf.broadcastTo(tf.tensor(a, sa), [...batch, ...sa.slice(-2)]), tf.broadcastTo(tf.tensor(b, sb), [...batch, ...sb.slice(-2)]));
}

describe('matmul', () => {
  const cases: [number[], number[]][] = [
    [[5, 7], [7, 3]],
    [[4, 5, 7], [7, 3]],
    [[4, 5, 7], [4, 7, 3]],
    [[1, 5, 7], [4, 7, 3]],
    [[2, 1, 5, 7], [3, 7, 3]],
    [[70, 90], [90, 80]],
    [[6, 33, 40], [6, 40, 50]],
  ];

  it.each(cases)('%j · %j matches tfjs', (sa, sb) => {
    const a = seededValues(size(sa), 21);
    const b = seededValues(size(sb), 22);
    const want = oracle(a, sa, b, sb);
    tidy(() => {
      const got = ops.matmul(tensor(a, sa), tensor(b, sb));
      expect(got.shape).toEqual(want.shape);
      expectClose(got, want.dataSync(), 1e-4);
    });
  });

  it('treats 1-D operands as NumPy does', () => {
    tidy(() => {
      const m = tensor([[1, 2, 3], [4, 5, 6]]);
      const v = tensor([1, 0, -1]);
      const mv = ops.matmul(m, v);
      expect(mv.shape).toEqual([2]);
      expectClose(mv, [-2, -2]);
      const vm = ops.matmul(tensor([1, 2]), m);
      expect(vm.shape).toEqual([3]);
      expectClose(vm, [9, 12, 15]);
      const dot = ops.matmul(v, v);
      expect(dot.shape).toEqual([]);
      expectClose(dot, [2]);
    });
  });

  it('names both shapes when they do not fit', () => {
    tidy(() => {
      expect(() => ops.matmul(tensor(new Float32Array(6), [2, 3]), tensor(new Float32Array(20), [4, 5]))).toThrow('matmul: inner dimensions differ: (2, 3) and (4, 5)');
      expect(() => ops.matmul(tensor(new Float32Array(12), [2, 2, 3]), tensor(new Float32Array(18), [3, 3, 2])))
        .toThrow('matmul: batch dimensions cannot broadcast: (2, 2, 3) and (3, 3, 2)');
      expect(() => ops.matmul(tensor(Int32Array.from([1]), [1, 1]), tensor([[1]]))).toThrow('matmul: expected a float32 tensor, received int32');
      expect(() => ops.matmul(tensor(3), tensor([[1]]))).toThrow('matmul: inputs must have at least one dimension');
    });
  });

  it('frees everything inside tidy, including gradients', () => {
    const before = memory().numTensors;
    tidy(() => {
      const a = tensor(seededValues(12, 1), [2, 2, 3]);
      const b = tensor(seededValues(6, 2), [3, 2]);
      valueAndGrads(() => ops.sum(ops.matmul(a, b)), [a, b]);
    });
    expect(memory().numTensors).toBe(before);
  });

  it('gradients match tfjs for a broadcast batch', () => {
    const [sa, sb] = [[1, 3, 4], [2, 4, 5]];
    const a = seededValues(size(sa), 31);
    const b = seededValues(size(sb), 32);
    const [wantA, wantB] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(tf.broadcastTo(x, [2, 3, 4]), y).sum())([tf.tensor(a, sa), tf.tensor(b, sb)]);
    tidy(() => {
      const [x, y] = [tensor(a, sa), tensor(b, sb)];
      const { grads } = valueAndGrads(() => ops.sum(ops.matmul(x, y)), [x, y]);
      expect(grads[0]!.shape).toEqual(sa);
      expectClose(grads[0]!, wantA!.dataSync(), 1e-5);
      expectClose(grads[1]!, wantB!.dataSync(), 1e-5);
    });
  });

  it.each([
    [[2, 3], [3, 4]], [[2, 2, 3], [3, 4]], [[2, 2, 3], [2, 3, 4]], [[1, 2, 3], [3, 3, 4]],
    [[3, 1, 2, 3], [2, 3, 2]], [[2, 3], [2, 3, 2]], [[3], [3, 2]], [[2, 3], [3]],
  ])('%j · %j has gradients that agree with finite differences', (sa, sb) => {
    gradcheck((a, b) => ops.matmul(a, b), [
      { values: seededValues(size(sa), 41), shape: sa },
      { values: seededValues(size(sb), 42), shape: sb },
    ]);
  });
});
