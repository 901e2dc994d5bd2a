/**
 * Saving in Chromium on a page's main thread (the single-thread build): `downloads://` offers the
 * `.keras` file as a download, and a saved file loads back from a Blob with the same predictions.
 */
import { describe, expect, it } from 'vitest';
import { useChromiumHosts } from './hosts.js';
import { collectErrors } from './chromium.js';

type Outcome = { predictions: number[]; reloaded: number[]; bytes: number } | { error: string };

describe('saving in a browser page', () => {
  const hosts = useChromiumHosts();

  it("offers model.save('downloads://tiny.keras') as a download and loads saved bytes from a Blob", async () => {
    const page = await hosts.browser.newPage();
    const errors = collectErrors(page);
    try {
      const downloaded = page.waitForEvent('download', { timeout: 60_000 });
      downloaded.catch(() => {}); // awaited below unless the page failed first
      await page.goto(`${hosts.plain.origin}/tests/browser/pages/save.html`);
      const outcome = (await page.evaluate(() => (window as { saveResult?: Promise<unknown> }).saveResult)) as Outcome | undefined;
      if (!outcome || 'error' in outcome) throw new Error(`${outcome?.error ?? 'the page did not start'}\n${errors.join('\n')}`);
      const download = await downloaded;
      expect(download.suggestedFilename()).toBe('tiny.keras');
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const file = Buffer.concat(chunks);
      expect(file.subarray(0, 2).toString()).toBe('PK');
      expect(file.byteLength).toBeGreaterThan(1000);
      expect(outcome.predictions).toHaveLength(4);
      outcome.reloaded.forEach((p, i) => expect(p).toBeCloseTo(outcome.predictions[i]!, 6));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
