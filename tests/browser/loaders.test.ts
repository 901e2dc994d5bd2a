/**
 * The directory loaders in Chromium, from a picked folder's `File`s (PNG, JPEG and text files of
 * the fixture tree, tests/fixtures/loaders/): the page's images, texts and labels are Node's.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispose, utils, type Tensor } from '../../ts/index.js';
import { collectErrors } from './chromium.js';
import { useChromiumHosts } from './hosts.js';

type Outcome = { pixels: number[]; labels: number[]; texts: string[]; textLabels: number[] } | { error: string };

describe('the directory loaders in a browser page', () => {
  const hosts = useChromiumHosts();

  it('read a picked folder of images and one of texts as Node reads the same files', async () => {
    const page = await hosts.browser.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(`${hosts.plain.origin}/tests/browser/pages/loaders.html`);
      const outcome = (await page.evaluate(() => (window as { loadersResult?: Promise<unknown> }).loadersResult)) as Outcome | undefined;
      if (!outcome || 'error' in outcome) throw new Error(`${outcome?.error ?? 'the page did not start'}\n${errors.join('\n')}`);
      const images = await utils.imageDatasetFromDirectory(join(__dirname, '../fixtures/loaders/tree/images'), { shuffle: false, imageSize: [5, 6], batchSize: 4, verbose: false });
      const pixels: number[] = [];
      const labels: number[] = [];
      for await (const element of images) {
        const [x, y] = element as [Tensor, Tensor];
        pixels.push(...x.dataSync());
        labels.push(...(y.dataSync() as Int32Array));
        dispose([x, y]);
      }
      expect(outcome.labels).toEqual(labels);
      expect(outcome.pixels.length).toBe(pixels.length);
      outcome.pixels.forEach((v, i) => expect(v).toBeCloseTo(pixels[i]!, 3));
      expect(outcome.textLabels).toEqual([0, 0, 0, 0, 1, 1, 2]);
      expect(outcome.texts[0]).toBe('dull: upper-case ending still counts');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
