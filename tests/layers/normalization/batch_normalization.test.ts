import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, ops, tensor, tidy, type Layer, type Tensor } from '../../../ts/index.js';
import { valueAndGrads } from '../../../ts/tensor/gradients.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** Per-feature batch mean and biased variance along `axis`, in float64. */
function stats(x: Float32Array, shape: number[], axis: number): { mean: number[]; variance: number[] } {
  const a = axis < 0 ? axis + shape.length : axis;
  const inner = size(shape.slice(a + 1)), c = shape[a]!;
  const sums = new Array<number>(c).fill(0), sq = new Array<number>(c).fill(0), n = x.length / c;
  x.forEach((v, i) => { sums[Math.floor(i / inner) % c]! += v; });
  const mean = sums.map((s) => s / n);
  x.forEach((v, i) => { const k = Math.floor(i / inner) % c; sq[k]! += (v - mean[k]!) ** 2; });
  return { mean, variance: sq.map((s) => s / n) };
}

/** gradcheckLayer in training mode: batch statistics, gradients through them, for the input and gamma/beta. */
function gradcheckTraining(layer: Layer, shape: number[]): void {
  const xValues = seededValues(size(shape), 21, -1.5, 1.5);
  tidy(() => {
    const x = tensor(xValues, shape);
    const r = tensor(seededValues(size(shape), 22), shape);
    const objective = (input: Tensor) => ops.sum(ops.multiply(layer.apply(input, { training: true }), r));
    const weights = layer.trainableWeights;
    const { grads } = valueAndGrads(() => objective(x), [x, ...weights.map((w) => w.value)]);
    const numeric = (values: Float32Array, j: number, f: (v: Float32Array) => number) => {
      const eps = 1e-2 * Math.max(1, Math.abs(values[j]!));
      const at = (d: number) => { const v = values.slice(); v[j]! += d; return f(v); };
      return (at(eps) - at(-eps)) / (2 * eps);
    };
    const compare = (name: string, analytic: Float32Array, values: Float32Array, f: (v: Float32Array) => number) => {
      for (let j = 0; j < values.length; j++) {
        const n = numeric(values, j, f), a = analytic[j]!;
        if (Math.abs(n - a) > 2e-2 * Math.max(1, Math.abs(n), Math.abs(a))) throw new Error(`${name}[${j}]: analytic ${a}, numeric ${n}`);
      }
    };
    compare('input', grads[0]!.dataSync() as Float32Array, xValues, (v) => tidy(() => objective(tensor(v, shape)).dataSync()[0]!));
    weights.forEach((w, k) => {
      const original = Float32Array.from(w.value.dataSync());
      compare(w.path, grads[k + 1]!.dataSync() as Float32Array, original, (v) => { w.assign(tensor(v, w.shape)); return tidy(() => objective(x).dataSync()[0]!); });
      w.assign(tensor(original, w.shape));
    });
  });
}

