/**
 * The demo as a production Vite build (what an application ships): bundled JavaScript, hashed
 * .wasm assets and the pool's nested workers, served by `vite preview` with COOP/COEP. The page
 * must start the threaded build in its Worker, draw the graph and train.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { type PreviewServer, build, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, launch } from './chromium.js';

const configFile = fileURLToPath(new URL('../../examples/web/vite.config.ts', import.meta.url));

describe('the demo bundled by Vite for production', () => {
  let browser: Browser;
  let server: PreviewServer;
  const outDir = mkdtempSync(join(tmpdir(), 'kerasm-demo-build-'));

  beforeAll(async () => {
    await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    [browser, server] = await Promise.all([launch(), preview({ configFile, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } })]);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.httpServer.close(resolve));
    rmSync(outDir, { recursive: true, force: true });
  });

  it('emits hashed .wasm assets for both builds and trains in a threaded Worker', async () => {
    const assets = readdirSync(join(outDir, 'assets'));
    expect(assets.filter((name) => name.endsWith('.wasm'))).toHaveLength(2);

    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('no preview port');
    const page = await browser.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(`http://127.0.0.1:${address.port}/?train=400&epochs=1&batch=60`);
      await page.waitForSelector('#model-graph[data-ready] svg', { timeout: 60_000 });
      expect(await page.textContent('#runtime')).toMatch(/^kerasm threaded build on [2-9]\d* threads in a Worker/);
      await page.click('#train');
      await page.waitForSelector('#status[data-trained]', { timeout: 60_000 });
      // 400 digits less 10% for validation: 360 in batches of 60.
      expect(await page.getAttribute('#batch-curves', 'data-points')).toBe('6');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
