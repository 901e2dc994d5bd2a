import { describe, expect, it } from 'vitest';
import {
  Input, Layer, Model, ValueError, layers, memory, ops, optimizers, tensor, tidy,
  type CallArgs, type Tensor,
} from '../../ts/index.js';
import type { ShapeOrShapes } from '../../ts/engine/layer.js';
import type { SymbolicShape } from '../../ts/engine/shape.js';
import { seededValues } from '../helpers/close.js';

/** Joins its inputs on the last axis (stands in for `layers.concatenate` until it lands). */
class JoinLast extends Layer {
  call(inputs: Tensor[], _args: CallArgs): Tensor {
    return ops.concatenate(inputs, -1);
  }

  override computeOutputShape(shapes: ShapeOrShapes): ShapeOrShapes {
    const list = shapes as SymbolicShape[];
    const last = list.reduce<number | null>((n, s) => (n === null || s.at(-1) === null ? null : n + s.at(-1)!), 0);
    return [...list[0]!.slice(0, -1), last];
  }
}

/** A ticket model as in Keras's functional API guide: title and body in, priority and department out. */
function ticketModel(): Model {
  const title = Input({ shape: [4], name: 'title' });
  const body = Input({ shape: [3], name: 'body' });
  const t = new layers.Dense(8, { activation: 'relu', name: 'title_features' }).apply(title);
  const b = new layers.Dense(8, { activation: 'relu', name: 'body_features' }).apply(body);
  const joined = new JoinLast({ name: 'join' }).apply([t, b]) as ReturnType<typeof Input>;
  const priority = new layers.Dense(1, { name: 'priority' }).apply(joined);
  const department = new layers.Dense(3, { activation: 'softmax', name: 'department' }).apply(joined);
  return new Model({ inputs: [title, body], outputs: [priority, department], name: 'tickets' });
}

/** Data a small model can learn: priority linear in the inputs, department the argmax of a linear map. */
function ticketData(n: number) {
  const title = tensor(seededValues(n * 4, 31), [n, 4]);
  const body = tensor(seededValues(n * 3, 32), [n, 3]);
  const [priority, department] = tidy(() => {
    const both = ops.concatenate([title, body], -1);
    const p = ops.matmul(both, tensor(seededValues(7, 33), [7, 1]));
    const d = ops.cast(ops.argmax(ops.matmul(both, tensor(seededValues(21, 34, -2, 2), [7, 3])), -1), 'float32');
    return [p, d];
  });
  return { title, body, priority, department, dispose: () => [title, body, priority, department].forEach((t) => t.dispose()) };
}

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 4);

