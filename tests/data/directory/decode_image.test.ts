/**
 * Image files to pixels against TensorFlow's `decode_image(channels=...)` (what Keras's image
 * loader reads), on the fixture images (tests/fixtures/loaders/, scripts/keras/loader_fixtures.py):
 * PNGs exactly; JPEGs within a few levels on average: TensorFlow decodes them with libjpeg-turbo's
 * fast integer inverse DCT (`dct_method`'s default, 'INTEGER_FAST') and smooth chroma upsampling,
 * jpeg-js with an exact DCT and repeated chroma samples; on the fixtures' noisy pixels single
 * values differ by up to about a dozen levels.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encode as encodePng } from 'fast-png';
import { decodeImage } from '../../../ts/data/directory/decode_image.js';
import { ValueError } from '../../../ts/index.js';

const FIXTURES = join(__dirname, '../../fixtures/loaders');
const decoded: Record<string, Record<string, number[][][]>> = JSON.parse(readFileSync(join(FIXTURES, 'keras.json'), 'utf8')).decoded;

function differences(a: Uint8Array, b: number[]): { max: number; mean: number } {
  expect(a.length).toBe(b.length);
  const each = Array.from(a, (v, i) => Math.abs(v - b[i]!));
  return { max: Math.max(...each), mean: each.reduce((s, d) => s + d, 0) / each.length };
}

describe('decodeImage, as TensorFlow', () => {
  for (const [file, byChannels] of Object.entries(decoded)) {
    for (const [channels, expected] of Object.entries(byChannels)) {
      it(`${file} with ${channels} channel(s)`, async () => {
        const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'tree/images', file)));
        const pixels = await decodeImage(bytes, Number(channels), file);
        expect([pixels.height, pixels.width, pixels.channels]).toEqual([expected.length, expected[0]!.length, Number(channels)]);
        const { max, mean } = differences(pixels.data, expected.flat(2));
        if (/\.jpe?g$/i.test(file)) {
          expect(mean).toBeLessThan(4);
          expect(max).toBeLessThanOrEqual(16);
        } else {
          expect(max).toBe(0);
        }
      });
    }
  }

  it('unpacks 1-, 2- and 4-bit gray PNGs to 8 bits', async () => {
    for (const depth of [1, 2, 4] as const) {
      const max = (1 << depth) - 1;
      const samples = [0, max, 1, max - 1, 0, 1, max];
      const packedRow = new Uint8Array(Math.ceil((samples.length * depth) / 8));
      samples.forEach((v, x) => { packedRow[(x * depth) >> 3]! |= v << (8 - depth - ((x * depth) & 7)); });
      const bytes = encodePng({ width: samples.length, height: 1, channels: 1, depth, data: packedRow });
      const pixels = await decodeImage(bytes, 1, 'gray.png');
      expect([...pixels.data]).toEqual(samples.map((v) => (v * 255) / max));
    }
  });

  it('refuses formats it cannot read, naming the file', async () => {
    await expect(decodeImage(new TextEncoder().encode('GIF89a...'), 3, 'x/anim.gif')).rejects.toThrow(new ValueError('kerasm cannot decode GIF images; convert x/anim.gif to PNG or JPEG.'));
    await expect(decodeImage(new TextEncoder().encode('BM....'), 3, 'x/a.bmp')).rejects.toThrow('kerasm cannot decode BMP images; convert x/a.bmp to PNG or JPEG.');
    await expect(decodeImage(new TextEncoder().encode('not an image'), 3, 'x/fake.png')).rejects.toThrow('Unknown image file format. One of JPEG, PNG, GIF, BMP required: x/fake.png');
    const jpeg = new Uint8Array(readFileSync(join(FIXTURES, 'tree/images/dog/d_rgb.jpg')));
    await expect(decodeImage(jpeg, 4, 'dog/d_rgb.jpg')).rejects.toThrow('JPEG does not support 4 channels (color_mode="rgba"): dog/d_rgb.jpg');
  });
});
