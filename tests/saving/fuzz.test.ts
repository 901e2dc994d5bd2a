/**
 * Malformed files never crash, hang or exhaust memory: 200 mutations (fixed seed) of a .keras, a
 * legacy .h5 and a .weights.h5 (half of them from a path, which is read in place) each either load
 * or throw a ValueError.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Input, Sequential, ValueError, layers, loadModel, memory, saveModel, saveWeights } from '../../ts/index.js';

const CASES = 200;
const dir = mkdtempSync(join(tmpdir(), 'kerasm-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `bytes` written to a file, whose path is given. */
function asFile(bytes: Uint8Array, i: number): string {
  const path = join(dir, `case_${i}.weights.h5`);
  writeFileSync(path, bytes);
  return path;
}

/** xorshift32: the same mutations on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

/** One mutation: flipped bytes, a truncation, a zeroed range, or a run of 0xff (huge sizes and offsets). */
function mutate(source: Uint8Array, rand: () => number): Uint8Array {
  const bytes = source.slice();
  const at = () => Math.floor(rand() * bytes.length);
  switch (Math.floor(rand() * 4)) {
    case 0:
      for (let i = 0, n = 1 + Math.floor(rand() * 8); i < n; i++) bytes[at()] = Math.floor(rand() * 256);
      return bytes;
    case 1:
      return bytes.slice(0, at());
    case 2: {
      const start = at();
      return bytes.fill(0, start, start + 1 + Math.floor(rand() * 64));
    }
    default: {
      const start = at();
      return bytes.fill(0xff, start, start + 1 + Math.floor(rand() * 8));
    }
  }
}

describe('fuzzing the readers', () => {
  it(`${CASES} mutated files each load or throw a ValueError, and leave no tensor behind`, async () => {
    const model = new Sequential([Input({ shape: [4] }), new layers.Dense(3, { activation: 'relu' }), new layers.BatchNormalization(), new layers.Dense(2)]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const sources = [await saveModel(model), await saveModel(model, { format: 'h5' }), await saveWeights(model)];
    const before = memory().numTensors;
    const rand = random(20261123);
    const outcomes = { loaded: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) {
      const kind = i % sources.length;
      const bytes = mutate(sources[kind]!, rand);
      try {
        if (kind === 2) await model.loadWeights(i % 2 === 0 ? bytes : asFile(bytes, i));
        else (await loadModel(bytes)).dispose();
        outcomes.loaded++;
      } catch (e) {
        if (!(e instanceof ValueError)) throw new Error(`case ${i} (source ${kind}) threw ${(e as Error).name}: ${(e as Error).message}`);
        outcomes.refused++;
      }
    }
    expect(outcomes.loaded + outcomes.refused).toBe(CASES);
    expect(outcomes.refused).toBeGreaterThan(CASES / 4);
    expect(memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('a file on which libhdf5 never returns', () => {
  // Found by the fuzz test: a mutated legacy .h5 whose `backend` attribute makes libhdf5 loop
  // forever. The read runs in a worker, which is terminated at the time limit.
  it('fails with a ValueError at the time limit, and the next read works', async () => {
    const { readFileSync } = await import('node:fs');
    const { openH5 } = await import('../../ts/saving/h5_reader.js');
    const bytes = new Uint8Array(readFileSync(new URL('./corrupt/libhdf5_endless_loop.h5', import.meta.url)));
    await expect(openH5(bytes, 'stuck.h5', 1500)).rejects.toThrow('stuck.h5: reading the HDF5 file did not finish within 1.5 s; the file is corrupt.');
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    const loaded = await loadModel(await saveModel(model, { format: 'h5' }));
    expect(loaded.layers.length).toBe(1);
    loaded.dispose();
    model.dispose();
  });
});
