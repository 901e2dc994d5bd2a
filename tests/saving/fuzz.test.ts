/**
 * Malformed files never crash, hang or leak: 1,500 cases (fixed seed) of `scripts/hostile/cases.ts`,
 * byte mutations of a .keras, a legacy .h5 and a .weights.h5 (of three small models: Sequential,
 * Functional with a merge, a model nested in a model) and structural mutations of their configs,
 * each either loads or throws a ValueError, leaving as many live tensors as it found. The long run
 * is `npm run fuzz -- --cases 10000`; the hand-made attacks are in hostile_configs.test.ts and
 * hostile_archives.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Input, Sequential, layers, loadModel, saveModel } from '../../ts/index.js';
import { fuzzCase, fuzzSources, removeFuzzFiles, runCase } from '../../scripts/hostile/cases.js';

const CASES = 1500;
const SEED = 20261123;
afterAll(removeFuzzFiles);

describe('fuzzing the readers', () => {
  it(`${CASES} mutated files and configs each load or throw a ValueError, and leave no tensor behind`, async () => {
    const sources = await fuzzSources();
    const counts = { loaded: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) {
      const c = await fuzzCase(sources, SEED, i);
      const outcome = await runCase(c);
      if (outcome.kind === 'crashed') throw new Error(`case ${i} (${c.name}) threw ${outcome.message}`);
      if (outcome.leaked !== 0) throw new Error(`case ${i} (${c.name}) left ${outcome.leaked} tensors behind (${outcome.kind}: ${outcome.message})`);
      counts[outcome.kind]++;
    }
    // Both outcomes occur: the mutations are neither all fatal nor all harmless.
    expect(counts.refused).toBeGreaterThan(CASES / 4);
    expect(counts.loaded).toBeGreaterThan(CASES / 10);
    for (const source of sources) source.model.dispose();
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
