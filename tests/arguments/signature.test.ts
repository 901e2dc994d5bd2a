import { describe, expect, it } from 'vitest';
import { type KerasArgs, REQUIRED, isOptionsObject, kerasClassName, onlyDefault, signature } from '../../ts/arguments/signature.js';

interface PoolArgs {
  poolSize?: number | number[];
  strides?: number | number[] | null;
  padding?: string;
  name?: string | null;
  futureOption?: null;
}

class Pool {
  static className = 'Pool';
  static readonly signature = signature<PoolArgs>()({ poolSize: REQUIRED, strides: null, padding: 'valid', futureOption: onlyDefault(null) }, { name: null });
  readonly args;
  constructor(...args: KerasArgs<[poolSize: number | number[], strides: number | number[] | null], PoolArgs>) {
    this.args = Pool.signature.resolve(args, new.target);
  }
}

class MyPool extends Pool {}

describe('Signature.resolve', () => {
  it('takes positional values in order, an options object, or both, and fills the defaults', () => {
    const expected = { poolSize: 3, strides: 2, padding: 'valid', futureOption: null, name: null };
    expect(new Pool(3, 2).args).toEqual(expected);
    expect(new Pool({ poolSize: 3, strides: 2 }).args).toEqual(expected);
    expect(new Pool(3, { strides: 2 }).args).toEqual(expected);
    expect(new Pool(3, 2, { padding: 'same', name: 'p' }).args).toEqual({ ...expected, padding: 'same', name: 'p' });
  });

  it('treats undefined as not given, and copies array defaults so instances never share them', () => {
    const list = signature<{ size?: number[] }>()({ size: [2, 2] });
    const a = list.resolve([{ size: undefined }], Pool);
    const b = list.resolve([], Pool);
    a.size.push(9);
    expect(b.size).toEqual([2, 2]);
    expect(list.defaultOf('size')).toEqual([2, 2]);
  });

  it('names the class (a subclass by its own name) and the key in its errors', () => {
    expect(() => new Pool({ poolSize: 2, pool_size: 3 } as PoolArgs)).toThrow(
      "Unrecognized keyword arguments passed to Pool: {'pool_size': 3}. Options take camelCase keys: did you mean 'poolSize'?");
    expect(() => new MyPool({ poolSize: 2, stride: 3 } as PoolArgs)).toThrow("Unrecognized keyword arguments passed to MyPool: {'stride': 3}.");
    expect(() => new Pool({})).toThrow("Pool missing required argument: 'poolSize'.");
    expect(() => new Pool(2, { poolSize: 3 })).toThrow("Pool got multiple values for argument 'poolSize'.");
    expect(() => new (Pool as unknown as new (...a: unknown[]) => Pool)(2, 1, 'same', null, 5)).toThrow(
      'Pool takes at most 4 positional arguments (poolSize, strides, padding, futureOption), but 5 were given.');
  });

  it('refuses a parameter kerasm takes only at its default, by name', () => {
    expect(new Pool({ poolSize: 2, futureOption: null }).args.futureOption).toBeNull();
    expect(() => new Pool({ poolSize: 2, futureOption: 4 as unknown as null })).toThrow(
      'Pool: kerasm does not support the argument `future_option` (futureOption) other than at its default None. Received: futureOption=4');
  });

  it('tells options objects from positional values', () => {
    expect(isOptionsObject({ a: 1 })).toBe(true);
    expect(isOptionsObject(Object.create(null))).toBe(true);
    expect(isOptionsObject([1, 2])).toBe(false);
    expect(isOptionsObject(new Pool(2))).toBe(false);
    expect(isOptionsObject(null)).toBe(false);
    expect(kerasClassName(MyPool)).toBe('MyPool');
    expect(kerasClassName(Pool)).toBe('Pool');
  });
});