describe('BatchNormalization', () => {
  it('normalizes with batch statistics in training and updates the moving statistics as Keras', () => {
    const shape = [6, 3], x = seededValues(18, 1, -2, 3);
    const bn = new layers.BatchNormalization({ momentum: 0.9 });
    const { mean, variance } = stats(x, shape, -1);
    tidy(() => {
      const y = bn.apply(tensor(x, shape), { training: true });
      const want = Array.from(x, (v, i) => (v - mean[i % 3]!) / Math.sqrt(variance[i % 3]! + 1e-3));
      expectClose(y, want, 1e-5);
    });
    // moving = moving * momentum + batch * (1 - momentum), from zeros / ones.
    expectClose(bn.movingMean!.value, mean.map((m) => 0.1 * m), 1e-6);
    expectClose(bn.movingVariance!.value, variance.map((v) => 0.9 + 0.1 * v), 1e-6);
    // Inference uses the moving statistics.
    tidy(() => {
      const y = bn.apply(tensor(x, shape));
      const mm = bn.movingMean!.value.dataSync(), mv = bn.movingVariance!.value.dataSync();
      expectClose(y, Array.from(x, (v, i) => (v - mm[i % 3]!) / Math.sqrt(mv[i % 3]! + 1e-3)), 1e-5);
    });
    // Not trainable: no update, inference behaviour even with training=true (Keras).
    bn.trainable = false;
    const before = Array.from(bn.movingMean!.value.dataSync());
    tidy(() => { bn.apply(tensor(x, shape), { training: true }); });
    expectClose(bn.movingMean!.value, before, 0);
    bn.dispose();
  });

  it('matches tf.layers.batchNormalization at inference and hand-computed batch statistics in training, rank 4, channels last and first', () => {
    const shape = [3, 4, 5, 2], x = seededValues(size(shape), 3, -1, 2);
    for (const axis of [-1, 1]) {
      const c = shape[axis < 0 ? axis + 4 : axis]!;
      const w = [seededValues(c, 4, 0.5, 1.5), seededValues(c, 5), seededValues(c, 6), seededValues(c, 7, 0.5, 2)];
      const oracle = tf.layers.batchNormalization({ axis, momentum: 0.8, epsilon: 1e-3 });
      oracle.apply(tf.zeros(shape));
      oracle.setWeights(w.map((v) => tf.tensor(v)));
      const bn = new layers.BatchNormalization({ axis, momentum: 0.8 });
      tidy(() => {
        bn.apply(tensor(new Float32Array(size(shape)), shape));
        bn.setWeights(w.map((v) => tensor(v)));
        const a = axis < 0 ? axis + 4 : axis, inner = size(shape.slice(a + 1));
        const hand = Array.from(x, (v, i) => {
          const k = Math.floor(i / inner) % c;
          return ((v - w[2]![k]!) / Math.sqrt(w[3]![k]! + 1e-3)) * w[0]![k]! + w[1]![k]!;
        });
        const y = bn.apply(tensor(x, shape));
        expectClose(y, hand, 1e-5);
        // tfjs-layers agrees for the last axis; for axis 1 of a rank-4 input its output departs
        // from the formula above, so the hand-computed values are the reference there.
        if (axis === -1) expectClose(y, (oracle.apply(tf.tensor(x, shape)) as tf.Tensor).dataSync(), 1e-5);
      });
      // Training mode against batch statistics computed here in float64.
      const { mean, variance } = stats(x, shape, axis);
      const a = axis < 0 ? axis + 4 : axis, inner = size(shape.slice(a + 1));
      const feature = (i: number) => Math.floor(i / inner) % c;
      tidy(() => {
        const want = Array.from(x, (v, i) => {
          const k = feature(i);
          return ((v - mean[k]!) / Math.sqrt(variance[k]! + 1e-3)) * w[0]![k]! + w[1]![k]!;
        });
        expectClose(bn.apply(tensor(x, shape), { training: true }), want, 1e-5);
      });
      expectClose(bn.movingMean!.value, Array.from(w[2]!, (m, i) => 0.8 * m + 0.2 * mean[i]!), 1e-5);
      bn.dispose();
    }
  });

  it('has gradients through the batch mean and variance (training) and through gamma/beta (inference)', () => {
    gradcheckTraining(new layers.BatchNormalization({ gammaInitializer: 'random_normal', betaInitializer: 'random_normal' }), [5, 3]);
    gradcheckTraining(new layers.BatchNormalization({ axis: 1 }), [2, 3, 4]);
    gradcheckTraining(new layers.BatchNormalization({ center: false }), [2, 2, 2, 3]);
    gradcheckLayer(new layers.BatchNormalization({ movingVarianceInitializer: 'random_uniform', betaInitializer: 'ones' }), [4, 3]);
  });

  it('trains in a Sequential model: loss falls, moving statistics move, gamma/beta are the only trainable weights', async () => {
    const model = new Sequential([Input({ shape: [4] }), new layers.Dense(8), new layers.BatchNormalization(), new layers.Dense(1)]);
    const bn = model.layers[1] as InstanceType<typeof layers.BatchNormalization>;
    expect(bn.trainableWeights.map((w) => w.path)).toEqual([`${bn.name}/gamma`, `${bn.name}/beta`]);
    expect(bn.nonTrainableWeights.map((w) => w.path)).toEqual([`${bn.name}/moving_mean`, `${bn.name}/moving_variance`]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const xs = tensor(seededValues(64 * 4, 9), [64, 4]);
    const ys = ops.sum(xs, -1, true);
    const history = await model.fit(xs, ys, { epochs: 8, batchSize: 16, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
    expect(Array.from(bn.movingVariance!.value.dataSync()).some((v) => Math.abs(v - 1) > 1e-3)).toBe(true);
    xs.dispose(); ys.dispose(); model.dispose();
  });

  it("writes Keras 3's config and round-trips it", () => {
    const bn = new layers.BatchNormalization({ name: 'bn' });
    expect(bn.getConfig()).toMatchObject({
      name: 'bn', trainable: true, axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true,
      beta_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
      gamma_initializer: { module: 'keras.initializers', class_name: 'Ones', config: {}, registered_name: null },
      moving_mean_initializer: { class_name: 'Zeros' }, moving_variance_initializer: { class_name: 'Ones' },
      beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
      synchronized: false, renorm: false, renorm_clipping: null, renorm_momentum: 0.99,
    });
    expectConfigRoundTrip(new layers.BatchNormalization({ axis: 1, momentum: 0.9, epsilon: 1e-5, center: false, gammaRegularizer: 'l2' }));
  });

  it("takes Keras's arguments positionally or as options", () => {
    const positional = new layers.BatchNormalization(1, 0.9, 1e-5, false, true);
    const options = new layers.BatchNormalization({ axis: 1, momentum: 0.9, epsilon: 1e-5, center: false, scale: true });
    expect({ ...positional.getConfig(), name: null }).toEqual({ ...options.getConfig(), name: null });
    expect(positional.getConfig()).toMatchObject({ axis: 1, momentum: 0.9, epsilon: 1e-5, center: false, scale: true });
    expect(() => new layers.BatchNormalization({ movingMeanRegularizer: 'l2' } as never)).toThrow(
      "Unrecognized keyword arguments passed to BatchNormalization: {'movingMeanRegularizer': 'l2'}.");
  });

  it("checks axis, shapes and masks with Keras's messages", () => {
    expect(() => new layers.BatchNormalization({ axis: 3 }).apply(Input({ shape: [4] }))).toThrow('Axis 3 is out of bounds for input shape (None, 4). Received: axis=3');
    const bn = new layers.BatchNormalization({ name: 'bn2' });
    bn.apply(Input({ shape: [4] }));
    expect(() => bn.apply(Input({ shape: [5] }))).toThrow('Input 0 of layer "bn2" is incompatible with the layer: expected axis -1 of input shape to have value 4, but received input with shape (None, 5)');
    expect(() => bn.apply(Input({ shape: [3, 4] }))).toThrow('expected ndim=2, found ndim=3');
    expect(() => new layers.BatchNormalization({ renorm: true } as never)).toThrow(
      'BatchNormalization: kerasm does not support the argument `renorm` (renorm) other than at its default False. Received: renorm=True');
    expect(() => new layers.BatchNormalization({ synchronized: true })).toThrow('Argument synchronized=True is only supported with the TensorFlow backend.');
    expect(() => new layers.BatchNormalization({ axis: [1, 2] as unknown as number })).toThrow('Expected an integer value for `axis`. Received: axis=[1, 2]');
    expect(() => tidy(() => new layers.BatchNormalization().apply(tensor(new Float32Array(8), [2, 4]), { training: true, mask: tensor([[1, 0, 1, 1], [1, 1, 1, 1]]) })))
      .toThrow('The mask provided should be one dimension less than the inputs. Received: mask.shape=(2, 4), inputs.shape=(2, 4)');
    bn.dispose();
  });

  it('excludes masked timesteps from the batch statistics (Keras)', () => {
    const x = [[[1, 10], [3, 30], [100, 100]], [[5, 50], [7, 70], [-100, 5]]];
    const bn = new layers.BatchNormalization({ momentum: 0 });
    tidy(() => {
      bn.apply(tensor(x), { training: true, mask: tensor([[1, 1, 0], [1, 1, 0]]) });
    });
    // Unmasked: feature 0 = 1, 3, 5, 7 (mean 4, variance 5); feature 1 = 10, 30, 50, 70 (mean 40, variance 500).
    expectClose(bn.movingMean!.value, [4, 40], 1e-5);
    expectClose(bn.movingVariance!.value, [5, 500], 1e-5);
    const before = memory().numTensors;
    tidy(() => { bn.apply(tensor(x), { training: true }); });
    expect(memory().numTensors).toBe(before);
    bn.dispose();
  });
});
