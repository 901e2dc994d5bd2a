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

  it.runIf(variant === 'threaded')('runs parallel work on at least two distinct threads', () => {
    expect(wasm().thread_count()).toBe(runtime.info().threads);
    expect(wasm().observed_thread_count(64)).toBeGreaterThanOrEqual(2);
  });

  it.runIf(variant === 'simd')('runs parallel loops on the calling thread alone', () => {
    expect(wasm().thread_count()).toBe(1);
    expect(wasm().observed_thread_count(64)).toBe(1);
  });

  it('picks the threaded build by itself in Node, and a script exits by itself when done', () => {
    // The compiled package, as a user runs it (npm test builds dist/ first).
    const index = fileURLToPath(new URL('../../dist/ts/index.js', import.meta.url));
    const script = `const k = await import(${JSON.stringify(index)}); const t = k.tensor([1, 2]); const i = k.runtime.info(); console.log(i.variant, i.threads, i.reason, t.dataSync().join(','));`;
    const env = { ...process.env, KERASM_VARIANT: '', KERASM_THREADS: '2' };
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000, encoding: 'utf8', env });
    expect(run.error).toBeUndefined();
    expect(run.stdout.trim()).toBe('threaded 2 the host supports shared memory and blocking threads 1,2');
    expect(run.status).toBe(0);
  });
});
