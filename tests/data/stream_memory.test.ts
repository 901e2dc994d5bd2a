/**
 * Training from a generator over 10 GiB of batches, ten times kerasm's 1 GiB of wasm memory
 * (scripts/stream_memory.ts): live tensors, wasm memory and RSS stay flat across epochs.
 */
import { describe, expect, it } from 'vitest';
import { memory } from '../../ts/index.js';
import { streamTraining } from '../../scripts/stream_memory.js';

const WASM_LIMIT_MIB = 1024;

describe('fit from a generator over more data than fits in memory', () => {
  it('streams 10 GiB with memory() and the RSS flat across epochs', async () => {
    const before = memory().numTensors;
    const epochs = await streamTraining(10, 3);
    // After the first epoch has filled the allocator's pools, nothing grows.
    const [first, ...rest] = epochs;
    for (const e of rest) {
      expect(e.numTensors).toBe(first!.numTensors);
      expect(e.wasmMiB).toBe(first!.wasmMiB);
      expect(Math.abs(e.rssMiB - first!.rssMiB)).toBeLessThan(32);
    }
    expect(first!.wasmMiB).toBeLessThan(WASM_LIMIT_MIB / 4);
    expect(memory().numTensors).toBe(before);
  }, 600_000);
});
