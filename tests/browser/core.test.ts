/**
 * The core suite in Chromium: the threaded build in a Worker of a cross-origin isolated page
 * (with at least two pool threads really taking part), and the single-thread build on the main
 * thread of a page without isolation.
 */
import { describe, expect, it } from 'vitest';
import { useChromiumHosts } from './hosts.js';
import { collectErrors } from './chromium.js';
import type { CoreResult } from './pages/core_suite.js';

type Outcome = { result: CoreResult } | { error: string };

describe('kerasm in Chromium', () => {
  const hosts = useChromiumHosts();

  async function runSuite(origin: string, where: 'worker' | 'main'): Promise<CoreResult> {
    const page = await hosts.browser.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(`${origin}/tests/browser/pages/core.html?in=${where}`);
      const outcome = (await page.evaluate(() => (window as { coreResult?: Promise<unknown> }).coreResult)) as Outcome | undefined;
      if (!outcome) throw new Error(`the runner page did not start: ${errors.join('\n')}`);
      if ('error' in outcome) throw new Error(`${outcome.error}\n${errors.join('\n')}`);
      return outcome.result;
    } finally {
      await page.close();
    }
  }

  function expectCoreValues(r: CoreResult): void {
    expect(r.sum).toEqual([11, 22, 33]);
    expect(r.matmul).toEqual([19, 22, 43, 50]);
    const e = [1, 2, 3].map(Math.exp);
    const total = e[0]! + e[1]! + e[2]!;
    r.softmax.forEach((v, i) => expect(v).toBeCloseTo(e[i]! / total, 6));
    // relu([1,2,3]·[[1,-1],[2,0],[0,3]] + [0.5,-10]) = relu([5.5, -2]).
    expect(r.dense).toEqual([5.5, 0]);
    expect(r.losses).toHaveLength(5);
    expect(r.losses[4]!).toBeLessThan(r.losses[0]!);
    expect(r.leakedTensors).toBe(0);
  }

  it('runs the threaded build in a Worker of an isolated page, on at least two threads', async () => {
    const r = await runSuite(hosts.isolated.origin, 'worker');
    expect(r.crossOriginIsolated).toBe(true);
    expect(r.info.variant).toBe('threaded');
    expect(r.info.reason).toBe('a Worker of a cross-origin isolated page supports shared memory and blocking threads');
    expect(r.info.threads).toBeGreaterThanOrEqual(2);
    expect(r.observedThreads).toBeGreaterThanOrEqual(2);
    expectCoreValues(r);
  });

  it('runs the single-thread build on the main thread of a page without isolation', async () => {
    const r = await runSuite(hosts.plain.origin, 'main');
    expect(r.crossOriginIsolated).toBe(false);
    expect(r.info.variant).toBe('simd');
    expect(r.info.reason).toBe('no SharedArrayBuffer here (in a browser: the page is not cross-origin isolated)');
    expect(r.info.threads).toBe(1);
    expect(r.observedThreads).toBe(1);
    expectCoreValues(r);
  });

  it('keeps the main thread of an isolated page on the single-thread build (it may not block)', async () => {
    const r = await runSuite(hosts.isolated.origin, 'main');
    expect(r.crossOriginIsolated).toBe(true);
    expect(r.info.variant).toBe('simd');
    expect(r.info.reason).toBe("a browser's main thread may not block: threads run in a Worker (see proxy())");
    expectCoreValues(r);
  });
});
