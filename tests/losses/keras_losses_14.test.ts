/**
 * The focal, overlap and CTC losses and the crossentropies' options (`axis`, `labelSmoothing`,
 * `fromLogits`, `ignoreClass`) against real Keras 3.15.1 (scripts/keras/loss_fixtures_14.py): every
 * reduction without and with sample weights, gradients, configs; training by name and instance;
 * compile_config in a `.keras` file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, type Tensor, ValueError, layers, loadModel, memory, ops, optimizers, saveModel, tensor, tidy } from '../../ts/index.js';
import * as losses from '../../ts/losses/index.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { expectClose } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

interface Reduced {
  unweighted: number[];
  shape: number[];
  weighted: number[];
  grad_weighted: number[];
}

interface LossCase {
  class_name: string;
  kwargs: Record<string, unknown>;
  y_true: number[];
  y_true_shape: number[];
  y_pred: number[];
  y_pred_shape: number[];
  sample_weight: number[];
  sample_weight_shape: number[];
  config: Record<string, unknown>;
  reductions: Record<losses.Reduction, Reduced>;
}

interface TrainingCase {
  loss: string;
  x: number[];
  x_shape: number[];
  y: number[];
  y_shape: number[];
  kernel: number[];
  bias: number[];
  activation: 'sigmoid' | 'softmax' | null;
  history: number[];
  weights: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/losses/losses_14.json', import.meta.url), 'utf8')) as {
  losses: Record<string, LossCase>;
  training: TrainingCase[];
};
const cases = Object.entries(fixture.losses);
const reductionCases = cases.flatMap(([name, c]) => Object.entries(c.reductions).map(([reduction, want]) => [name, reduction, c, want] as const));
/** Float32 agreement with Keras: relative to the value, absolute below 1. */
const TOL = 2e-6;

/** The loss as Keras's deserializer builds it: class name and snake_case config. */
function lossOf(c: LossCase, extra: Record<string, unknown> = {}): losses.Loss {
  return losses.get({ class_name: c.class_name, config: { ...c.kwargs, ...extra } }) as losses.Loss;
}

const inputs = (c: LossCase) => ({
  yTrue: tensor(c.y_true, c.y_true_shape),
  yPred: tensor(c.y_pred, c.y_pred_shape),
  weights: tensor(c.sample_weight, c.sample_weight_shape),
});

describe('issue 14 losses match Keras 3.15.1', () => {
  it.each(reductionCases)('%s, reduction %s: values without and with sample weights, and the gradient', (_name, reduction, c, want) => {
    tidy(() => {
      const { yTrue, yPred, weights } = inputs(c);
      const loss = lossOf(c, { reduction });
      const value = loss.apply(yTrue, yPred);
      expect(value.shape).toEqual(want.shape);
      expectClose(value, want.unweighted, TOL);
      expectClose(loss.apply(yTrue, yPred, weights), want.weighted, TOL);
      const { grads } = valueAndGrads(() => ops.sum(loss.apply(yTrue, yPred, weights)), [yPred]);
      expectClose(grads[0]!, want.grad_weighted, 1e-5);
    });
  });

  it.each(cases)('%s: reduction null is none', (_name, c) => {
    tidy(() => {
      const { yTrue, yPred } = inputs(c);
      expectClose(lossOf(c, { reduction: null }).apply(yTrue, yPred), c.reductions.none.unweighted, TOL);
    });
  });

  it.each(cases.filter(([name]) => name !== 'ctc'))('%s: gradient matches finite differences', (_name, c) => {
    const loss = lossOf(c);
    // Probabilities are moved into [0.1, 0.9]: next to 0 and 1 the logs curve too fast for steps of 1e-2.
    const probabilities = c.y_pred.every((v) => v >= 0 && v <= 1);
    const values = probabilities ? c.y_pred.map((v) => 0.1 + 0.8 * v) : c.y_pred;
    gradcheck((p: Tensor) => loss.apply(tensor(c.y_true, c.y_true_shape), p, tensor(c.sample_weight, c.sample_weight_shape)), [{ values, shape: c.y_pred_shape }]);
  });

  it('ctc: gradient matches finite differences', () => {
    const c = fixture.losses.ctc!;
    const loss = lossOf(c, { reduction: 'none' });
    gradcheck((p: Tensor) => loss.apply(tensor(c.y_true, c.y_true_shape), p), [{ values: c.y_pred, shape: c.y_pred_shape }]);
  });

  it.each(cases)('%s: config is Keras\'s and round-trips through get()', (_name, c) => {
    const config = lossOf(c).getConfig();
    expect(config).toEqual(c.config);
    expect(Object.keys(config)).toEqual(Object.keys(c.config));
    expect((losses.get({ class_name: c.class_name, config }) as losses.Loss).getConfig()).toEqual(config);
  });

  it('frees every temporary', () => {
    const before = memory().numTensors;
    for (const [, c] of cases) {
      tidy(() => {
        const { yTrue, yPred, weights } = inputs(c);
        valueAndGrads(() => lossOf(c).apply(yTrue, yPred, weights), [yPred]);
      });
    }
    expect(memory().numTensors).toBe(before);
  });
});

