import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runtime } from '../../ts/index.js';
import { wasm } from '../../ts/runtime/binding.js';

describe('runtime', () => {
  it('picks the threaded build in Node and says why', () => {
    const info = runtime.info();
    expect(info.variant).toBe('threaded');
    expect(info.threads).toBeGreaterThanOrEqual(2);
    expect(info.reason).toMatch(/shared memory/);
  });

  it('runs parallel work on at least two distinct threads', () => {
    expect(wasm().thread_count()).toBe(runtime.info().threads);
    expect(wasm().observed_thread_count(64)).toBeGreaterThanOrEqual(2);
  });

  it('lets a script exit by itself once it is done', () => {
    // The compiled package, as a user runs it (npm test builds dist/ first).
    const index = fileURLToPath(new URL('../../dist/ts/index.js', import.meta.url));
    const script = `const k = await import(${JSON.stringify(index)}); const t = k.tensor([1, 2]); console.log(k.runtime.info().variant, t.dataSync().join(','));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000, encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout.trim()).toBe('threaded 1,2');
    expect(run.status).toBe(0);
  });
});
