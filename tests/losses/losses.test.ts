import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Tensor, ValueError, memory, tensor, tidy } from '../../ts/index.js';
import * as losses from '../../ts/losses/index.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const scalarOf = (t: Tensor) => t.dataSync()[0]!;

describe('losses: Keras documentation values', () => {
  it('MeanSquaredError', () => {
    tidy(() => {
      const loss = new losses.MeanSquaredError().apply(tensor([[0, 1], [0, 0]]), tensor([[1, 1], [1, 0]]));
      expect(loss.shape).toEqual([]);
      expectClose(loss, [0.5]);
    });
  });

  it('BinaryCrossentropy from logits', () => {
    tidy(() => {
      const loss = new losses.BinaryCrossentropy({ fromLogits: true }).apply(tensor([[0, 1], [0, 0]]), tensor([[-18.6, 0.51], [2.94, -12.8]]));
      expectClose(loss, [0.865458], 1e-4);
    });
  });

  it('CategoricalCrossentropy and SparseCategoricalCrossentropy from probabilities', () => {
    tidy(() => {
      const yPred = tensor([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
      expectClose(new losses.CategoricalCrossentropy().apply(tensor([[0, 1, 0], [0, 0, 1]]), yPred), [1.1769392], 1e-5);
      expectClose(new losses.SparseCategoricalCrossentropy().apply(tensor([1, 2]), yPred), [1.1769392], 1e-5);
      expectClose(new losses.SparseCategoricalCrossentropy().apply(tensor(Int32Array.from([1, 2])), yPred), [1.1769392], 1e-5);
    });
  });

  it("reduction 'none' and 'sum'", () => {
    tidy(() => {
      const yTrue = tensor([[0, 1], [0, 0]]);
      const yPred = tensor([[1, 1], [1, 0]]);
      expectClose(new losses.MeanSquaredError({ reduction: 'none' }).apply(yTrue, yPred), [0.5, 0.5]);
      expectClose(new losses.MeanSquaredError({ reduction: 'sum' }).apply(yTrue, yPred), [1]);
      expectClose(new losses.MeanSquaredError().apply(yTrue, yPred, tensor([0.8, 0.2])), [0.25]);
    });
    expect(() => new losses.MeanSquaredError({ reduction: 'avg' as 'sum' })).toThrow(/Invalid value for argument `reduction`/);
  });
});

describe('losses: against @tensorflow/tfjs', () => {
  const n = 6;
  const k = 4;
  const logits = seededValues(n * k, 11, -4, 4);
  const probs = Float32Array.from(seededValues(n * k, 12, 0.02, 0.98));
  const binary = Float32Array.from(seededValues(n * k, 13, 0, 1), (v) => (v > 0.5 ? 1 : 0));
  const ids = Int32Array.from(seededValues(n, 14, 0, k), (v) => Math.floor(v));
  const oneHot = tf.oneHot(tf.tensor1d(ids, 'int32'), k);

  const oracle = (f: () => tf.Tensor) => f().dataSync()[0]!;
  const ours = (f: () => Tensor) => tidy(() => scalarOf(f()));

  it('mean squared error', () => {
    const a = seededValues(n * k, 15);
    const want = oracle(() => tf.losses.meanSquaredError(tf.tensor(a, [n, k]), tf.tensor(logits, [n, k])));
    expect(ours(() => new losses.MeanSquaredError().apply(tensor(a, [n, k]), tensor(logits, [n, k])))).toBeCloseTo(want, 4);
    const fn = losses.get('mse') as losses.LossFn;
    expect(ours(() => losses.reduceValues(fn(tensor(a, [n, k]), tensor(logits, [n, k])), 'sum_over_batch_size'))).toBeCloseTo(want, 4);
  });

  it('binary cross-entropy from probabilities and from logits', () => {
    const wantP = oracle(() => tf.mean(tf.metrics.binaryCrossentropy(tf.tensor(binary, [n, k]), tf.tensor(probs, [n, k]))));
    expect(ours(() => new losses.BinaryCrossentropy().apply(tensor(binary, [n, k]), tensor(probs, [n, k])))).toBeCloseTo(wantP, 4);
    const wantL = oracle(() => tf.losses.sigmoidCrossEntropy(tf.tensor(binary, [n, k]), tf.tensor(logits, [n, k])));
    expect(ours(() => new losses.BinaryCrossentropy({ fromLogits: true }).apply(tensor(binary, [n, k]), tensor(logits, [n, k])))).toBeCloseTo(wantL, 4);
  });

  it('categorical cross-entropy from probabilities (renormalised) and from logits', () => {
    const wantP = oracle(() => tf.mean(tf.metrics.categoricalCrossentropy(oneHot, tf.tensor(probs, [n, k]))));
    expect(ours(() => new losses.CategoricalCrossentropy().apply(tensor(oneHot.arraySync() as number[][]), tensor(probs, [n, k])))).toBeCloseTo(wantP, 4);
    const wantL = oracle(() => tf.losses.softmaxCrossEntropy(oneHot, tf.tensor(logits, [n, k])));
    expect(ours(() => new losses.CategoricalCrossentropy({ fromLogits: true }).apply(tensor(oneHot.arraySync() as number[][]), tensor(logits, [n, k])))).toBeCloseTo(wantL, 4);
  });

  it('sparse categorical cross-entropy from probabilities and from logits, with (n,) and (n, 1) targets', () => {
    const wantP = oracle(() => tf.mean(tf.metrics.categoricalCrossentropy(oneHot, tf.tensor(probs, [n, k]))));
    expect(ours(() => new losses.SparseCategoricalCrossentropy().apply(tensor(ids), tensor(probs, [n, k])))).toBeCloseTo(wantP, 4);
    const wantL = oracle(() => tf.losses.softmaxCrossEntropy(oneHot, tf.tensor(logits, [n, k])));
    expect(ours(() => new losses.SparseCategoricalCrossentropy({ fromLogits: true }).apply(tensor(ids, [n, 1], 'int32'), tensor(logits, [n, k])))).toBeCloseTo(wantL, 4);
  });

  it('clips probabilities at 1e-7 as Keras does (a confident wrong answer costs -log(1e-7))', () => {
    const got = ours(() => new losses.BinaryCrossentropy().apply(tensor([[1]]), tensor([[0]])));
    expect(got).toBeCloseTo(-Math.log(1e-7), 3);
  });

  it('frees every temporary', () => {
    const before = memory().numTensors;
    ours(() => new losses.CategoricalCrossentropy({ fromLogits: true }).apply(tensor(oneHot.arraySync() as number[][]), tensor(logits, [n, k])));
    expect(memory().numTensors).toBe(before);
  });
});

describe('losses: gradients', () => {
  const n = 3;
  const k = 4;
  const probs = { values: seededValues(n * k, 21, 0.1, 0.9), shape: [n, k] };
  const logits = { values: seededValues(n * k, 22, -3, 3), shape: [n, k] };
  const targets = Float32Array.from(seededValues(n * k, 23, 0, 1), (v) => (v > 0.5 ? 1 : 0));
  const oneHot = Float32Array.from({ length: n * k }, (_, i) => (i % k === i % 3 ? 1 : 0));

  it.each([
    ['mse', (p: Tensor) => new losses.MeanSquaredError().apply(tensor(targets, [n, k]), p), logits],
    ['bce', (p: Tensor) => new losses.BinaryCrossentropy().apply(tensor(targets, [n, k]), p), probs],
    ['bce logits', (p: Tensor) => new losses.BinaryCrossentropy({ fromLogits: true }).apply(tensor(targets, [n, k]), p), logits],
    ['cce', (p: Tensor) => new losses.CategoricalCrossentropy().apply(tensor(oneHot, [n, k]), p), probs],
    ['cce logits', (p: Tensor) => new losses.CategoricalCrossentropy({ fromLogits: true }).apply(tensor(oneHot, [n, k]), p), logits],
    ['scce', (p: Tensor) => new losses.SparseCategoricalCrossentropy().apply(tensor([0, 3, 2]), p), probs],
    ['scce logits', (p: Tensor) => new losses.SparseCategoricalCrossentropy({ fromLogits: true }).apply(tensor([0, 3, 2]), p), logits],
  ] as const)('%s matches finite differences', (_name, f, input) => {
    gradcheck(f, [input]);
  });
});

describe('losses: identifiers and config', () => {
  it('resolves names as keras.losses.get does', () => {
    expect(losses.get('mse')).toBeTypeOf('function');
    expect((losses.get('mse') as { name: string }).name).toBe('mean_squared_error');
    expect(losses.get('sparse_categorical_crossentropy')).toBeTypeOf('function');
    expect(losses.get('MeanSquaredError')).toBeInstanceOf(losses.MeanSquaredError);
    const bce = losses.get({ class_name: 'BinaryCrossentropy', config: { from_logits: true } });
    expect((bce as losses.BinaryCrossentropy).getConfig()).toEqual({ name: 'binary_crossentropy', reduction: 'sum_over_batch_size', from_logits: true, label_smoothing: 0, axis: -1 });
    const instance = new losses.CategoricalCrossentropy();
    expect(losses.get(instance)).toBe(instance);
  });

  it('throws a ValueError for unknown identifiers', () => {
    expect(() => losses.get('mean_squared_eror')).toThrow(ValueError);
    expect(() => losses.get('mean_squared_eror')).toThrow('Could not interpret loss identifier: mean_squared_eror');
    expect(() => losses.get('toString')).toThrow(ValueError);
  });

  it('configs use Keras keys', () => {
    expect(new losses.SparseCategoricalCrossentropy({ fromLogits: true }).getConfig()).toEqual({
      name: 'sparse_categorical_crossentropy', reduction: 'sum_over_batch_size', from_logits: true, ignore_class: null,
    });
    expect(new losses.MeanSquaredError().getConfig()).toEqual({ name: 'mean_squared_error', reduction: 'sum_over_batch_size' });
  });

  it('reports mismatched shapes in Keras words', () => {
    tidy(() => {
      expect(() => new losses.CategoricalCrossentropy().apply(tensor([[0, 1]]), tensor([[0.2, 0.3, 0.5]]))).toThrow(
        'Arguments `target` and `output` must have the same shape. Received: target.shape=(1, 2), output.shape=(1, 3)',
      );
      expect(() => new losses.SparseCategoricalCrossentropy().apply(tensor([1, 0, 1]), tensor([[0.2, 0.8]]))).toThrow(/same shape up until the last dimension/);
    });
  });
});

describe("losses: Keras's arguments", () => {
  const basic = [
    losses.MeanSquaredError, losses.MeanAbsoluteError, losses.MeanAbsolutePercentageError, losses.MeanSquaredLogarithmicError,
    losses.LogCosh, losses.KLDivergence, losses.Poisson, losses.Hinge, losses.SquaredHinge, losses.CategoricalHinge,
  ];

  it('take (reduction, name, dtype) positionally in Keras\'s order, the same as the options', () => {
    for (const cls of basic) {
      expect(new cls('sum', 'l', 'float32').getConfig()).toEqual(new cls({ reduction: 'sum', name: 'l', dtype: 'float32' }).getConfig());
      expect(new cls('sum').getConfig()).toEqual({ ...new cls().getConfig(), reduction: 'sum' });
    }
  });

  it('take their own parameters first, as Keras', () => {
    const same = (a: losses.Loss, b: losses.Loss) => expect(a.getConfig()).toEqual(b.getConfig());
    same(new losses.BinaryCrossentropy(true, 0.1), new losses.BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }));
    same(new losses.CategoricalCrossentropy(true, 0.2), new losses.CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.2 }));
    same(new losses.SparseCategoricalCrossentropy(true), new losses.SparseCategoricalCrossentropy({ fromLogits: true }));
    same(new losses.Huber(0.5, 'sum', 'h'), new losses.Huber({ delta: 0.5, reduction: 'sum', name: 'h' }));
    same(new losses.CosineSimilarity(0, 'none'), new losses.CosineSimilarity({ axis: 0, reduction: 'none' }));
    expect(new losses.BinaryCrossentropy(true, 0.1).getConfig()).toEqual({
      name: 'binary_crossentropy', reduction: 'sum_over_batch_size', from_logits: true, label_smoothing: 0.1, axis: -1,
    });
    tidy(() => {
      const yTrue = tensor([[0, 1], [1, 0]]);
      const yPred = tensor([[0.6, -0.4], [-1, 1.2]]);
      expectClose(new losses.Huber(0.5).apply(yTrue, yPred), Array.from(new losses.Huber({ delta: 0.5 }).apply(yTrue, yPred).dataSync()));
    });
  });

  it('LossFunctionWrapper takes (fn, reduction, name, dtype), as Keras\'s', () => {
    const wrapper = new losses.LossFunctionWrapper(losses.meanAbsoluteError, 'sum', 'l1_sum');
    expect(wrapper.getConfig()).toEqual({ name: 'l1_sum', reduction: 'sum' });
    expect(new losses.LossFunctionWrapper({ fn: losses.meanAbsoluteError }).getConfig()).toEqual({ name: 'loss_function_wrapper', reduction: 'sum_over_batch_size' });
    tidy(() => expectClose(wrapper.apply(tensor([[0, 1], [1, 1]]), tensor([[1, 1], [1, 3]])), [1.5]));
    expect(() => new losses.LossFunctionWrapper({} as never)).toThrow("LossFunctionWrapper missing required argument: 'fn'.");
  });

  it('name a subclass of Loss of your own after its class, as Keras\'s auto_name', () => {
    class PinballLoss extends losses.Loss {
      call(yTrue: Tensor, yPred: Tensor): Tensor {
        return losses.meanAbsoluteError(yTrue, yPred);
      }
    }
    expect(new PinballLoss().name).toMatch(/^pinball_loss(_\d+)?$/);
    expect(new PinballLoss('q', 'sum').getConfig()).toEqual({ name: 'q', reduction: 'sum' });
    expect(new PinballLoss({ reduction: null }).reduction).toBeNull();
    tidy(() => expect(new PinballLoss({ reduction: null }).apply(tensor([[0, 1]]), tensor([[1, 1]])).shape).toEqual([1]));
  });

  it('refuse an unknown option, naming it and the class, and what kerasm does not compute', () => {
    for (const cls of basic) expect(() => new cls({ fromLogits: true } as never)).toThrow(`Unrecognized keyword arguments passed to ${cls.className}: {'fromLogits': True}`);
    expect(() => new losses.BinaryCrossentropy({ from_logits: true } as never)).toThrow(
      "Unrecognized keyword arguments passed to BinaryCrossentropy: {'from_logits': True}. Options take camelCase keys: did you mean 'fromLogits'?");
    expect(() => new losses.Huber({ alpha: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Huber: {'alpha': 1}");
    expect(() => new losses.CosineSimilarity({ delta: 1 } as never)).toThrow("Unrecognized keyword arguments passed to CosineSimilarity: {'delta': 1}");
    expect(() => new losses.SparseCategoricalCrossentropy({ axis: 1 as never })).toThrow('`axis` (axis) other than at its default -1');
    expect(() => new losses.MeanSquaredError({ dtype: 'int32' })).toThrow('MeanSquaredError: kerasm computes losses in float32. Received: dtype=int32');
    expect(() => new losses.MeanSquaredError('avg' as never)).toThrow(
      "Invalid value for argument `reduction`. Expected one of {'sum_over_batch_size', 'sum', None, 'none', 'mean', 'mean_with_sample_weight'}. Received: reduction=avg");
  });
});