describe('positional and option forms', () => {
  it.each([
    [() => new losses.BinaryFocalCrossentropy(true, 0.4, 1.5, true, 0.1, 0), () => new losses.BinaryFocalCrossentropy({ applyClassBalancing: true, alpha: 0.4, gamma: 1.5, fromLogits: true, labelSmoothing: 0.1, axis: 0 })],
    [() => new losses.CategoricalFocalCrossentropy(0.5, 1, true, 0.1, 0), () => new losses.CategoricalFocalCrossentropy({ alpha: 0.5, gamma: 1, fromLogits: true, labelSmoothing: 0.1, axis: 0 })],
    [() => new losses.Dice('sum', 'd', [1, 2]), () => new losses.Dice({ reduction: 'sum', name: 'd', axis: [1, 2] })],
    [() => new losses.Tversky(0.3, 0.7, 'sum', 't', 1), () => new losses.Tversky({ alpha: 0.3, beta: 0.7, reduction: 'sum', name: 't', axis: 1 })],
    [() => new losses.CTC('sum', 'c'), () => new losses.CTC({ reduction: 'sum', name: 'c' })],
    [() => new losses.BinaryCrossentropy(true, 0.1, 0), () => new losses.BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1, axis: 0 })],
    [() => new losses.CategoricalCrossentropy(true, 0.1, 0), () => new losses.CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1, axis: 0 })],
    [() => new losses.SparseCategoricalCrossentropy(true, 255), () => new losses.SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 255 })],
  ])('%#: same config', (positional, options) => {
    expect(positional().getConfig()).toEqual(options().getConfig());
  });
});

describe('functional forms', () => {
  it('binaryFocalCrossentropy, categoricalFocalCrossentropy, dice, tversky and ctc give the per-sample values of their classes', () => {
    const fns: Record<string, (t: Tensor, p: Tensor, o: Record<string, unknown>) => Tensor> = {
      BinaryFocalCrossentropy: losses.binaryFocalCrossentropy,
      CategoricalFocalCrossentropy: losses.categoricalFocalCrossentropy,
      Dice: losses.dice,
      Tversky: losses.tversky,
      CTC: (t, p) => losses.ctc(t, p),
    };
    for (const [, c] of cases.filter(([, c]) => c.class_name in fns)) {
      tidy(() => {
        const { yTrue, yPred } = inputs(c);
        const options = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k.replace(/_(.)/g, (_, ch: string) => ch.toUpperCase()), v]));
        expectClose(fns[c.class_name]!(yTrue, yPred, options), c.reductions.none.unweighted, TOL);
      });
    }
  });

  it('ctc takes int32 labels as well as float ones', () => {
    tidy(() => {
      const c = fixture.losses.ctc!;
      const labels = tensor(Int32Array.from(c.y_true), c.y_true_shape, 'int32');
      expectClose(losses.ctc(labels, tensor(c.y_pred, c.y_pred_shape)), c.reductions.none.unweighted, TOL);
    });
  });

  it('ops.ctcLoss takes explicit lengths and another blank index', () => {
    tidy(() => {
      // One frame per label: blank index 2, labels [0, 1] over 2 frames that put all mass on them.
      const logits = tensor([[[20, 0, 0], [0, 20, 0]]]);
      const loss = ops.ctcLoss(tensor([[0, 1]], [1, 2], 'int32'), logits, tensor([2], [1], 'int32'), tensor([2], [1], 'int32'), 2);
      expect(loss.dataSync()[0]).toBeLessThan(1e-6);
      expect(() => ops.ctcLoss(tensor([[0, 1]], [1, 2], 'int32'), logits, tensor([2, 2], [2], 'int32'), tensor([2], [1], 'int32'))).toThrow(
        'Arguments `target_length` and `target` must have the same first dimension. Received shapes: `(2,)` and `(1, 2)`.',
      );
    });
  });
});

