/**
 * The regression, probabilistic, hinge and cosine losses against real Keras 3.15.1: values per sample,
 * reduced with and without sample weights, and gradients, from scripts/keras/loss_fixtures.py.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Tensor, ValueError, memory, tensor, tidy } from '../../ts/index.js';
import * as losses from '../../ts/losses/index.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { expectClose } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

interface LossCase {
  class_name: string;
  kwargs: Record<string, unknown>;
  y_true: number[];
  y_pred: number[];
  sample_weight: number[];
  config: Record<string, unknown>;
  per_sample: number[];
  per_sample_shape: number[];
  reduced: number;
  reduced_weighted: number;
  grad_weighted: number[];
}

interface ReductionsCase {
  y_true: number[];
  y_pred: number[];
  sample_weight: number[];
  values: Record<losses.Reduction, { unweighted: number[]; weighted: number[]; zero_weights: number[] }>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/losses/losses.json', import.meta.url), 'utf8')) as {
  shape: number[];
  losses: Record<string, LossCase>;
  reductions: ReductionsCase;
};
const shape = fixture.shape;
const cases = Object.entries(fixture.losses);
/** Float32 agreement with Keras: relative to the value, absolute below 1. */
const TOL = 1e-6;

/** The loss built as Keras's deserializer would: class name and snake_case config. */
function lossOf(c: LossCase, extra: Record<string, unknown> = {}): losses.Loss {
  return losses.get({ class_name: c.class_name, config: { ...c.kwargs, ...extra } }) as losses.Loss;
}

describe('losses match Keras 3.15.1', () => {
  it.each(cases)('%s: per-sample values, reductions with and without sample weights', (_name, c) => {
    tidy(() => {
      const yTrue = tensor(c.y_true, shape);
      const yPred = tensor(c.y_pred, shape);
      const perSample = lossOf(c, { reduction: 'none' }).apply(yTrue, yPred);
      expect(perSample.shape).toEqual(c.per_sample_shape);
      expectClose(perSample, c.per_sample, TOL);
      expectClose(lossOf(c).apply(yTrue, yPred), [c.reduced], TOL);
      expectClose(lossOf(c).apply(yTrue, yPred, tensor(c.sample_weight)), [c.reduced_weighted], TOL);
    });
  });

  it.each(cases)('%s: gradient of the weighted loss with respect to the predictions', (_name, c) => {
    tidy(() => {
      const yTrue = tensor(c.y_true, shape);
      const yPred = tensor(c.y_pred, shape);
      const { grads } = valueAndGrads(() => lossOf(c).apply(yTrue, yPred, tensor(c.sample_weight)), [yPred]);
      expectClose(grads[0]!, c.grad_weighted, TOL);
    });
  });

  it.each(cases)('%s: gradient matches finite differences', (_name, c) => {
    const loss = lossOf(c);
    gradcheck((p: Tensor) => loss.apply(tensor(c.y_true, shape), p, tensor(c.sample_weight)), [{ values: c.y_pred, shape }]);
  });

  it.each(cases)('%s: config has Keras keys and round-trips through get()', (_name, c) => {
    const config = lossOf(c).getConfig();
    // Keras 3.15.1 drops Huber's `delta` and CosineSimilarity's `axis` from get_config; kerasm keeps them when not the default.
    expect(config).toEqual({ ...c.config, ...c.kwargs });
    const again = losses.get({ class_name: c.class_name, config }) as losses.Loss;
    expect(again.getConfig()).toEqual(config);
    const renamed = losses.get({ class_name: c.class_name, config: { ...config, name: 'custom', reduction: 'sum' } }) as losses.Loss;
    expect([renamed.name, renamed.reduction]).toEqual(['custom', 'sum']);
  });

  it('frees every temporary', () => {
    const before = memory().numTensors;
    for (const [, c] of cases) {
      tidy(() => {
        const yPred = tensor(c.y_pred, shape);
        valueAndGrads(() => lossOf(c).apply(tensor(c.y_true, shape), yPred, tensor(c.sample_weight)), [yPred]);
      });
    }
    expect(memory().numTensors).toBe(before);
  });
});

describe('reductions match Keras 3.15.1', () => {
  const r = fixture.reductions;
  it.each(Object.entries(r.values))('%s, without, with and with zero sample weights', (reduction, want) => {
    tidy(() => {
      const loss = new losses.MeanAbsoluteError({ reduction: reduction as losses.Reduction });
      expect(loss.getConfig().reduction).toBe(reduction);
      const yTrue = tensor(r.y_true, shape);
      const yPred = tensor(r.y_pred, shape);
      expectClose(loss.apply(yTrue, yPred), want.unweighted, TOL);
      expectClose(loss.apply(yTrue, yPred, tensor(r.sample_weight)), want.weighted, TOL);
      expectClose(loss.apply(yTrue, yPred, tensor(new Float32Array(r.sample_weight.length))), want.zero_weights, TOL);
    });
  });
});

