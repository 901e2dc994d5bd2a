import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy } from '../../ts/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const unaryCases = [
  ['negative', tf.neg], ['exp', tf.exp], ['square', tf.square], ['abs', tf.abs],
  ['relu', tf.relu], ['sigmoid', tf.sigmoid], ['tanh', tf.tanh],
] as const;
const positiveCases = [['log', tf.log], ['sqrt', tf.sqrt]] as const;
const binaryCases = [
  ['add', tf.add], ['subtract', tf.sub], ['multiply', tf.mul], ['divide', tf.div],
  ['maximum', tf.maximum], ['minimum', tf.minimum],
] as const;

describe('element-wise ops', () => {
  const x = seededValues(24, 3, -3, 3);
  const positive = seededValues(24, 4, 0.2, 4);

  it.each([...unaryCases, ...positiveCases])('%s matches tfjs', (name, oracle) => {
    const input = name === 'log' || name === 'sqrt' ? positive : x;
    const want = oracle(tf.tensor(input, [4, 6])).dataSync();
    tidy(() => expectClose(ops[name](tensor(input, [4, 6])), want, 1e-5));
  });

  it.each(binaryCases)('%s matches tfjs with broadcasting', (name, oracle) => {
    const b = seededValues(6, 5, 0.5, 2);
    const want = oracle(tf.tensor(x, [4, 6]), tf.tensor(b, [6])).dataSync();
    tidy(() => {
      const got = ops[name](tensor(x, [4, 6]), tensor(b, [6]));
      expect(got.shape).toEqual([4, 6]);
      expectClose(got, want, 1e-6);
    });
  });

  it('takes numbers as scalars and frees them', () => {
    const before = memory().numTensors;
    tidy(() => expectClose(ops.add(tensor([1, 2]), 10), [11, 12]));
    expect(memory().numTensors).toBe(before);
  });

  it('names the op and both shapes when broadcasting fails', () => {
    tidy(() => expect(() => ops.add(tensor([[1, 2, 3]]), tensor([1, 2]))).toThrow('add: cannot broadcast shapes (1, 3) and (2,)'));
  });

  it('names the op and argument for a non-tensor', () => {
    expect(() => ops.exp([1, 2] as never)).toThrow("Argument 'x' passed to 'exp' must be a Tensor");
  });

  it.each([...unaryCases.map(([n]) => n)])('%s has gradients that agree with finite differences', (name) => {
    gradcheck((t) => ops[name](t), [{ values: [-1.3, -0.6, 0.4, 1.2, 2.1, -2.4], shape: [2, 3] }]);
  });

  it.each(['log', 'sqrt'] as const)('%s has gradients that agree with finite differences', (name) => {
    gradcheck((t) => ops[name](t), [{ values: [0.6, 1.4, 2.5, 3.3], shape: [4] }]);
  });

  it.each(binaryCases.map(([n]) => n))('%s has broadcast gradients that agree with finite differences', (name) => {
    gradcheck((a, b) => ops[name](a, b), [
      { values: [1.1, -2.3, 3.2, 0.4, -1.5, 2.6], shape: [2, 3] },
      { values: [0.7, 1.9, -1.3], shape: [3] },
    ]);
  });
});
