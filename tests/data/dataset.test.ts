/** utils.Dataset: slicing, the chain (map, batch, shuffle, prefetch, take, skip, repeat), freeing, and fit over it. */
import { describe, expect, it } from 'vitest';
import { Input, Sequential, type Tensor, layers, memory, ops, tensor, utils } from '../../ts/index.js';

const { Dataset, splitDataset } = utils;

async function collect<T>(ds: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of ds) out.push(e);
  return out;
}

/** Batches as plain arrays (their Tensors downloaded and freed). */
async function batches(ds: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const b of ds) {
    out.push(plain(b));
    dispose(b);
  }
  return out;
}

function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && 'arraySync' in v) return (v as Tensor).arraySync();
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function dispose(v: unknown): void {
  if (Array.isArray(v)) v.forEach(dispose);
  else if (v && typeof v === 'object' && 'dispose' in v) (v as Tensor).dispose();
  else if (v && typeof v === 'object') Object.values(v).forEach(dispose);
}

describe('Dataset.fromArrays', () => {
  it("slices one array, a list [x, y] and a dict, as tf's from_tensor_slices", async () => {
    expect(await collect(Dataset.fromArrays([[1, 2], [3, 4], [5, 6]]))).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(await collect(Dataset.fromArrays([new Float32Array([1, 2]), new Int32Array([7, 8])]))).toEqual([[1, 7], [2, 8]]);
    expect(await collect(Dataset.fromArrays({ a: [1, 2], b: [[1], [2]] }))).toEqual([{ a: 1, b: [1] }, { a: 2, b: [2] }]);
    const x = tensor([[[1, 2]], [[3, 4]]]);
    const rows = await collect(Dataset.fromArrays([x, [0, 1]]));
    expect(rows).toEqual([[[[1, 2]], 0], [[[3, 4]], 1]]);
    x.dispose();
    expect(() => Dataset.fromArrays([[1, 2, 3], [[1], [2]]])).toThrow('All arrays must have the same number of samples (first dimension). Received: 3, 2');
  });

  it('batches into Tensors keeping the structure, the last batch short unless dropRemainder', async () => {
    const before = memory().numTensors;
    const x = new Float32Array([0, 1, 2, 3, 4]);
    const y = new Int32Array([10, 11, 12, 13, 14]);
    const ds = Dataset.fromArrays([x, y]).batch(2);
    expect(ds.cardinality()).toBe(3);
    expect(await batches(ds)).toEqual([[[0, 1], [10, 11]], [[2, 3], [12, 13]], [[4], [14]]]);
    expect(await batches(Dataset.fromArrays([x, y]).batch(2, { dropRemainder: true }))).toHaveLength(2);
    const img = tensor([[1, 2], [3, 4], [5, 6]]);
    const [only] = await collect(Dataset.fromArrays({ img }).batch(3));
    expect((only as { img: Tensor }).img.shape).toEqual([3, 2]);
    dispose(only);
    img.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('batches strings into string tensors, from arrays and from string tensors', async () => {
    const before = memory().numTensors;
    const [first] = await collect(Dataset.fromArrays([['a b', 'c', 'd e f'], [0, 1, 2]]).take(2).batch(2));
    const [text, label] = first as [Tensor, Tensor];
    expect(text.dtype).toBe('string');
    expect(text.arraySync()).toEqual(['a b', 'c']);
    expect(label.arraySync()).toEqual([0, 1]);
    const words = tensor([['x', 'y'], ['z', 'w']]);
    const [rows] = await collect(Dataset.fromArrays(words).batch(2));
    expect((rows as Tensor).arraySync()).toEqual([['x', 'y'], ['z', 'w']]);
    dispose([first, rows]);
    words.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('maps (freeing the Tensors the function drops), takes, skips and repeats', async () => {
    const before = memory().numTensors;
    const ds = Dataset.fromArrays([0, 1, 2, 3, 4]).skip(1).take(3).repeat(2);
    expect(ds.cardinality()).toBe(6);
    expect(await collect(ds)).toEqual([1, 2, 3, 1, 2, 3]);
    const doubled = Dataset.fromArrays([[1, 2], [3, 4]]).batch(2).map((b) => ops.multiply(b as Tensor, 2));
    expect(await batches(doubled)).toEqual([[[2, 4], [6, 8]]]);
    expect(await collect(Dataset.fromArrays([1, 2]).repeat().take(5))).toEqual([1, 2, 1, 2, 1]);
    expect(memory().numTensors).toBe(before);
  });

  it('shuffles through a buffer: a permutation, the same for a seed, new each iteration unless told', async () => {
    const n = 50;
    const values = Array.from({ length: n }, (_, i) => i);
    const ds = Dataset.fromArrays(values).shuffle(n, { seed: 7 });
    const first = (await collect(ds)) as number[];
    const second = await collect(ds);
    expect([...first].sort((a, b) => a - b)).toEqual(values);
    expect(first).not.toEqual(values);
    expect(second).not.toEqual(first);
    expect(await collect(Dataset.fromArrays(values).shuffle(n, { seed: 7 }))).toEqual(first);
    const fixed = Dataset.fromArrays(values).shuffle(n, { seed: 7, reshuffleEachIteration: false });
    expect(await collect(fixed)).toEqual(await collect(fixed));
    // A buffer of 1 keeps the order; a small buffer only moves elements locally.
    expect(await collect(Dataset.fromArrays(values).shuffle(1))).toEqual(values);
    const local = await collect(Dataset.fromArrays(values).shuffle(3, { seed: 1 }));
    local.forEach((v, i) => expect(v).toBeLessThanOrEqual(i + 2));
  });

  it('prefetches ahead of the consumer, and frees what it read ahead when the consumer stops', async () => {
    let produced = 0;
    const ds = Dataset.fromGenerator(function* () {
      for (let i = 0; i < 10; i++) {
        produced++;
        yield [i];
      }
    })
      .batch(1)
      .prefetch(3);
    const before = memory().numTensors;
    for await (const b of ds) {
      dispose(b);
      await new Promise((r) => setTimeout(r, 0));
      expect(produced).toBeGreaterThanOrEqual(3);
      break;
    }
    expect(memory().numTensors).toBe(before);
  });
});

describe('splitDataset', () => {
  it("splits arrays with Keras's sizes: counts, fractions, the complement", async () => {
    const x = Array.from({ length: 10 }, (_, i) => i);
    const [left, right] = splitDataset(x, { leftSize: 0.8 });
    expect(await collect(left)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await collect(right)).toEqual([8, 9]);
    // Two plain arrays of one shape would read as one 2-row array: typed arrays are a list.
    const [l2, r2] = splitDataset([Float32Array.from(x), Int32Array.from(x)], { leftSize: 3, rightSize: 2 });
    expect(await collect(l2)).toEqual([[0, 0], [1, 1], [2, 2]]);
    expect(await collect(r2)).toEqual([[8, 8], [9, 9]]);
    const [l3, r3] = await splitDataset(Dataset.fromArrays(x), { rightSize: 0.25, shuffle: true, seed: 3 });
    const all = [...(await collect(l3)), ...(await collect(r3))] as number[];
    expect(all.sort((a, b) => a - b)).toEqual(x);
    expect(l3.cardinality()).toBe(8); // round(2.5) = 2 on the right, as Python rounds halves to even
  });

  it("refuses Keras's bad sizes in Keras's words", () => {
    const x = [1, 2, 3, 4];
    expect(() => splitDataset(x, {})).toThrow('At least one of the `left_size` or `right_size` must be specified.');
    expect(() => splitDataset(x, { leftSize: 4 })).toThrow('`left_size` should be either a positive integer smaller than 4, or a float within the range `[0, 1]`. Received: left_size=4');
    expect(() => splitDataset(x, { leftSize: 0.6, rightSize: 0.6 })).toThrow('The sum of `left_size` and `right_size` is greater than 1.');
    expect(() => splitDataset(x, { leftSize: 3, rightSize: 2 })).toThrow('The sum of `left_size` and `right_size` should be smaller than the 4.');
    expect(() => splitDataset(x, { leftSize: 0.1 })).toThrow('Resulting left side dataset split will be empty.');
  });
});

describe('fit over a Dataset', () => {
  it('trains from fromArrays → shuffle → batch → prefetch like from the arrays, and leaks nothing', async () => {
    const n = 64;
    const x = Array.from({ length: n }, (_, i) => [i / n, 1 - i / n]);
    const y = x.map(([a, b]) => [3 * a! - b!]);
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit(x, y, { epochs: 1, verbose: 0 }); // creates the optimizer's slots
    const before = memory().numTensors;
    const ds = Dataset.fromArrays([x, y]).shuffle(n, { seed: 1 }).batch(16).prefetch(2);
    const history = await model.fit(ds, { epochs: 5, verbose: 0 });
    expect(history.params.steps).toBeNull();
    expect(history.history.loss).toHaveLength(5);
    expect(history.history.loss![4] as number).toBeLessThan(history.history.loss![0] as number);
    const loss = (await model.evaluate(Dataset.fromArrays([x, y]).batch(32), { verbose: 0 })) as number;
    expect(loss).toBeCloseTo(model.evaluate(x, y, { verbose: 0 }) as number, 5);
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });
});
