/**
 * The regression, probabilistic and hinge metrics and RootMeanSquaredError against real Keras 3.15.1:
 * result() after two update_state calls (the second weighted), from scripts/keras/loss_fixtures.py.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValueError, memory, tensor, tidy } from '../../ts/index.js';
import * as metrics from '../../ts/metrics/index.js';
import { expectClose } from '../helpers/close.js';

interface MetricCase {
  class_name: string;
  y_true: [number[], number[]];
  y_pred: [number[], number[]];
  sample_weight: number[];
  config: Record<string, unknown>;
  result: number;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/losses/losses.json', import.meta.url), 'utf8')) as { shape: number[]; metrics: Record<string, MetricCase> };
const shape = fixture.shape;
const cases = Object.entries(fixture.metrics);
const TOL = 1e-6;

/** Two batches into the metric, the second with one weight per sample. */
function accumulate(metric: metrics.Metric, c: MetricCase): void {
  tidy(() => metric.updateState(tensor(c.y_true[0], shape), tensor(c.y_pred[0], shape)));
  tidy(() => metric.updateState(tensor(c.y_true[1], shape), tensor(c.y_pred[1], shape), tensor(c.sample_weight)));
}

describe('metrics match Keras 3.15.1', () => {
  it.each(cases)('%s: result after an unweighted and a weighted batch', (_name, c) => {
    const metric = metrics.get(c.class_name);
    expect(metric.constructor.name).toBe(c.class_name);
    accumulate(metric, c);
    expectClose([metric.resultValue()], [c.result], TOL);
    metric.resetState();
    expect(metric.resultValue()).toBe(0);
    metric.dispose();
  });

  it.each(cases)('%s: default name and Keras config keys', (_name, c) => {
    const metric = metrics.get(c.class_name);
    // Keras 3.15.1 leaves CosineSimilarity's `axis` out of get_config; kerasm keeps it only when not the default.
    expect(metric.getConfig()).toEqual(c.config);
    metric.dispose();
  });

  it('does not grow memory across updates', () => {
    const before = memory().numTensors;
    for (const [, c] of cases) {
      const metric = metrics.get(c.class_name);
      accumulate(metric, c);
      metric.resultValue();
      metric.dispose();
    }
    expect(memory().numTensors).toBe(before);
  });
});

describe('RootMeanSquaredError', () => {
  it('is the root of the overall mean of squared errors, not a mean of per-batch roots', () => {
    const m = new metrics.RootMeanSquaredError();
    tidy(() => m.updateState(tensor([[0], [0]]), tensor([[3], [3]])));
    tidy(() => m.updateState(tensor([[0], [0]]), tensor([[1], [1]])));
    expect(m.resultValue()).toBeCloseTo(Math.sqrt((9 + 9 + 1 + 1) / 4), 6);
    expect(m.resultValue()).not.toBeCloseTo((3 + 1) / 2, 2);
    m.dispose();
  });

  it('weighs samples as a Mean of squared errors', () => {
    const m = new metrics.RootMeanSquaredError({ name: 'rmse' });
    tidy(() => m.updateState(tensor([1, 2, 3]), tensor([2, 2, 5]), tensor([1, 0, 3])));
    expect(m.resultValue()).toBeCloseTo(Math.sqrt((1 * 1 + 0 * 0 + 3 * 4) / 4), 6);
    expect(m.getConfig()).toEqual({ name: 'rmse', dtype: 'float32' });
    expect(() => tidy(() => m.updateState(tensor([[1, 2]]), tensor([[1, 2, 3]])))).toThrow('rmse: targets of shape (1, 2) and predictions of shape (1, 3) cannot be broadcast together');
    m.dispose();
  });
});

describe('metric identifiers as keras.metrics.get resolves them', () => {
  it.each([
    ['mae', 'MeanAbsoluteError'], ['MAE', 'MeanAbsoluteError'], ['mean_absolute_error', 'MeanAbsoluteError'],
    ['mape', 'MeanAbsolutePercentageError'], ['MAPE', 'MeanAbsolutePercentageError'],
    ['msle', 'MeanSquaredLogarithmicError'], ['MSLE', 'MeanSquaredLogarithmicError'],
    ['mse', 'MeanSquaredError'], ['MSE', 'MeanSquaredError'],
    ['root_mean_squared_error', 'RootMeanSquaredError'], ['log_cosh_error', 'LogCoshError'], ['cosine_similarity', 'CosineSimilarity'],
    ['kl_divergence', 'KLDivergence'], ['poisson', 'Poisson'], ['hinge', 'Hinge'], ['squared_hinge', 'SquaredHinge'], ['categorical_hinge', 'CategoricalHinge'],
  ])('%s gives a %s', (identifier, className) => {
    const metric = metrics.get(identifier);
    expect(metric.constructor.name).toBe(className);
    metric.dispose();
  });

  it("compile names a metric given by string after the string, as Keras 3's compile does", () => {
    const metric = metrics.compileMetric('mae', [4, 3], [4, 3]);
    expect(metric).toBeInstanceOf(metrics.MeanAbsoluteError);
    expect(metric.name).toBe('mae');
    metric.dispose();
  });

  it('rejects names Keras 3.15.1 rejects as metrics (kld, logcosh, log_cosh)', () => {
    for (const name of ['kld', 'logcosh', 'log_cosh']) {
      expect(() => metrics.get(name)).toThrow(ValueError);
      expect(() => metrics.checkIdentifier(name)).toThrow(`Could not interpret metric identifier: ${name}`);
    }
  });

  it('CosineSimilarity takes an axis and checks it', () => {
    const m = new metrics.CosineSimilarity({ axis: 0 });
    tidy(() => m.updateState(tensor([[1, 0], [0, 1]]), tensor([[1, 0], [0, 1]])));
    expect(m.resultValue()).toBeCloseTo(1, 6);
    m.dispose();
    expect(() => new metrics.CosineSimilarity({ axis: 1.5 })).toThrow('CosineSimilarity: `axis` must be an integer. Received: axis=1.5');
  });
});
