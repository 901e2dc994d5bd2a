import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ValueError, memory, tensor, tidy } from '../../ts/index.js';
import * as metrics from '../../ts/metrics/index.js';
import { seededValues } from '../helpers/close.js';

describe('Mean', () => {
  it('accumulates over batches and resets', () => {
    const m = new metrics.Mean();
    tidy(() => m.updateState(tensor([1, 3, 5, 7])));
    expect(m.resultValue()).toBeCloseTo(4, 6);
    tidy(() => m.updateState(tensor([10])));
    expect(m.resultValue()).toBeCloseTo(26 / 5, 6);
    m.resetState();
    expect(m.resultValue()).toBe(0);
    m.dispose();
  });

  it('weighs by a number (the loss tracker) and by per-sample weights', () => {
    const m = new metrics.Mean({ name: 'loss' });
    tidy(() => m.updateState(tensor(2), 32));
    tidy(() => m.updateState(tensor(5), 8));
    expect(m.resultValue()).toBeCloseTo((2 * 32 + 5 * 8) / 40, 6);
    m.resetState();
    tidy(() => m.updateState(tensor([1, 2, 3]), tensor([1, 0, 1])));
    expect(m.resultValue()).toBeCloseTo(2, 6);
    m.dispose();
  });

  it('does not grow memory across updates', () => {
    const m = new metrics.Mean();
    const before = memory().numTensors;
    for (let i = 0; i < 5; i++) tidy(() => m.updateState(tensor([i, i + 1])));
    m.resultValue();
    expect(memory().numTensors).toBe(before);
    m.dispose();
  });
});

describe('accuracy metrics on fixed predictions', () => {
  it('BinaryAccuracy thresholds at 0.5 (Keras docs: 0.75)', () => {
    const m = new metrics.BinaryAccuracy();
    tidy(() => m.updateState(tensor([[1], [1], [0], [0]]), tensor([[0.98], [1], [0], [0.6]])));
    expect(m.resultValue()).toBeCloseTo(0.75, 6);
    expect(m.getConfig()).toEqual({ name: 'binary_accuracy', dtype: 'float32', threshold: 0.5 });
    m.dispose();
  });

  it('CategoricalAccuracy (Keras docs: 0.5)', () => {
    const m = new metrics.CategoricalAccuracy();
    tidy(() => m.updateState(tensor([[0, 0, 1], [0, 1, 0]]), tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]])));
    expect(m.resultValue()).toBeCloseTo(0.5, 6);
    m.dispose();
  });

  it('SparseCategoricalAccuracy with (n,) and (n, 1) ids (Keras docs: 0.5)', () => {
    const m = new metrics.SparseCategoricalAccuracy();
    tidy(() => m.updateState(tensor([[2], [1]]), tensor([[0.1, 0.6, 0.3], [0.05, 0.95, 0]])));
    expect(m.resultValue()).toBeCloseTo(0.5, 6);
    tidy(() => m.updateState(tensor(Int32Array.from([0, 0])), tensor([[0.9, 0.1, 0], [0.2, 0.3, 0.5]])));
    expect(m.resultValue()).toBeCloseTo(0.5, 6);
    m.dispose();
  });

  it('agrees with tfjs on a larger random batch', () => {
    const n = 50;
    const k = 7;
    const pred = seededValues(n * k, 31, 0, 1);
    const ids = Int32Array.from(seededValues(n, 32, 0, k), (v) => Math.floor(v));
    const want = tf.mean(tf.metrics.sparseCategoricalAccuracy(tf.tensor1d(ids, 'float32'), tf.tensor(pred, [n, k]))).dataSync()[0]!;
    const m = new metrics.SparseCategoricalAccuracy();
    tidy(() => m.updateState(tensor(ids), tensor(pred, [n, k])));
    expect(m.resultValue()).toBeCloseTo(want, 6);
    m.dispose();
  });
});

describe("resolving 'accuracy' as Keras 3's compile does", () => {
  const cases: [string, number[], number[], string][] = [
    ['one output column → binary', [8, 1], [8, 1], 'BinaryAccuracy'],
    ['class ids, rank below predictions → sparse', [8], [8, 10], 'SparseCategoricalAccuracy'],
    ['class ids of shape (n, 1) → sparse', [8, 1], [8, 10], 'SparseCategoricalAccuracy'],
    ['one-hot targets → categorical', [8, 10], [8, 10], 'CategoricalAccuracy'],
  ];
  it.each(cases)('%s', (_name, yTrue, yPred, className) => {
    const m = metrics.compileMetric('accuracy', yTrue, yPred);
    expect(m.constructor.name).toBe(className);
    expect(m.name).toBe('accuracy');
    m.dispose();
  });

  it("keeps the identifier as the name ('acc')", () => {
    const m = metrics.compileMetric('acc', [4], [4, 3]);
    expect(m.name).toBe('acc');
    m.dispose();
  });

  it('throws for unknown identifiers', () => {
    expect(() => metrics.get('accuracyy')).toThrow(ValueError);
    expect(() => metrics.get('accuracyy')).toThrow('Could not interpret metric identifier: accuracyy');
    expect(() => metrics.checkIdentifier('constructor')).toThrow(ValueError);
  });
});