describe('issue 14 losses train in compile as Keras does', () => {
  it.each(fixture.training.flatMap((c) => [[c.loss, 'by name', c] as const, [c.loss, 'by instance', c] as const]))('%s %s', async (_name, how, c) => {
    const before = memory().numTensors;
    const units = c.kernel.length / c.x_shape[c.x_shape.length - 1]!;
    const model = new Sequential([Input({ shape: c.x_shape.slice(1) }), new layers.Dense(units, { activation: c.activation })]);
    tidy(() => model.setWeights([tensor(c.kernel, [c.kernel.length / units, units]), tensor(c.bias, [units])]));
    const loss = how === 'by name' ? c.loss : losses.get(c.loss.replace(/(^|_)(.)/g, (_, __, ch: string) => ch.toUpperCase()).replace('Ctc', 'CTC'));
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.1 }), loss: loss as losses.LossIdentifier });
    const x = tensor(c.x, c.x_shape);
    const y = tensor(c.y, c.y_shape);
    const history = await model.fit(x, y, { batchSize: 2, epochs: 2, shuffle: false, verbose: 0 });
    expectClose(history.history.loss as number[], c.history, 1e-5);
    model.weights.forEach((w, i) => expectClose(w.value.dataSync(), c.weights[i]!, 1e-5));
    model.dispose();
    x.dispose();
    y.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it.each([
    ['binary_focal_crossentropy', new losses.BinaryFocalCrossentropy({ gamma: 3, applyClassBalancing: true })],
    ['categorical_focal_crossentropy', new losses.CategoricalFocalCrossentropy({ alpha: 0.5 })],
    ['dice', new losses.Dice({ axis: 1 })],
    ['tversky', new losses.Tversky({ alpha: 0.3, beta: 0.7 })],
    ['ctc', new losses.CTC({ reduction: 'sum' })],
  ])('%s round-trips through compile_config in a .keras file, by name and by instance', async (name, instance) => {
    for (const loss of [name, instance]) {
      const model = new Sequential([Input({ shape: [3] }), new layers.Dense(3, { activation: 'sigmoid' })]);
      model.compile({ optimizer: 'sgd', loss });
      const loaded = await loadModel(await saveModel(model));
      const reloaded = loaded.compileArgs?.loss;
      if (typeof loss === 'string') expect(reloaded).toBe(name);
      else expect((losses.get(reloaded as losses.LossIdentifier) as losses.Loss).getConfig()).toEqual(loss.getConfig());
      model.dispose();
      loaded.dispose();
    }
  });
});

describe('bad input', () => {
  it('an unknown loss name keeps Keras\'s sentence and lists the known names', () => {
    expect(() => losses.get('focal')).toThrow(/^Could not interpret loss identifier: focal\. Known losses: .*'binary_focal_crossentropy'.*'ctc'.*'CTC'.*'Tversky'/);
  });

  it('ctc names the shapes it expects', () => {
    tidy(() => {
      expect(() => losses.ctc(tensor([1, 2]), tensor([[[0, 1]]]))).toThrow(
        'Targets `y_true` are expected to be a tensor of shape `(batch_size, max_length)` in integer format. Received: y_true.shape=(2,)',
      );
      expect(() => losses.ctc(tensor([[1, 2]]), tensor([[0, 1]]))).toThrow(
        'Logits `y_pred` are expected to be a tensor of shape `(batch_size, max_length, num_classes)`. Received: y_pred.shape=(1, 2)',
      );
      expect(() => losses.ctc(tensor([[1, 7]]), tensor([[[0, 1], [1, 0]]]))).toThrow(ValueError);
    });
  });

  it('ctc: more labels than frames give an infinite loss and a zero gradient, not NaN', () => {
    tidy(() => {
      const yPred = tensor([[[0, 1, 2]]]);
      const { value, grads } = valueAndGrads(() => new losses.CTC().apply(tensor([[1, 2]]), yPred), [yPred]);
      expect(value.dataSync()[0]).toBe(Infinity);
      expect(Array.from(grads[0]!.dataSync())).toEqual([0, 0, 0]);
    });
  });
});