describe('loss identifiers as keras.losses.get resolves them', () => {
  it.each([
    ['mae', 'mean_absolute_error'], ['MAE', 'mean_absolute_error'], ['mean_absolute_error', 'mean_absolute_error'],
    ['mape', 'mean_absolute_percentage_error'], ['MAPE', 'mean_absolute_percentage_error'],
    ['msle', 'mean_squared_logarithmic_error'], ['MSLE', 'mean_squared_logarithmic_error'],
    ['huber', 'huber'], ['log_cosh', 'log_cosh'], ['kld', 'kl_divergence'], ['KLD', 'kl_divergence'], ['kl_divergence', 'kl_divergence'],
    ['poisson', 'poisson'], ['hinge', 'hinge'], ['squared_hinge', 'squared_hinge'], ['categorical_hinge', 'categorical_hinge'],
    ['cosine_similarity', 'cosine_similarity'],
  ])('%s is the function %s', (identifier, name) => {
    const fn = losses.get(identifier);
    expect(fn).toBeTypeOf('function');
    expect((fn as { name: string }).name).toBe(name);
  });

  it.each(cases)('the class name of %s gives an instance with the default name', (_name, c) => {
    const loss = losses.get(c.class_name) as losses.Loss;
    expect(loss.constructor.name).toBe(c.class_name);
    expect(loss.name).toBe(c.config.name);
  });

  it('a loss function by name gives the same values as its class', () => {
    tidy(() => {
      const c = fixture.losses.mean_absolute_error!;
      const fn = losses.get('mae') as losses.LossFn;
      expectClose(fn(tensor(c.y_true, shape), tensor(c.y_pred, shape)), c.per_sample, TOL);
    });
  });

  it("rejects names Keras 3.15.1 rejects ('logcosh' is a legacy alias only)", () => {
    expect(() => losses.get('logcosh')).toThrow('Could not interpret loss identifier: logcosh');
    expect(() => losses.get('kullback_leibler_divergence')).toThrow(ValueError);
  });
});

describe('loss edge cases and errors', () => {
  it('Keras documentation examples', () => {
    tidy(() => {
      expectClose(new losses.MeanAbsoluteError().apply(tensor([1, 0.3, 1]), tensor([1.9, 0.3, 1.8])), [0.5666667]);
      expectClose(new losses.MeanAbsolutePercentageError().apply(tensor([100, 200, 300]), tensor([90, 210, 310])), [6.111111]);
      expectClose(new losses.CosineSimilarity({ axis: 1 }).apply(tensor([[0, 1], [1, 1]]), tensor([[1, 0], [1, 1]])), [-0.5]);
    });
  });

  it('MAPE divides by 1e-7 where a target is 0, MSLE and KLD clip instead of producing NaN', () => {
    tidy(() => {
      expectClose(losses.meanAbsolutePercentageError(tensor([[0]]), tensor([[1e-7]])), [100]);
      expectClose(losses.meanSquaredLogarithmicError(tensor([[-1]]), tensor([[0]])), [0]);
      const kld = losses.klDivergence(tensor([[0, 1]]), tensor([[0, 1]]));
      expect(Number.isFinite(kld.dataSync()[0]!)).toBe(true);
    });
  });

  it('LogCosh stays finite and linear for large errors', () => {
    tidy(() => {
      expectClose(losses.logCosh(tensor([[0]]), tensor([[200]])), [200 - Math.LN2]);
      const yPred = tensor([[200, -200]]);
      const { grads } = valueAndGrads(() => new losses.LogCosh({ reduction: 'sum' }).apply(tensor([[0, 0]]), yPred), [yPred]);
      expectClose(grads[0]!, [0.5, -0.5]);
    });
  });

  it('hinge keeps labels that are not all 0 / 1 as they are', () => {
    tidy(() => {
      // Labels {0, 1} → {-1, 1}: margins max(1 + 0.5, 0) and max(1 - 0.5, 0).
      expectClose(losses.hinge(tensor([[0, 1]]), tensor([[0.5, 0.5]])), [1]);
      // A label of 2 leaves the whole batch unconverted: max(1 - 0, 0), max(1 - 1, 0), max(1 - 1, 0).
      expectClose(losses.hinge(tensor([[0, 2, 1]]), tensor([[0.5, 0.5, 1]])), [1 / 3]);
    });
  });

  it('targets of shape (n,) against predictions (n, 1) are aligned as Keras does', () => {
    tidy(() => {
      expectClose(new losses.MeanAbsoluteError().apply(tensor([1, 2]), tensor([[0], [4]])), [1.5]);
    });
  });

  it('bad arguments name the loss and the value', () => {
    expect(() => new losses.Huber({ delta: Number.NaN })).toThrow('Huber: `delta` must be a finite number. Received: delta=null');
    expect(() => new losses.CosineSimilarity({ axis: 0.5 })).toThrow('CosineSimilarity: `axis` must be an integer. Received: axis=0.5');
    tidy(() => {
      expect(() => new losses.CosineSimilarity({ axis: 2 }).apply(tensor([[1, 0]]), tensor([[1, 0]]))).toThrow(
        'CosineSimilarity: `axis` must be an integer in [-2, 2) for inputs of rank 2. Received: axis=2',
      );
    });
    expect(() => new losses.MeanAbsoluteError({ reduction: 'mean_of_squares' as 'sum' })).toThrow(/Invalid value for argument `reduction`/);
    tidy(() => {
      expect(() => new losses.MeanAbsoluteError().apply(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(
        'mean_absolute_error: targets of shape (1, 2) and predictions of shape (1, 3) cannot be broadcast together',
      );
      expect(() => losses.squaredHinge(tensor([[1, 0]]), tensor([[1, 2, 3]]))).toThrow(/^squared_hinge: targets of shape/);
      // Targets of shape (n, 1) broadcast against (n, k) predictions, as in Keras.
      expectClose(losses.meanAbsoluteError(tensor([[1], [2]]), tensor([[1, 2, 3], [0, 0, 0]])), [1, 2]);
    });
  });
});
