import { describe, expect, it } from 'vitest';
import { Input, KerasmRuntimeError, ValueError, ops, tensor, tidy } from '../../ts/index.js';
import { call, wasmCallCount } from '../../ts/runtime/binding.js';

// Before the trap test below, which stops the runtime for the rest of this file.
describe('wasmCallCount', () => {
  it('counts every call into WebAssembly, and nothing else', () => {
    const start = wasmCallCount();
    Input([3]);
    expect(wasmCallCount()).toBe(start);
    tidy(() => {
      ops.add(tensor([1, 2]), 1).dataSync();
    });
    // at least the upload, the add and the read
    expect(wasmCallCount()).toBeGreaterThanOrEqual(start + 3);
  });
});

describe('binding.call', () => {
  it('turns a Rust error into a ValueError that carries its message', () => {
    expect(() => call('free', (w) => w.free(123456))).toThrow(ValueError);
    expect(() => call('free', (w) => w.free(123456))).toThrow('tensor handle 123456 is not alive: it was disposed or never created');
  });

  it('reports a trap as a kerasm bug naming the kernel, never as a bare "unreachable"', () => {
    const trap = () => call('conv_fake', () => {
      throw new WebAssembly.RuntimeError('unreachable');
    });
    expect(trap).toThrow(KerasmRuntimeError);
    // After a trap the module's state cannot be trusted: every later call says so.
    expect(() => tensor([1])).toThrow("the kerasm runtime stopped after a trap in 'conv_fake'; reload it");
  });
});
