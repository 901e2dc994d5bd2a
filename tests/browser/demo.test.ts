/**
 * The demo page end to end in Chromium (served by its own Vite config, as `npm run demo:web`
 * does): train a few batches in the Worker, the curves and the model graph appear, a digit drawn
 * with synthesised mouse strokes is classified, the model is saved as a `.keras` download and
 * loaded back through the file picker. A screenshot is kept in test-results/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, serve } from './serve.js';
import { collectErrors, launch } from './chromium.js';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Draws a "1" (one vertical stroke down the middle of the pad) and waits for its prediction. */
async function drawOne(page: Page): Promise<void> {
  // Synthesised mouse events only reach what is inside the viewport.
  await page.locator('#pad').scrollIntoViewIfNeeded();
  const box = (await page.locator('#pad').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + box.width * (0.52 - i * 0.002), box.y + box.height * (0.15 + i * 0.035));
  await page.mouse.up();
  await page.waitForSelector('#prediction[data-digit]', { timeout: 30_000 });
}

describe('the web demo', () => {
  let browser: Browser;
  let demo: Served;

  beforeAll(async () => {
    if (!existsSync(repo('examples/web/public/digits.bin'))) execFileSync(process.execPath, [repo('dist/examples/web/build_digits.js')]);
    [browser, demo] = await Promise.all([launch(), serve({ isolated: true, configFile: repo('examples/web/vite.config.ts') })]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.server.close()]);
  });

  it('trains in a threaded Worker with live curves, shows the graph, classifies a drawn digit, saves and loads .keras', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = collectErrors(page);
    try {
      await page.goto(`${demo.origin}/?train=2000&epochs=2&batch=32`);
      await page.waitForSelector('#model-graph[data-ready] svg', { timeout: 60_000 });
      await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toMatch(/^ready: 2000 training digits, 1000 test digits$/);
      expect(await page.textContent('#runtime')).toMatch(/^kerasm threaded build on [2-9]\d* threads in a Worker \(page cross-origin isolated\)$/);
      // Keras draws a Sequential's layers without its InputLayer: conv, pool, conv, pool, flatten, dense.
      expect(await page.$$eval('#model-graph svg g.node', (nodes) => nodes.length)).toBe(6);

      await page.click('#train');
      // The per-batch curves redraw while training runs: seen with a few points before the end.
      const midway = () => {
        const points = Number((document.querySelector('#batch-curves') as HTMLElement | null)?.dataset.points ?? 0);
        return points >= 3 && (document.querySelector('#status') as HTMLElement).dataset.trained === undefined;
      };
      await page.waitForFunction(midway, undefined, { timeout: 60_000 });
      await page.waitForSelector('#status[data-trained]', { timeout: 120_000 });
      // 2000 digits less 10% for validation: 1800 in batches of 32 = 57 batches per epoch.
      expect(await page.getAttribute('#batch-curves', 'data-points')).toBe('114');
      expect(await page.getAttribute('#epoch-curves', 'data-points')).toBe('2');
      expect(await page.$$eval('#epoch-curves svg text', (texts) => texts.map((t) => t.textContent))).toEqual(expect.arrayContaining(['loss', 'accuracy', 'val_loss', 'val_accuracy']));
      const accuracy = Number((await page.textContent('#status'))!.match(/test accuracy ([\d.]+)/)![1]);
      expect(accuracy).toBeGreaterThan(0.8);

      await drawOne(page);
      expect(await page.getAttribute('#prediction', 'data-digit')).toBe('1');
      const probabilities = await page.textContent('#prediction');

      // Save: a .keras download (a zip: 'PK'), which loads back through the file picker.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
      expect(download.suggestedFilename()).toBe('digits_convnet.keras');
      mkdirSync(repo('test-results'), { recursive: true });
      const saved = repo('test-results/digits_convnet.keras');
      await download.saveAs(saved);
      expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
      await page.setInputFiles('#load', saved);
      await page.waitForSelector('#status[data-loaded="digits_convnet.keras"]', { timeout: 30_000 });
      await page.click('#clear');
      await drawOne(page);
      // The loaded model is the trained one: the same stroke gets the same probabilities.
      expect(await page.textContent('#prediction')).toBe(probabilities);

      await page.screenshot({ path: repo('test-results/web-demo.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
