import { describe, expect, it } from 'vitest';
import { Scope, type Tensor, keep, memory, ops, tensor, tidy, tidyAsync } from '../../ts/index.js';

/** Resolves after `ms` milliseconds, letting other tasks run. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise and the function that resolves it. */
function gate(): [Promise<void>, () => void] {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return [promise, open];
}

describe('Scope', () => {
  it('owns the tensors its synchronous runs create, across awaits, until disposed', async () => {
    const start = memory().numTensors;
    const x = tensor([1, 2, 3]);
    const scope = new Scope();
    const y = scope.run(() => ops.add(x, 1));
    await sleep(1);
    const z = scope.run(() => ops.multiply(y, 2));
    expect(Array.from(z.dataSync())).toEqual([4, 6, 8]);
    expect(scope.size).toBe(2);
    const kept = scope.keep(z);
    scope.dispose();
    expect(y.isDisposed).toBe(true);
    expect(kept.isDisposed).toBe(false);
    expect(x.isDisposed).toBe(false);
    kept.dispose();
    x.dispose();
    expect(memory().numTensors).toBe(start);
    expect(() => scope.run(() => 1)).toThrow('Scope.run(): the scope was disposed');
    scope.dispose(); // a second dispose does nothing
  });

  it('keeps tensors a tidy inside run returns, frees its intermediates, and honours keep()', () => {
    const start = memory().numTensors;
    const scope = new Scope();
    const [a, b] = scope.run(() => {
      const t = tidy(() => ops.add(ops.multiply(tensor([1, 2]), 3), 1)); // the intermediate dies with the tidy
      return [t, keep(tensor([5]))];
    });
    expect(memory().numTensors).toBe(start + 2);
    scope.dispose();
    expect(a.isDisposed).toBe(true);
    expect(b.isDisposed).toBe(false);
    b.dispose();
    expect(memory().numTensors).toBe(start);
  });

  it('refuses an async function in run (its later tensors would escape)', async () => {
    const scope = new Scope();
    expect(() => scope.run(async () => 1)).toThrow(/synchronous function/);
    scope.dispose();
  });

  it('adopt moves tensors into the scope', () => {
    const start = memory().numTensors;
    const loose = tensor([1, 2]);
    const scope = new Scope();
    scope.adopt({ loose });
    scope.dispose();
    expect(loose.isDisposed).toBe(true);
    expect(memory().numTensors).toBe(start);
  });
});

describe('tidyAsync', () => {
  it('two concurrent calls interleaving awaits each free exactly their own tensors; results survive', async () => {
    const start = memory().numTensors;
    const x = tensor([1, 2, 3, 4]);
    const events: string[] = [];
    const live = (ts: Tensor[]) => ts.filter((t) => !t.isDisposed).length;
    const aTemps: Tensor[] = [];
    const bTemps: Tensor[] = [];
    // Gates fix the interleaving: a1 b1 b2 a2 a3 (a finishes) b3.
    const [aStep, openA] = gate();
    const [aDone, openA2] = gate();
    const [bStep, openB] = gate();
    const [bDone, openB2] = gate();

    const a = tidyAsync(async (scope) => {
      aTemps.push(scope.run(() => ops.add(x, 1)));
      events.push('a1');
      await aStep;
      aTemps.push(scope.run(() => ops.multiply(aTemps[0]!, 2)));
      events.push('a2');
      await aDone;
      events.push('a3');
      return scope.run(() => ops.sum(aTemps[1]!));
    });
    const b = tidyAsync(async (scope) => {
      bTemps.push(scope.run(() => ops.subtract(x, 1)));
      events.push('b1');
      await bStep;
      bTemps.push(scope.run(() => ops.multiply(bTemps[0]!, 3)));
      events.push('b2');
      openA(); // a creates a tensor while b is suspended
      await bDone;
      events.push('b3');
      return { total: scope.run(() => ops.sum(bTemps[1]!)), first: bTemps[0]! };
    });

    openB();
    await sleep(1);
    openA2();
    const aResult = await a;
    // a's temporaries are gone; b's are all alive although b created them between a's awaits.
    expect(live(aTemps)).toBe(0);
    expect(live(bTemps)).toBe(2);
    openB2();
    const bResult = await b;
    expect(events).toEqual(['a1', 'b1', 'b2', 'a2', 'a3', 'b3']);

    expect(aResult.dataSync()[0]).toBe(28); // sum((x + 1) * 2)
    expect(bResult.total.dataSync()[0]).toBe(18); // sum((x - 1) * 3)
    expect(bResult.first.isDisposed).toBe(false); // returned, so it survives
    expect(bTemps[1]!.isDisposed).toBe(true);
    expect(memory().numTensors).toBe(start + 4); // x and the three returned tensors
    aResult.dispose();
    bResult.total.dispose();
    bResult.first.dispose();
    x.dispose();
    expect(memory().numTensors).toBe(start);
  });

  it('frees everything when the function throws, after an await', async () => {
    const start = memory().numTensors;
    let made: Tensor | undefined;
    await expect(
      tidyAsync(async (scope) => {
        made = scope.run(() => tensor([1, 2, 3]));
        await sleep(1);
        scope.run(() => ops.add(made!, 1));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(made!.isDisposed).toBe(true);
    expect(memory().numTensors).toBe(start);
  });
});

describe('tidy', () => {
  it('frees what it created when its function throws (as TensorFlow.js)', () => {
    const start = memory().numTensors;
    expect(() =>
      tidy(() => {
        tensor([1, 2]);
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(memory().numTensors).toBe(start);
  });

  it('still refuses async functions and still moves results to the enclosing tidy', () => {
    const start = memory().numTensors;
    expect(() => tidy(() => Promise.resolve(1) as never)).toThrow(/cannot take an async function/);
    const outer = tidy(() => {
      const inner = tidy(() => ops.add(tensor([1]), 1));
      expect(inner.isDisposed).toBe(false);
      return ops.add(inner, 1);
    });
    expect(outer.dataSync()[0]).toBe(3);
    outer.dispose();
    expect(memory().numTensors).toBe(start);
  });
});
