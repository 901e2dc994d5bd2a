/** Live tensor and byte counts, read from the Rust store that owns every buffer. */
import { call, memory as wasmMemory } from '../runtime/binding.js';

export interface MemoryInfo {
  /** Tensors currently allocated (handles not yet disposed). */
  numTensors: number;
  /** Bytes held by those tensors. */
  numBytes: number;
  /** Size of the WebAssembly memory (it grows, never shrinks). */
  wasmBytes: number;
}

export function memory(): MemoryInfo {
  return {
    numTensors: call('memory', (w) => w.live_tensors()),
    numBytes: call('memory', (w) => w.live_bytes()),
    wasmBytes: wasmMemory().buffer.byteLength,
  };
}
