/**
 * The top-k accuracy, F-score, IoU, R2Score, Sum and MeanTensor metrics: Keras's arguments in both
 * forms, names and aliases through `metrics.get`, Keras's errors, and updates that never read a
 * tensor back into JavaScript. (Their values against Keras: keras_metrics.test.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tensor, ValueError, memory, metrics, tensor, tidy } from '../../ts/index.js';
import { expectClose } from '../helpers/close.js';

const configOf = (m: metrics.Metric) => {
  const config = m.getConfig();
  m.dispose();
  return config;
};

describe('positional arguments in Keras\'s order give the same metric as the options', () => {
  const pairs: [string, () => metrics.Metric, () => metrics.Metric][] = [
    ['TopKCategoricalAccuracy', () => new metrics.TopKCategoricalAccuracy(3, 'top3'), () => new metrics.TopKCategoricalAccuracy({ k: 3, name: 'top3' })],
    ['SparseTopKCategoricalAccuracy', () => new metrics.SparseTopKCategoricalAccuracy(2, 's', null, true), () => new metrics.SparseTopKCategoricalAccuracy({ k: 2, name: 's', fromSortedIds: true })],
    ['FBetaScore', () => new metrics.FBetaScore('macro', 2, 0.3), () => new metrics.FBetaScore({ average: 'macro', beta: 2, threshold: 0.3 })],
    ['F1Score', () => new metrics.F1Score('weighted', 0.6, 'f1'), () => new metrics.F1Score({ average: 'weighted', threshold: 0.6, name: 'f1' })],
    ['IoU', () => new metrics.IoU(4, [1, 3], 'iou', 'float32', 0, false, true, 1), () => new metrics.IoU({ numClasses: 4, targetClassIds: [1, 3], name: 'iou', dtype: 'float32', ignoreClass: 0, sparseYTrue: false, axis: 1 })],
    ['MeanIoU', () => new metrics.MeanIoU(3, 'm', null, 2), () => new metrics.MeanIoU({ numClasses: 3, name: 'm', ignoreClass: 2 })],
    ['BinaryIoU', () => new metrics.BinaryIoU([1], 0.7), () => new metrics.BinaryIoU({ targetClassIds: [1], threshold: 0.7 })],
    ['OneHotIoU', () => new metrics.OneHotIoU(3, [2], 'o', null, null, true), () => new metrics.OneHotIoU({ numClasses: 3, targetClassIds: [2], name: 'o', sparseYPred: true })],
    ['OneHotMeanIoU', () => new metrics.OneHotMeanIoU(3, 'o', null, 1), () => new metrics.OneHotMeanIoU({ numClasses: 3, name: 'o', ignoreClass: 1 })],
    ['R2Score', () => new metrics.R2Score(null, 2), () => new metrics.R2Score({ classAggregation: null, numRegressors: 2 })],
    ['Sum', () => new metrics.Sum('total'), () => new metrics.Sum({ name: 'total' })],
    ['MeanTensor', () => new metrics.MeanTensor('mt', null, [2]), () => new metrics.MeanTensor({ name: 'mt', shape: [2] })],
  ];
  it.each(pairs)('%s', (_name, positional, options) => {
    // Automatic names are numbered (binary_io_u, binary_io_u_1, …): compared without the number.
    const withoutCounter = (config: Record<string, unknown>) => ({ ...config, name: String(config.name).replace(/_\d+$/, '') });
    expect(withoutCounter(configOf(positional()))).toEqual(withoutCounter(configOf(options())));
  });

  it('writes the options given in the config', () => {
    expect(configOf(new metrics.SparseTopKCategoricalAccuracy(2, 's', null, true))).toEqual({ name: 's', dtype: 'float32', k: 2, from_sorted_ids: true });
    expect(configOf(new metrics.FBetaScore('macro', 2, 0.3))).toEqual({ name: 'fbeta_score', dtype: 'float32', average: 'macro', beta: 2, threshold: 0.3 });
    expect(configOf(new metrics.IoU(4, [1, 3], 'iou', 'float32', 0, false, true, 1))).toEqual({
      name: 'iou', dtype: 'float32', num_classes: 4, target_class_ids: [1, 3], ignore_class: 0, sparse_y_true: false, sparse_y_pred: true, axis: 1,
    });
    expect(configOf(new metrics.MeanTensor('mt', null, [2]))).toEqual({ name: 'mt', dtype: 'float32' });
  });
});

describe('metrics.get', () => {
  it("resolves Keras's class names and snake_case names to fresh instances", () => {
    const cases: [string, string][] = [
      ['top_k_categorical_accuracy', 'TopKCategoricalAccuracy'], ['SparseTopKCategoricalAccuracy', 'SparseTopKCategoricalAccuracy'],
      ['f1_score', 'F1Score'], ['f_beta_score', 'FBetaScore'], ['binary_io_u', 'BinaryIoU'], ['r2_score', 'R2Score'], ['sum', 'Sum'],
    ];
    for (const [identifier, className] of cases) {
      const m = metrics.get(identifier);
      expect(m.constructor.name).toBe(className);
      m.dispose();
    }
  });

  it('names the missing arguments of an IoU metric asked for by name, as Keras', () => {
    expect(() => metrics.get('io_u')).toThrow("IoU missing required argument: 'numClasses'.");
    expect(() => metrics.get('MeanIoU')).toThrow("MeanIoU missing required argument: 'numClasses'.");
  });

  it('restores a serialized metric from its config', () => {
    const m = metrics.get({ class_name: 'OneHotIoU', config: { name: 'iou', dtype: 'int32', num_classes: 4, target_class_ids: [0, 3], ignore_class: null, sparse_y_pred: true, axis: -1 } });
    expect(m).toBeInstanceOf(metrics.OneHotIoU);
    expect(configOf(m)).toEqual({ name: 'iou', dtype: 'int32', num_classes: 4, target_class_ids: [0, 3], ignore_class: null, sparse_y_pred: true, axis: -1 });
  });

  it("restores tf.keras 2's MeanTensor from its config, which Keras 3 has no name for", () => {
    const m = metrics.get({ class_name: 'MeanTensor', config: { name: 'mt', dtype: 'float32' } });
    expect(m).toBeInstanceOf(metrics.MeanTensor);
    expect(configOf(m)).toEqual({ name: 'mt', dtype: 'float32' });
    expect(() => metrics.get('MeanTensor')).toThrow('Could not interpret metric identifier: MeanTensor.');
  });

  it('lists the known names for an unknown one', () => {
    const e = (() => {
      try {
        metrics.get('f2_score');
      } catch (error) {
        return error as Error;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toMatch(/^Could not interpret metric identifier: f2_score\. Known names: accuracy, acc, /);
    expect(e.message).toContain('f1_score');
    expect(e.message).toContain('one_hot_mean_io_u');
  });
});

describe("Keras's errors", () => {
  it('FBetaScore and F1Score check average, beta and threshold, and 2D inputs', () => {
    expect(() => new metrics.FBetaScore({ average: 'samples' as never })).toThrow("Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. Received: average=samples");
    expect(() => new metrics.FBetaScore({ beta: 0 })).toThrow('Invalid `beta` argument value. It should be > 0. Received: beta=0');
    expect(() => new metrics.F1Score({ threshold: 1.5 })).toThrow('Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: threshold=1.5');
    const f1 = new metrics.F1Score();
    expect(() => tidy(() => f1.updateState(tensor([1, 0]), tensor([0.3, 0.8])))).toThrow(
      'F1Score expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=[2] and y_true.shape=[2].',
    );
    f1.dispose();
  });

  it('IoU refuses a target class out of range and keeps its confusion matrix in int32 or float32 only', () => {
    expect(() => new metrics.IoU(3, [0, 3])).toThrow(new ValueError('Target class id 3 is out of range, which is [0, 3).'));
    expect(() => new metrics.BinaryIoU([2])).toThrow('Target class id 2 is out of range, which is [0, 2).');
    expect(() => new metrics.MeanIoU({ numClasses: 3, dtype: 'string' })).toThrow('MeanIoU: kerasm keeps metrics in int32 or float32. Received: dtype=string');
  });

  it('R2Score checks its options', () => {
    expect(() => new metrics.R2Score('mean' as never)).toThrow(
      "Invalid value for argument `class_aggregation`. Expected one of (None, 'uniform_average', 'variance_weighted_average'). Received: class_aggregation=mean",
    );
    expect(() => new metrics.R2Score({ numRegressors: -1 })).toThrow('Invalid value for argument `num_regressors`. Expected a value >= 0. Received: num_regressors=-1');
  });

  it('MeanTensor refuses values of another shape, and a result before any value', () => {
    const m = new metrics.MeanTensor();
    expect(() => m.result()).toThrow('MeanTensor does not have any value yet.');
    tidy(() => m.updateState(tensor([[1, 2, 3]])));
    expect(() => tidy(() => m.updateState(tensor([1, 2, 3])))).toThrow(
      'MeanTensor input values must always have the same shape. Expected shape (set during the first call): (1, 3). Got: (3,).',
    );
    m.dispose();
  });
});

describe('results of several values', () => {
  it('come whole from result() and logValue() (what logs read); resultValue() refuses them instead of giving the first', () => {
    const f1 = new metrics.F1Score({ threshold: 0.5 });
    tidy(() => f1.updateState(tensor([[1, 1, 1], [1, 0, 0], [1, 1, 0]]), tensor([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0]])));
    tidy(() => expectClose(f1.result(), [0.5, 0.8, 0.6666667]));
    expectClose(f1.logValue() as number[], [0.5, 0.8, 0.6666667]);
    expect(() => f1.resultValue()).toThrow(
      "F1Score 'f1_score' has a result of 3 values, not one number: read it with logValue() or result(), or make it one value (as F1Score's average: 'macro' does).",
    );
    f1.dispose();
  });
});

describe('MeanTensor', () => {
  it('keeps the element-wise mean, weighted per sample or per value (the tf.keras docs\' values)', () => {
    const before = memory().numTensors;
    const m = new metrics.MeanTensor();
    tidy(() => m.updateState(tensor([0, 1, 2, 3])));
    tidy(() => m.updateState(tensor([4, 5, 6, 7])));
    tidy(() => expectClose(m.result(), [2, 3, 4, 5]));
    tidy(() => m.updateState(tensor([12, 10, 8, 6]), tensor([0, 0.2, 0.5, 1])));
    tidy(() => expectClose(m.result(), [2, 3.6363635, 4.8, 5.3333335]));
    m.resetState();
    tidy(() => m.updateState(tensor([1, 2, 3, 4])));
    tidy(() => expectClose(m.result(), [1, 2, 3, 4]));
    m.dispose();
    // One weight per sample weighs its row; each entry's mean is over its samples' weights.
    const rows = new metrics.MeanTensor({ shape: [2, 2] });
    tidy(() => rows.updateState(tensor([[1, 2], [3, 4]]), tensor([1, 3])));
    tidy(() => rows.updateState(tensor([[5, 6], [7, 8]]), tensor([3, 1])));
    tidy(() => expectClose(rows.result(), [(1 + 15) / 4, (2 + 18) / 4, (9 + 7) / 4, (12 + 8) / 4]));
    rows.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('updates stay in WebAssembly', () => {
  afterEach(() => vi.restoreAllMocks());

  it('no metric reads a tensor back while accumulating', () => {
    const metricsUnderTest = [
      new metrics.TopKCategoricalAccuracy(2), new metrics.SparseTopKCategoricalAccuracy(2), new metrics.F1Score({ average: 'macro' }),
      new metrics.FBetaScore({ threshold: 0.5 }), new metrics.IoU(3, [0, 1]), new metrics.MeanIoU(3), new metrics.BinaryIoU(),
      new metrics.OneHotIoU(3, [2]), new metrics.OneHotMeanIoU(3), new metrics.R2Score({ numRegressors: 1 }),
    ];
    const reads = [vi.spyOn(Tensor.prototype, 'dataSync'), vi.spyOn(Tensor.prototype, 'arraySync')];
    tidy(() => {
      const oneHot = tensor([[1, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]]);
      const scores = tensor([[0.6, 0.3, 0.1], [0.2, 0.3, 0.5], [0.5, 0.4, 0.1], [0.1, 0.1, 0.8]]);
      const ids = tensor(Int32Array.from([0, 2, 1, 0]));
      const weights = tensor([1, 0.5, 2, 1]);
      for (const m of metricsUnderTest) {
        const sparseTargets = m instanceof metrics.SparseTopKCategoricalAccuracy || (m instanceof metrics.IoU && !(m instanceof metrics.OneHotIoU || m instanceof metrics.OneHotMeanIoU));
        const yPred = m instanceof metrics.IoU && !(m instanceof metrics.OneHotIoU || m instanceof metrics.OneHotMeanIoU || m instanceof metrics.BinaryIoU) ? ids : scores;
        const yTrue = m instanceof metrics.BinaryIoU ? tensor([0, 1, 1, 0]) : sparseTargets ? ids : oneHot;
        m.updateState(yTrue, m instanceof metrics.BinaryIoU ? tensor([0.2, 0.8, 0.4, 0.1]) : yPred, weights);
        m.updateState(yTrue, m instanceof metrics.BinaryIoU ? tensor([0.2, 0.8, 0.4, 0.1]) : yPred);
        m.result();
      }
    });
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    for (const m of metricsUnderTest) m.dispose();
  });
});
