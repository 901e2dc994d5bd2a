import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, constraints, layers, regularizers, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from './common.js';
import { expectSameLayer } from '../same_layer.js';

describe('PReLU', () => {
  it('starts as ReLU (alpha zeros) and matches tfjs-layers on the same alpha', () => {
    const x = seededValues(24, 3, -2, 2);
    const alpha = seededValues(12, 4, 0, 0.5);
    const oracle = tf.layers.prelu({});
    oracle.apply(tf.zeros([1, 3, 4]));
    oracle.setWeights([tf.tensor(alpha, [3, 4])]);
    const layer = new layers.PReLU();
    tidy(() => {
      expectClose(layer.apply(tensor(x, [2, 3, 4])), Array.from(x).map((v) => Math.max(v, 0)));
      layer.setWeights([tensor(alpha, [3, 4])]);
      expectClose(layer.apply(tensor(x, [2, 3, 4])), (oracle.apply(tf.tensor(x, [2, 3, 4])) as tf.Tensor).dataSync(), 1e-6);
    });
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([['alpha', [3, 4]]]);
    layer.dispose();
  });

  it('shares alpha along sharedAxes, as tfjs-layers', () => {
    const x = seededValues(2 * 3 * 4 * 2, 6, -2, 2);
    const alpha = seededValues(2, 7, 0, 1);
    const oracle = tf.layers.prelu({ sharedAxes: [1, 2] });
    oracle.apply(tf.zeros([1, 3, 4, 2]));
    oracle.setWeights([tf.tensor(alpha, [1, 1, 2])]);
    const layer = new layers.PReLU({ sharedAxes: [1, 2] });
    tidy(() => {
      layer.apply(tensor(new Float32Array(24), [1, 3, 4, 2]));
      expect(layer.alpha!.shape).toEqual([1, 1, 2]);
      layer.setWeights([tensor(alpha, [1, 1, 2])]);
      expectClose(layer.apply(tensor(x, [2, 3, 4, 2])), (oracle.apply(tf.tensor(x, [2, 3, 4, 2])) as tf.Tensor).dataSync(), 1e-6);
      // Shared axes may change size; the others are fixed by the input spec.
      expect(layer.apply(tensor(new Float32Array(2 * 5 * 6 * 2), [2, 5, 6, 2])).shape).toEqual([2, 5, 6, 2]);
      expect(() => layer.apply(tensor(new Float32Array(36), [1, 3, 4, 3]))).toThrow(/expected axis 3 of input shape to have value 2/);
    });
    expect(new layers.PReLU({ sharedAxes: 1 }).sharedAxes).toEqual([1]);
    layer.dispose();
  });

  it('has gradients for the input and alpha that agree with finite differences', () => {
    // Six seeded inputs: they stay > 0.29 away from the kink at 0.
    gradcheckLayer(new layers.PReLU({ alphaInitializer: { class_name: 'Constant', config: { value: 0.25 } } }), [2, 3]);
    gradcheckLayer(new layers.PReLU({ alphaInitializer: { class_name: 'RandomUniform', config: { minval: 0.1, maxval: 0.6, seed: 1 } }, sharedAxes: [1] }), [1, 3, 2]);
  });

  it('takes a regularizer and a constraint for alpha, and round-trips its config', () => {
    const layer = new layers.PReLU({ alphaInitializer: 'ones', alphaRegularizer: new regularizers.L2(0.5), alphaConstraint: 'non_neg', sharedAxes: [1] });
    tidy(() => {
      layer.apply(tensor(new Float32Array(6), [1, 2, 3]));
      // 0.5 * sum(ones(1, 3)^2)
      expectClose(layer.losses.map((t) => t.dataSync()[0]!), [1.5]);
    });
    expect(layer.alpha!.constraint).toBeInstanceOf(constraints.NonNeg);
    const config = layer.getConfig();
    expect(config).toMatchObject({
      alpha_initializer: { module: 'keras.initializers', class_name: 'Ones', config: {}, registered_name: null },
      alpha_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.5 }, registered_name: null },
      alpha_constraint: { module: 'keras.constraints', class_name: 'NonNeg', config: {}, registered_name: null },
      shared_axes: [1],
    });
    expect(new layers.PReLU().getConfig()).toMatchObject({
      alpha_initializer: { class_name: 'Zeros' }, alpha_regularizer: null, alpha_constraint: null, shared_axes: null,
    });
    expectConfigRoundTrip(layer);
    layer.dispose();
  });

  it('builds from symbolic inputs and explains undefined or bad axes', () => {
    const layer = new layers.PReLU();
    expect(layer.apply(Input({ shape: [3, 4] })).shape).toEqual([null, 3, 4]);
    expect(layer.alpha!.shape).toEqual([3, 4]);
    expect(() => new layers.PReLU({ sharedAxes: [3] }).apply(Input({ shape: [3, 4] }))).toThrow('`shared_axes` must hold axes between 1 and 2');
  });

  it("takes the alpha options and sharedAxes in Keras's order or as options, and names an unknown option", () => {
    expectSameLayer(new layers.PReLU('ones', 'l2', 'non_neg', [1]), new layers.PReLU({ alphaInitializer: 'ones', alphaRegularizer: 'l2', alphaConstraint: 'non_neg', sharedAxes: [1] }));
    expect(() => new layers.PReLU({ alpha: 0.1 } as never)).toThrow("Unrecognized keyword arguments passed to PReLU: {'alpha': 0.1}");
  });
});
