import { describe, expect, it } from 'vitest';
import { ValueError, dispose, keep, memory, tensor, tidy } from '../../ts/index.js';

describe('tensor', () => {
  it('takes nested arrays and infers the shape', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.arraySync()).toEqual([[1, 2, 3], [4, 5, 6]]);
    t.dispose();
  });

  it('takes typed arrays with a shape and int32', async () => {
    const t = tensor(new Int32Array([1, -2, 3, 4]), [2, 2]);
    expect(t.dtype).toBe('int32');
    expect(await t.array()).toEqual([[1, -2], [3, 4]]);
    const s = tensor(7);
    expect(s.shape).toEqual([]);
    expect(s.arraySync()).toBe(7);
    dispose([t, s]);
  });

  it('rejects sizes, ragged arrays and non-numbers with clear errors', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/shape \(2, 2\) holds 4 values, but 3 were given/);
    expect(() => tensor([[1, 2], [3]])).toThrow(ValueError);
    expect(() => tensor([1, 'a' as unknown as number])).toThrow(/values must be numbers, received string/);
  });

  it('refuses to use a disposed tensor', () => {
    const t = tensor([1, 2]);
    t.dispose();
    expect(() => t.dataSync()).toThrow(/disposed/);
  });

  it('counts live tensors and bytes, and tidy frees all but the result', () => {
    const before = memory();
    const kept = tidy(() => {
      tensor([1, 2, 3]);
      const k = keep(tensor([4]));
      tensor([5, 6]);
      return [k, tensor(new Float32Array(10))];
    });
    expect(memory().numTensors - before.numTensors).toBe(2);
    expect(memory().numBytes - before.numBytes).toBe(44);
    dispose(kept);
    expect(memory()).toMatchObject({ numTensors: before.numTensors, numBytes: before.numBytes });
  });
});