describe('models with several inputs and outputs', () => {
  it('compiled with a list of losses: fit on dicts keyed by name, Keras 3 log keys, evaluate order, predict', async () => {
    const model = ticketModel();
    expect(model.inputNames).toEqual(['title', 'body']);
    expect(model.outputNames).toEqual(['priority', 'department']);
    const data = ticketData(192);
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 0.01 }), loss: ['mse', 'sparse_categorical_crossentropy'], metrics: [null, ['accuracy']] });
    const history = await model.fit(
      { body: data.body, title: data.title },
      { priority: data.priority, department: data.department },
      { epochs: 20, batchSize: 32, verbose: 0, validationSplit: 0.25 },
    );
    // Keras 3 hands callbacks their logs sorted by name, and so the History records them.
    expect(Object.keys(history.history)).toEqual([
      'department_accuracy', 'department_loss', 'loss', 'priority_loss',
      'val_department_accuracy', 'val_department_loss', 'val_loss', 'val_priority_loss',
    ]);
    const h = history.history as Record<string, number[]>;
    expect(h.loss!.at(-1)!).toBeLessThan(h.loss![0]! * 0.7);
    expect(h.priority_loss!.at(-1)!).toBeLessThan(h.priority_loss![0]!);
    expect(h.department_loss!.at(-1)!).toBeLessThan(h.department_loss![0]!);
    // Unit weights: the total is the sum of the outputs' losses, epoch by epoch.
    h.loss!.forEach((l, i) => close(l, h.priority_loss![i]! + h.department_loss![i]!));
    expect(model.metricsNames).toEqual(['loss', 'department_accuracy', 'priority_loss', 'department_loss']);

    const values = model.evaluate([data.title, data.body], [data.priority, data.department], { verbose: 0 }) as number[];
    const logs = model.evaluate({ title: data.title, body: data.body }, { priority: data.priority, department: data.department }, { verbose: 0, returnDict: true }) as Record<string, number>;
    expect(values).toHaveLength(4);
    expect(values).toEqual(model.metricsNames.map((n) => logs[n]));
    close(values[0]!, values[2]! + values[3]!);
    expect(values[1]!).toBeGreaterThan(0.5);

    const [p, d] = model.predict({ title: data.title, body: data.body }, { verbose: 0, batchSize: 50 }) as unknown as Tensor[];
    expect(p!.shape).toEqual([192, 1]);
    expect(d!.shape).toEqual([192, 3]);
    // Batched prediction equals one forward pass.
    tidy(() => {
      const [p1, d1] = model.forward([data.title, data.body], false) as Tensor[];
      expect(ops.max(ops.abs(ops.subtract(p1!, p!))).dataSync()[0]!).toBeLessThan(1e-5);
      expect(ops.max(ops.abs(ops.subtract(d1!, d!))).dataSync()[0]!).toBeLessThan(1e-5);
    });
    p!.dispose();
    d!.dispose();
    data.dispose();
    model.dispose();
  });

  it('compiled with a dict of losses and lossWeights [1, 0.2]: the total weighs the outputs, no leaks over epochs', async () => {
    const model = ticketModel();
    const data = ticketData(128);
    model.compile({
      optimizer: 'adam',
      loss: { department: 'sparse_categorical_crossentropy', priority: 'mse' },
      lossWeights: [1, 0.2],
      metrics: { department: 'accuracy', priority: ['mse'] },
    });
    const x = { title: data.title, body: data.body };
    const y = { priority: data.priority, department: data.department };
    await model.fit(x, y, { epochs: 1, verbose: 0 }); // creates the optimizer's slots and the metrics
    const before = memory().numTensors;
    const history = await model.fit(x, y, { epochs: 6, batchSize: 16, verbose: 0, validationData: [x, y] });
    expect(memory().numTensors).toBe(before);
    const h = history.history as Record<string, number[]>;
    // Sorted, as Keras 3.15.1's History of the same model (checked with Keras).
    expect(Object.keys(h)).toEqual([
      'department_accuracy', 'department_loss', 'loss', 'priority_loss', 'priority_mse',
      'val_department_accuracy', 'val_department_loss', 'val_loss', 'val_priority_loss', 'val_priority_mse',
    ]);
    h.loss!.forEach((l, i) => close(l, h.priority_loss![i]! + 0.2 * h.department_loss![i]!));
    h.priority_loss!.forEach((l, i) => close(l, h.priority_mse![i]!));
    expect(h.loss!.at(-1)!).toBeLessThan(h.loss![0]!);

    const values = model.evaluate(x, y, { verbose: 0 }) as number[];
    close(values[0]!, values[3]! + 0.2 * values[4]!);
    const batch = model.trainOnBatch(x, y) as number[];
    expect(batch).toHaveLength(5);
    const test = model.testOnBatch([data.title, data.body], [data.priority, data.department]) as number[];
    close(test[0]!, test[3]! + 0.2 * test[4]!);
    expect(memory().numTensors).toBe(before);
    data.dispose();
    model.dispose();
  });

  it('one loss applies to every output; dict lossWeights by name', () => {
    const model = ticketModel();
    const data = ticketData(16);
    const oneHot = ops.oneHot(ops.cast(data.department, 'int32'), 3);
    const y = [data.priority, oneHot];
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const [total, pLoss, dLoss] = model.testOnBatch([data.title, data.body], y) as number[];
    expect(model.metricsNames).toEqual(['loss', 'priority_loss', 'department_loss']);
    close(total!, pLoss! + dLoss!);
    // Keras 3 matches loss weights to the loss structure: one loss takes one weight.
    model.compile({ optimizer: 'sgd', loss: 'mse', lossWeights: { department: 0, priority: 1 } });
    expect(() => model.testOnBatch([data.title, data.body], y)).toThrow('`loss_weights` must match the number of losses, got 1 losses and 2 weights.');
    model.compile({ optimizer: 'sgd', loss: { priority: 'mse', department: 'mse' }, lossWeights: { department: 0, priority: 1 } });
    const [loss, pLoss2] = model.testOnBatch([data.title, data.body], y) as number[];
    close(loss!, pLoss2!);
    close(pLoss2!, pLoss!);
    oneHot.dispose();
    data.dispose();
    model.dispose();
  });

  it("gives Keras's errors for data and configs that do not match the model", async () => {
    const model = ticketModel();
    const data = ticketData(16);
    const y = { priority: data.priority, department: data.department };
    model.compile({ optimizer: 'sgd', loss: ['mse', 'sparse_categorical_crossentropy'] });
    const before = memory().numTensors;
    await expect(model.fit({ body: data.body, titel: data.title }, y, { verbose: 0 })).rejects.toThrow(
      new ValueError(`Missing data for input "title". You passed a data dictionary with keys ['body', 'titel']. Expected the following keys: ['title', 'body']`),
    );
    expect(() => model.evaluate([data.title], y, { verbose: 0 })).toThrow(
      `Layer "tickets" expects 2 named input(s) with keys ['title', 'body'], but it received 1 input tensors. Pass inputs as a dict, e.g. \`layer({'title': ..., 'body': ...})\`.`,
    );
    expect(() => model.trainOnBatch([data.title, data.body], { priority: data.priority })).toThrow(
      "y_true and y_pred have different structures.\ny_true: {'priority': '*'}\ny_pred: ['*', '*']\n",
    );
    expect(() => model.trainOnBatch([data.title, data.body], data.priority)).toThrow(
      "y_true and y_pred have different structures.\ny_true: '*'\ny_pred: ['*', '*']\n",
    );
    const short = tensor(seededValues(10 * 3, 5), [10, 3]);
    expect(() => model.evaluate([data.title, short], y, { verbose: 0 })).toThrow(
      "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: 16, 10\n'y' sizes: 16, 16\n",
    );
    short.dispose();
    expect(memory().numTensors).toBe(before);

    model.compile({ optimizer: 'sgd', loss: { priority: 'mse' } });
    expect(() => model.testOnBatch([data.title, data.body], y)).toThrow("Expected keys ['priority', 'department'] in loss dict, but found loss.keys()=['priority']");
    model.compile({ optimizer: 'sgd', loss: ['mse', 'sparse_categorical_crossentropy'], metrics: ['mse'] });
    expect(() => model.testOnBatch([data.title, data.body], y)).toThrow(
      "Invalid `metrics`. `metrics` should contain metrics objects and either be a dict or a list matching the output names of the functional model ['priority', 'department'] or match the output structure of the model: ['X', 'X'].\nReceived: metrics=['mse']",
    );
    // A compile() that fails allocates nothing and keeps the previous configuration.
    const compiled = memory().numTensors;
    expect(() => model.compile({ loss: ['mse', 'msee'] })).toThrow('Could not interpret loss identifier: msee');
    expect(() => model.compile({ loss: 'mse', metrics: { department: ['acuracy'] } })).toThrow('Could not interpret metric identifier: acuracy');
    expect(() => model.compile({ loss: 'mse', optimizer: 'adamm' })).toThrow('Could not interpret optimizer identifier: adamm');
    expect(memory().numTensors).toBe(compiled);
    data.dispose();
    model.dispose();
  });
});

