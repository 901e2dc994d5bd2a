/** `proxy()` in Chromium: a page drives a model that lives in the kerasm Worker. */
import { describe, expect, it } from 'vitest';
import { useChromiumHosts } from './hosts.js';
import { collectErrors } from './chromium.js';

describe('proxy() in Chromium', () => {
  const hosts = useChromiumHosts();

  async function outcome(url: string): Promise<Record<string, any>> {
    const page = await hosts.browser.newPage();
    const errors = collectErrors(page);
    await page.goto(url);
    const r = (await page.evaluate(() => (window as { proxyResult?: Promise<unknown> }).proxyResult)) as Record<string, any>;
    await page.close();
    expect(r?.failed, errors.join('\n')).toBeUndefined();
    return r;
  }

  it('defines, compiles, fits with per-batch progress, predicts and round-trips a model in the Worker', async () => {
    const r = await outcome(`${hosts.isolated.origin}/tests/browser/pages/proxy.html`);

    // The Worker of an isolated page runs the threaded build.
    expect(r.info.variant).toBe('threaded');
    expect(r.info.threads).toBeGreaterThanOrEqual(2);
    expect(r.name).toBe('clusters');
    // 64 samples in batches of 16: 4 batches per epoch, 3 epochs, each reported to the page.
    expect(r.batches.map((b: { batch: number }) => b.batch)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    expect(r.epochs).toEqual([0, 1, 2]);
    expect(Object.keys(r.history).sort()).toEqual(['accuracy', 'loss']);
    expect(r.history.loss).toHaveLength(3);
    // The last batch's running loss is the epoch's loss.
    expect(r.batches[11].loss).toBeCloseTo(r.history.loss[2], 5);
    expect(r.history.loss[2]).toBeLessThan(r.history.loss[0]);

    expect(r.predictedShape).toEqual([64, 2]);
    for (let i = 0; i < 64; i++) expect(r.predicted[2 * i] + r.predicted[2 * i + 1]).toBeCloseTo(1, 5);
    expect(Object.keys(r.evaluated).sort()).toEqual(['accuracy', 'loss']);
    expect(r.summary).toContain('Total params: 42');
    // A copy rebuilt from JSON with the copied weights predicts the same values.
    expect(r.weightShapes).toEqual([[2, 8], [8], [8, 2], [2]]);
    expect(r.copied).toEqual(r.predicted);
    expect(r.error).toMatch(/^ValueError: Could not locate class 'NoSuchLayer'/);
  });

  it('runs the single-thread build in the Worker of a page without isolation', async () => {
    const r = await outcome(`${hosts.plain.origin}/tests/browser/pages/proxy_plain.html`);
    expect(r.info).toEqual({ variant: 'simd', threads: 1, reason: 'no SharedArrayBuffer here (in a browser: the page is not cross-origin isolated)' });
    expect(r.shape).toEqual([2, 2]);
    for (const sum of r.rowSums) expect(sum).toBeCloseTo(1, 6);
  });
});
