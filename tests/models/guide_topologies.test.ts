/**
 * The multi-input / multi-output topologies of Keras's "The Functional API" guide: the ticket
 * classifier and an ensemble, each built, summarised and trained briefly.
 */
import { describe, expect, it } from 'vitest';
import { Input, Model, layers, losses, memory, ops, optimizers, tensor, tidy, type KerasTensor, type Tensor } from '../../ts/index.js';
import { seededValues } from '../helpers/close.js';

const NUM_TAGS = 12;
const NUM_WORDS = 1000;
const NUM_DEPARTMENTS = 4;

const meanOverTimeFn = (x: Tensor | Tensor[]) => ops.mean(x as Tensor, 1);
layers.registerLambdaFunction('mean_over_time', meanOverTimeFn);

/** The guide's ticket classifier; `reduce` turns each embedded sequence into one vector. */
function ticketClassifier(reduce: (size: number) => layers.Layer) {
  const title = Input({ shape: [null], name: 'title', dtype: 'int32' });
  const body = Input({ shape: [null], name: 'body', dtype: 'int32' });
  const tags = Input({ shape: [NUM_TAGS], name: 'tags' });
  const titleFeatures = reduce(128).apply(new layers.Embedding(NUM_WORDS, 64).apply(title)) as KerasTensor;
  const bodyFeatures = reduce(32).apply(new layers.Embedding(NUM_WORDS, 64).apply(body)) as KerasTensor;
  const x = layers.concatenate([titleFeatures, bodyFeatures, tags]);
  const priority = new layers.Dense(1, { name: 'priority' }).apply(x);
  const department = new layers.Dense(NUM_DEPARTMENTS, { name: 'department' }).apply(x);
  return new Model({ inputs: [title, body, tags], outputs: [priority, department] });
}

function ticketData(n: number) {
  const ints = (len: number, seed: number, high: number) => Int32Array.from(seededValues(len, seed, 0, high), Math.floor);
  return {
    x: {
      title: tensor(ints(n * 10, 1, NUM_WORDS), [n, 10], 'int32'),
      body: tensor(ints(n * 100, 2, NUM_WORDS), [n, 100], 'int32'),
      tags: tensor(Float32Array.from(ints(n * NUM_TAGS, 3, 2)), [n, NUM_TAGS]),
    },
    y: {
      priority: tensor(seededValues(n, 4, 0, 1), [n, 1]),
      department: tensor(Float32Array.from(ints(n * NUM_DEPARTMENTS, 5, 2)), [n, NUM_DEPARTMENTS]),
    },
  };
}

describe('the ticket classifier (three inputs, two outputs)', () => {
  const meanOverTime = () => new layers.Lambda(meanOverTimeFn);

  it('builds with the guide\'s shapes and Connected to column', () => {
    const model = ticketClassifier(meanOverTime);
    expect(model.inputNames).toEqual(['title', 'body', 'tags']);
    expect(model.outputNames).toEqual(['priority', 'department']);
    expect(model.outputShape).toEqual([[null, 1], [null, 4]]);
    // Two embeddings (1000 × 64 each) and the heads on 64 + 64 + 12 = 140 features.
    expect(model.countParams()).toBe(2 * NUM_WORDS * 64 + 141 + 140 * 4 + 4);
    const lines: string[] = [];
    model.summary({ printFn: (l) => lines.push(l) });
    expect(lines[2]).toContain('Connected to');
    const at = lines.findIndex((l) => l.includes('(Concatenate)'));
    expect(lines[at]).toMatch(/│ \(None, 140\) +│ +0 │ lambda(_\d+)?\[0\]\[0\], +│$/);
    // A long cell wraps after a comma onto the next line of the same row.
    expect(lines[at + 1]).toMatch(/^│ +│ +│ +│ lambda(_\d+)?\[0\]\[0\], tags\[0\]\[0\] +│$/);
    model.dispose();
  });

  it.each(['list', 'dict'] as const)('trains with a %s of losses, lossWeights [1, 0.2], and dict data keyed by name', async (form) => {
    const model = ticketClassifier(meanOverTime);
    const priorityLoss = new losses.BinaryCrossentropy({ fromLogits: true });
    const departmentLoss = new losses.CategoricalCrossentropy({ fromLogits: true });
    model.compile({
      optimizer: new optimizers.RMSprop({ learningRate: 1e-3 }),
      loss: form === 'list' ? [priorityLoss, departmentLoss] : { priority: priorityLoss, department: departmentLoss },
      lossWeights: form === 'list' ? [1, 0.2] : { priority: 1, department: 0.2 },
    });
    const { x, y } = ticketData(256);
    await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
    // Optimizer slots and metric state exist after the first epoch; later epochs add nothing.
    const afterFirstEpoch = memory();
    const history = await model.fit(x, y, { epochs: 3, batchSize: 32, verbose: 0 });
    expect(memory().numTensors).toBe(afterFirstEpoch.numTensors);
    expect(memory().numBytes).toBe(afterFirstEpoch.numBytes);
    expect(Object.keys(history.history).sort()).toEqual(['department_loss', 'loss', 'priority_loss']);
    const loss = history.history.loss as number[];
    expect(loss[2]!).toBeLessThan(loss[0]!);
    const total = (history.history.priority_loss as number[])[2]! + 0.2 * (history.history.department_loss as number[])[2]!;
    expect(loss[2]!).toBeCloseTo(total, 4);
    const [priority, department] = model.predict<Tensor[]>(x);
    expect(priority!.shape).toEqual([256, 1]);
    expect(department!.shape).toEqual([256, 4]);
    priority!.dispose(); department!.dispose();
    for (const t of [...Object.values(x), ...Object.values(y)]) t.dispose();
    model.dispose();
  });

  // The guide's exact model reduces each sequence with an LSTM; enable once LSTM exists.
  it.todo('the exact guide model: LSTM(128) over titles and LSTM(32) over bodies');
});

describe('an ensemble that averages three models', () => {
  it('averages the members\' outputs and trains them together', async () => {
    const member = (i: number) => {
      const inputs = Input({ shape: [16] });
      return new Model({ inputs, outputs: new layers.Dense(1, { name: `member_${i}_out` }).apply(inputs), name: `member_${i}` });
    };
    const members = [member(1), member(2), member(3)];
    const inputs = Input({ shape: [16] });
    const outputs = layers.average(members.map((m) => m.apply(inputs) as KerasTensor));
    const ensemble = new Model({ inputs, outputs, name: 'ensemble' });
    expect(ensemble.countParams()).toBe(3 * 17);
    tidy(() => {
      const x = tensor(seededValues(4 * 16, 9), [4, 16]);
      const each = members.map((m) => m.apply(x).dataSync());
      const got = ensemble.apply(x).dataSync();
      got.forEach((v, i) => expect(v).toBeCloseTo((each[0]![i]! + each[1]![i]! + each[2]![i]!) / 3, 5));
    });
    const x = tensor(seededValues(128 * 16, 10), [128, 16]);
    const y = tidy(() => ops.sum(x, 1, true));
    ensemble.compile({ optimizer: 'adam', loss: 'mse' });
    const history = await ensemble.fit(x, y, { epochs: 5, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[4]!).toBeLessThan(loss[0]!);
    ensemble.dispose(); x.dispose(); y.dispose();
  });
});
