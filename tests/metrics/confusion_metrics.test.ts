/**
 * The confusion metrics (AUC, Precision, Recall, the four counts, the four "X at Y") against real
 * Keras 3.15.1: result, state and config after three batches (unweighted, one weight per sample,
 * one per value), from scripts/keras/confusion_metrics_fixtures.py; both argument forms; the
 * string names in compile; Keras's errors; no leaked tensors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, ValueError, layers, memory, tensor, tidy } from '../../ts/index.js';
import * as metrics from '../../ts/metrics/index.js';
import { toCamelCase } from '../../ts/utils/naming.js';
import { expectClose } from '../helpers/close.js';

interface Case {
  class_name: string;
  kwargs: Record<string, unknown>;
  batches: { y_true: number[]; y_pred: number[] }[];
  sample_weights: (number[] | null)[];
  sample_weight_shapes: (number[] | null)[];
  result: number | number[];
  variables: Record<string, number[]>;
  config: Record<string, unknown>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics/confusion_metrics.json', import.meta.url), 'utf8')) as { shape: number[]; cases: Record<string, Case> };
const cases = Object.entries(fixture.cases);
// Counts are sums of float32 weights, accumulated in a different order than JAX's.
const TOL = 1e-5;

type MetricClass = new (options: Record<string, unknown>) => metrics.Metric;

function build(c: Case): metrics.Metric {
  const options = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [toCamelCase(k), v]));
  return new (metrics as unknown as Record<string, MetricClass>)[c.class_name]!(options);
}

function feed(metric: metrics.Metric, c: Case): void {
  c.batches.forEach((b, i) => {
    const weights = c.sample_weights[i];
    tidy(() => metric.updateState(tensor(b.y_true, fixture.shape), tensor(b.y_pred, fixture.shape), weights ? tensor(weights, c.sample_weight_shapes[i]!) : undefined));
  });
}

describe('confusion metrics match Keras 3.15.1', () => {
  it.each(cases)('%s: result and state after three batches', (_name, c) => {
    const metric = build(c);
    feed(metric, c);
    const result = tidy(() => Array.from(metric.result().dataSync()));
    expectClose(result, typeof c.result === 'number' ? [c.result] : c.result, TOL);
    for (const v of metric.variables) {
      if (c.variables[v.name]) expectClose(v.value, c.variables[v.name]!, TOL);
    }
    metric.resetState();
    expect([metric.logValue()].flat().every((v) => v === 0)).toBe(true);
    metric.dispose();
  });

  it.each(cases)('%s: config', (_name, c) => {
    const metric = build(c);
    const { name, label_weights: labelWeights, ...config } = metric.getConfig();
    const { name: kerasName, label_weights: kerasLabelWeights, ...kerasConfig } = c.config;
    expect(config).toEqual(kerasConfig);
    expect(String(name).replace(/_\d+$/, '')).toBe(String(kerasName).replace(/_\d+$/, ''));
    // Keras writes its float32 copy of the label weights; kerasm the numbers given.
    if (kerasLabelWeights) expectClose(labelWeights as number[], kerasLabelWeights as number[], 1e-6);
    else expect(labelWeights ?? null).toBe(kerasLabelWeights ?? null);
    // Keras's from_config is cls(**config): the config's keys, camelCased, rebuild the same metric.
    const again = build({ ...c, kwargs: metric.getConfig() });
    expect(again.getConfig()).toEqual(metric.getConfig());
    again.dispose();
    metric.dispose();
  });

  it('frees every temporary', () => {
    const metricsBuilt = cases.map(([, c]) => build(c));
    const before = memory().numTensors;
    cases.forEach(([, c], i) => {
      feed(metricsBuilt[i]!, c);
      metricsBuilt[i]!.logValue();
    });
    // A multi-label AUC without numLabels creates its state on the first batch: four tensors.
    const lazy = cases.filter(([, c]) => c.kwargs.multi_label && !c.kwargs.num_labels).length;
    expect(memory().numTensors).toBe(before + 4 * lazy);
    const all = memory().numTensors;
    for (const m of metricsBuilt) m.dispose();
    expect(memory().numTensors).toBeLessThan(all);
  });
});

describe('arguments', () => {
  it('takes positional arguments and options alike', () => {
    const pairs: [metrics.Metric, metrics.Metric][] = [
      [new metrics.Precision(0.7, null, 2, 'p'), new metrics.Precision({ thresholds: 0.7, classId: 2, name: 'p' })],
      [new metrics.Recall([0.2, 0.4], 3, null, 'r'), new metrics.Recall({ thresholds: [0.2, 0.4], topK: 3, name: 'r' })],
      [new metrics.TruePositives([0.1, 0.9], 'tp'), new metrics.TruePositives({ thresholds: [0.1, 0.9], name: 'tp' })],
      [new metrics.AUC(50, 'PR', 'minoring', 'a'), new metrics.AUC({ numThresholds: 50, curve: 'PR', summationMethod: 'minoring', name: 'a' })],
      [new metrics.PrecisionAtRecall(0.3, 20, 1, 'par'), new metrics.PrecisionAtRecall({ recall: 0.3, numThresholds: 20, classId: 1, name: 'par' })],
      [new metrics.SpecificityAtSensitivity(0.8, 10, null, 's'), new metrics.SpecificityAtSensitivity({ sensitivity: 0.8, numThresholds: 10, name: 's' })],
    ];
    for (const [positional, options] of pairs) {
      expect(positional.getConfig()).toEqual(options.getConfig());
      positional.dispose();
      options.dispose();
    }
  });

  it('gives one value per threshold for a list, a scalar for one', () => {
    const m = new metrics.Precision([0.2, 0.5, 0.8]);
    tidy(() => m.updateState(tensor([0, 1, 1, 1]), tensor([0.3, 0.4, 0.6, 0.9])));
    const r = tidy(() => {
      const t = m.result();
      return { shape: t.shape, values: Array.from(t.dataSync()) };
    });
    expect(r.shape).toEqual([3]);
    expectClose(r.values, [0.75, 1, 1], 1e-6);
    m.dispose();
  });

  it("AUC's docstring example and its thresholds", () => {
    const m = new metrics.AUC({ numThresholds: 3 });
    tidy(() => m.updateState(tensor([0, 0, 1, 1]), tensor([0, 0.5, 0.3, 0.9])));
    expect(m.resultValue()).toBeCloseTo(0.75, 6);
    expect(m.thresholds).toEqual([-1e-7, 0.5, 1 + 1e-7]);
    m.dispose();
  });

  it('is resolved by its Keras names', () => {
    for (const [name, cls] of [
      ['auc', metrics.AUC], ['AUC', metrics.AUC], ['precision', metrics.Precision], ['recall', metrics.Recall],
      ['true_positives', metrics.TruePositives], ['FalseNegatives', metrics.FalseNegatives],
    ] as const) {
      const m = metrics.get(name);
      expect(m).toBeInstanceOf(cls);
      m.dispose();
    }
    expect(() => metrics.get('precision_at_recall')).toThrow("PrecisionAtRecall missing required argument: 'recall'.");
  });
});

describe('errors as Keras words them', () => {
  it('refuses bad arguments', () => {
    expect(() => new metrics.Precision([0.5, 1.5])).toThrow(new ValueError('Threshold values must be in [0, 1]. Received: [1.5]'));
    expect(() => new metrics.AUC(1)).toThrow('Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=1');
    expect(() => new metrics.AUC({ curve: 'XY' })).toThrow('Invalid AUC curve value: "XY". Expected values are ["PR", "ROC", "PRGAIN"]');
    expect(() => new metrics.AUC({ summationMethod: 'trapezoid' })).toThrow('Invalid AUC summation method value: "trapezoid"');
    expect(() => new metrics.AUC({ numLabels: 3 })).toThrow('`num_labels` is needed only when `multi_label` is True.');
    expect(() => new metrics.SensitivityAtSpecificity(1.5)).toThrow('Argument `specificity` must be in the range [0, 1]. Received: specificity=1.5');
    expect(() => new metrics.RecallAtPrecision(0.5, 0)).toThrow('Argument `num_thresholds` must be an integer > 0. Received: num_thresholds=0');
  });

  it('refuses bad batches, allocating nothing', () => {
    const auc = new metrics.AUC();
    const multi = new metrics.AUC({ multiLabel: true });
    const precision = new metrics.Precision({ classId: 1 });
    const before = memory().numTensors;
    expect(() => tidy(() => auc.updateState(tensor([0, 2, 1]), tensor([0.1, 0.2, 0.3])))).toThrow(
      new ValueError('AUC: labels (y_true) must be in [0, 1]. Received: a label of 2.0'),
    );
    expect(() => tidy(() => multi.updateState(tensor([0, 1]), tensor([0.1, 0.2])))).toThrow(
      '`y_pred` must have rank 2 when `multi_label=True`. Found rank 1. Full shape received for `y_pred`: (2,)',
    );
    expect(() => tidy(() => precision.updateState(tensor([0, 1]), tensor([0.1, 0.2])))).toThrow(
      'When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), found shape: (2,)',
    );
    expect(() => tidy(() => auc.updateState(tensor([[0, 1]]), tensor([[0.1, 0.2, 0.3]])))).toThrow(
      'AUC: y_true and y_pred must have the same shape. Received: y_true.shape=(1, 2), y_pred.shape=(1, 3)',
    );
    expect(memory().numTensors).toBe(before);
    // A refused batch leaves the state as it was.
    expect(auc.resultValue()).toBe(0);
    for (const m of [auc, multi, precision]) m.dispose();
  });
});

describe('in compile', () => {
  it("logs 'auc', 'precision' and 'recall' by name, as standalone metrics compute them", async () => {
    const x = tensor([[0.1, 0.9], [0.8, 0.2], [0.4, 0.5], [0.9, 0.7], [0.3, 0.1], [0.6, 0.6]]);
    const y = tensor([[1], [0], [1], [1], [0], [0]]);
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1, { activation: 'sigmoid', kernelInitializer: 'ones' })]);
    model.compile({ optimizer: 'sgd', loss: 'binary_crossentropy', metrics: ['auc', 'precision', 'recall', new metrics.AUC({ curve: 'PR', name: 'pr_auc' })] });
    // The first evaluate builds the metrics' state; the second must leave the count as it finds it.
    await model.evaluate(x, y, { verbose: 0 });
    const before = memory().numTensors;
    const logs = await model.evaluate(x, y, { returnDict: true, verbose: 0 }) as Record<string, number>;
    expect(Object.keys(logs)).toEqual(['loss', 'auc', 'precision', 'recall', 'pr_auc']);
    const pred = model.predict(x, { verbose: 0 }) as import('../../ts/index.js').Tensor;
    for (const [key, m] of [['auc', new metrics.AUC()], ['precision', new metrics.Precision()], ['recall', new metrics.Recall()]] as const) {
      m.updateState(y, pred);
      expect(logs[key]).toBeCloseTo(m.resultValue(), 6);
      m.dispose();
    }
    pred.dispose();
    expect(memory().numTensors).toBe(before);
    model.dispose();
    x.dispose();
    y.dispose();
  });
});