describe("metrics: Keras's arguments", () => {
  const nameDtype = [
    metrics.Mean, metrics.CategoricalAccuracy, metrics.SparseCategoricalAccuracy, metrics.MeanSquaredError, metrics.MeanAbsoluteError,
    metrics.MeanAbsolutePercentageError, metrics.MeanSquaredLogarithmicError, metrics.LogCoshError, metrics.RootMeanSquaredError,
    metrics.Hinge, metrics.SquaredHinge, metrics.CategoricalHinge, metrics.KLDivergence, metrics.Poisson,
  ];
  const configOf = (m: metrics.Metric) => {
    const config = m.getConfig();
    m.dispose();
    return config;
  };

  it('take (name, dtype) positionally in Keras\'s order, the same as the options', () => {
    for (const cls of nameDtype) {
      expect(configOf(new cls('m', 'float32'))).toEqual(configOf(new cls({ name: 'm', dtype: 'float32' })));
      expect(configOf(new cls('m'))).toEqual({ name: 'm', dtype: 'float32' });
    }
    expect(configOf(new metrics.BinaryAccuracy('acc', null, 0.7))).toEqual(configOf(new metrics.BinaryAccuracy({ name: 'acc', threshold: 0.7 })));
    expect(configOf(new metrics.BinaryAccuracy('acc', null, 0.7))).toEqual({ name: 'acc', dtype: 'float32', threshold: 0.7 });
    expect(configOf(new metrics.CosineSimilarity('cos', null, 0))).toEqual(configOf(new metrics.CosineSimilarity({ name: 'cos', axis: 0 })));
    expect(configOf(new metrics.CosineSimilarity('cos', null, 0))).toEqual({ name: 'cos', dtype: 'float32', axis: 0 });
  });

  it('MeanMetricWrapper takes (fn, name, dtype), named after its class by default as Keras', () => {
    const wrapper = new metrics.MeanMetricWrapper(function acc70(t, p) { return metrics.binaryAccuracy(t, p, 0.7); }, 'acc70');
    tidy(() => wrapper.updateState(tensor([[1], [0]]), tensor([[0.8], [0.6]])));
    expect(wrapper.resultValue()).toBeCloseTo(1, 6);
    // Keras's config names the function (an unregistered one by its own name, as Keras writes it).
    expect(configOf(wrapper)).toEqual({ name: 'acc70', dtype: 'float32', fn: { module: 'builtins', class_name: 'function', config: 'acc70', registered_name: 'function' } });
    const anonymous = new metrics.MeanMetricWrapper((t, p) => metrics.binaryAccuracy(t, p), 'anonymous');
    expect(() => anonymous.getConfig()).toThrow("Cannot serialize the `fn` of MeanMetricWrapper 'anonymous': kerasm saves functions by name only.");
    anonymous.dispose();
    expect(new metrics.MeanMetricWrapper({ fn: metrics.categoricalAccuracy }).name).toMatch(/^mean_metric_wrapper(_\d+)?$/);
    expect(() => new metrics.MeanMetricWrapper({} as never)).toThrow("MeanMetricWrapper missing required argument: 'fn'.");
    // compile names a function's metric after the function, as Keras's compile does.
    expect(metrics.get(function recall(t, p) { return metrics.binaryAccuracy(t, p); }).name).toBe('recall');
  });

  it('name a subclass of Metric of your own after its class, as Keras\'s auto_name', () => {
    class TruePositives extends metrics.Metric {
      updateState(): void {}
      result() { return tensor(0); }
    }
    expect(new TruePositives().name).toMatch(/^true_positives(_\d+)?$/);
    expect(configOf(new TruePositives('float32', 'tp'))).toEqual({ name: 'tp', dtype: 'float32' });
  });

  it('refuse an unknown option, naming it and the class, and a dtype other than float32', () => {
    for (const cls of nameDtype) expect(() => new cls({ threshold: 0.5 } as never)).toThrow(`Unrecognized keyword arguments passed to ${cls.className}: {'threshold': 0.5}`);
    expect(() => new metrics.BinaryAccuracy({ treshold: 0.5 } as never)).toThrow("Unrecognized keyword arguments passed to BinaryAccuracy: {'treshold': 0.5}");
    expect(() => new metrics.CosineSimilarity({ axes: 1 } as never)).toThrow("Unrecognized keyword arguments passed to CosineSimilarity: {'axes': 1}");
    expect(() => new metrics.Mean({ dtype: 'int32' })).toThrow('Mean: kerasm keeps metrics in float32. Received: dtype=int32');
  });
});
