import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runtime } from '../../ts/index.js';
import { wasm } from '../../ts/runtime/binding.js';

const variant = process.env.KERASM_VARIANT ?? 'threaded';

describe(`runtime (${variant} build)`, () => {
  it('loads the requested build and says which and why', () => {
    const info = runtime.info();
    expect(info.variant).toBe(variant);
    expect(info.reason).toBe(`requested ${variant}`);
    if (variant === 'threaded') expect(info.threads).toBeGreaterThanOrEqual(2);
    else expect(info.threads).toBe(1);
  });

  it.runIf(variant === 'threaded')('runs parallel work on at least two distinct threads, the calling thread among them', () => {
    expect(wasm().thread_count()).toBe(runtime.info().threads);
    expect(wasm().caller_thread_index()).toBe(0);
    expect(wasm().observed_thread_count(64)).toBeGreaterThanOrEqual(2);
  });

  it.runIf(variant === 'simd')('runs parallel loops on the calling thread alone', () => {
    expect(wasm().thread_count()).toBe(1);
    expect(wasm().observed_thread_count(64)).toBe(1);
  });

  it.each([1, 2])('picks the threaded build by itself in Node, with %i thread(s), and a script exits by itself when done', (threads) => {
    // The compiled package, as a user runs it (npm test builds dist/ first). One thread is the
    // calling thread alone, with no helper; the matrix product is large enough to go parallel.
    const index = fileURLToPath(new URL('../../dist/ts/index.js', import.meta.url));
    const script = `const k = await import(${JSON.stringify(index)}); const t = k.tensor([1, 2]); const i = k.runtime.info();
      const m = k.tensor(new Float32Array(256 * 256).fill(1), [256, 256]); const sum = k.ops.sum(k.ops.matmul(m, m)).dataSync()[0];
      console.log(i.variant, i.threads, i.reason, t.dataSync().join(','), sum);`;
    const env = { ...process.env, KERASM_VARIANT: '', KERASM_THREADS: String(threads) };
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000, encoding: 'utf8', env });
    expect(run.error).toBeUndefined();
    expect(run.stdout.trim()).toBe(`threaded ${threads} the host supports shared memory and blocking threads 1,2 ${256 ** 3}`);
    expect(run.status).toBe(0);
  });
});