/** A subclassed model whose layers create their weights on the first call. */
class TwoBranchNet extends Model {
  readonly hidden = new layers.Dense(6, { activation: 'relu' });
  readonly head = new layers.Dense(1);

  override call(inputs: Tensor, args: CallArgs): Tensor {
    return this.head.apply(this.hidden.apply(inputs, args), args);
  }
}

describe('unbuilt (subclassed) models', () => {
  it('the first training step already trains every weight', () => {
    const model = new TwoBranchNet();
    expect(model.trainableWeights).toHaveLength(0);
    const data = ticketData(32);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    model.trainOnBatch(data.title, data.priority);
    expect(model.trainableWeights).toHaveLength(4);
    // Adam created its two slots for each of the four weights: each received a gradient in that first step.
    expect(model.optimizer.variables).toHaveLength(8);
    expect(model.optimizer.iterations).toBe(1);
    data.dispose();
    model.dispose();
  });

  it('fit trains a subclassed model from its first batch', async () => {
    const model = new TwoBranchNet();
    const data = ticketData(64);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const history = await model.fit(data.title, data.priority, { epochs: 8, batchSize: 64, verbose: 0 });
    expect(model.optimizer.variables).toHaveLength(8);
    const loss = history.history.loss as number[];
    expect(loss.at(-1)!).toBeLessThan(loss[0]!);
    data.dispose();
    model.dispose();
  });
});
