/**
 * `utils.imageDatasetFromDirectory` against Keras 3.15.1's `image_dataset_from_directory` on the
 * fixture tree (tests/fixtures/loaders/, scripts/keras/loader_fixtures.py): pixels after decoding
 * and resizing for each colour mode, interpolation, aspect-ratio option and data format; labels,
 * file paths, splits and Keras's messages. PNGs match to float rounding; JPEGs within the
 * decoders' few levels (see decode_image.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValueError, dispose, memory, utils, type Tensor } from '../../../ts/index.js';

const FIXTURES = join(__dirname, '../../fixtures/loaders');
const FOLDER = join(FIXTURES, 'tree/images');
const keras = JSON.parse(readFileSync(join(FIXTURES, 'keras.json'), 'utf8')).images;

/** The images and labels of every batch of `dataset` as nested arrays (tensors freed). */
async function collect(dataset: AsyncIterable<unknown>): Promise<{ images: number[][]; labels: unknown[]; shapes: number[][] }> {
  const out = { images: [] as number[][], labels: [] as unknown[], shapes: [] as number[][] };
  for await (const element of dataset) {
    const [x, y] = element as [Tensor, Tensor];
    out.shapes.push(x.shape as number[]);
    const perImage = x.size / x.shape[0]!;
    const values = Array.from(x.dataSync() as Float32Array);
    for (let i = 0; i < x.shape[0]!; i++) out.images.push(values.slice(i * perImage, (i + 1) * perImage));
    out.labels.push(...(y.arraySync() as unknown[]));
    dispose([x, y]);
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('imageDatasetFromDirectory, as Keras', () => {
  for (const [name, expected] of Object.entries(keras).filter(([, c]) => (c as { images?: unknown }).images)) {
    const { options, images, labels, files } = expected as { options: Record<string, unknown>; images: unknown[]; labels: unknown[]; files: string[] };
    it(`${name}: ${JSON.stringify(options)}`, async () => {
      const camel = Object.fromEntries(Object.entries(options).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]));
      const dataset = await utils.imageDatasetFromDirectory(FOLDER, { shuffle: false, imageSize: [5, 6], batchSize: 4, verbose: false, ...camel });
      expect(dataset.filePaths).toEqual(files.map((f) => join(FOLDER, f)));
      const before = memory().numTensors;
      const got = await collect(dataset);
      expect(memory().numTensors).toBe(before);
      expect(got.labels).toEqual(labels);
      expect(got.images.length).toBe(images.length);
      files.forEach((file, i) => {
        const want = (images[i] as number[]).flat(3) as number[];
        const diffs = got.images[i]!.map((v, j) => Math.abs(v - want[j]!));
        if (/\.jpe?g$/i.test(file)) {
          expect(diffs.reduce((a, b) => a + b, 0) / diffs.length).toBeLessThan(4);
        } else {
          expect(Math.max(...diffs)).toBeLessThan(1e-3);
        }
      });
    });
  }

  it('yields float32 batches of the shape Keras gives, and single images without batchSize', async () => {
    const dataset = await utils.imageDatasetFromDirectory(FOLDER, { imageSize: 7, batchSize: 4, shuffle: false, labelMode: 'categorical', verbose: false });
    const { shapes } = await collect(dataset);
    expect(shapes).toEqual([[4, 7, 7, 3], [2, 7, 7, 3]]);
    const single = await utils.imageDatasetFromDirectory(FOLDER, { imageSize: [3, 2], batchSize: null, colorMode: 'grayscale', dataFormat: 'channels_first', verbose: false });
    const [x, y] = (await single[Symbol.asyncIterator]().next()).value as [Tensor, Tensor];
    expect([x.shape, x.dtype, y.shape, y.dtype]).toEqual([[1, 3, 2], 'float32', [], 'int32']);
    dispose([x, y]);
  });

  it('splits the files as Keras (file paths of both subsets)', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const [train, val] = await utils.imageDatasetFromDirectory(FOLDER, { validationSplit: 0.5, subset: 'both', seed: 5, imageSize: [4, 4] });
    expect(train.filePaths).toEqual(keras.split_seed_5.training.files.map((f: string) => join(FOLDER, f)));
    expect(val.filePaths).toEqual(keras.split_seed_5.validation.files.map((f: string) => join(FOLDER, f)));
    expect((await collect(val)).labels).toEqual(keras.split_seed_5.validation.labels);
    expect(train.classNames).toEqual(['cat', 'dog']);
  });

  it("refuses what Keras refuses, and TensorFlow-only interpolations, by name", async () => {
    const load = (options: object) => utils.imageDatasetFromDirectory(FOLDER, { verbose: false, ...options });
    await expect(load({ colorMode: 'cmyk' })).rejects.toThrow(new ValueError('`color_mode` must be one of {"rgb", "rgba", "grayscale"}. Received: color_mode=cmyk'));
    await expect(load({ imageSize: [1, 2, 3] })).rejects.toThrow('Invalid `image_size` value. Expected a tuple of 2 integers. Received: image_size=[1, 2, 3]');
    await expect(load({ interpolation: 'cubic' })).rejects.toThrow("Argument `interpolation` should be one of ('bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'). Received: interpolation=cubic");
    await expect(load({ interpolation: 'area' })).rejects.toThrow("kerasm cannot resize with interpolation='area' (a TensorFlow-only method)");
    await expect(load({ cropToAspectRatio: true, padToAspectRatio: true })).rejects.toThrow('Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio` can be set to `True`.');
    await expect(load({ classNames: ['cat', 'cow'] })).rejects.toThrow("Expected: ['cat', 'dog'] (or a subset of it), but received: class_names=['cat', 'cow']");
    await expect(utils.imageDatasetFromDirectory(join(FIXTURES, 'tree/text'), { verbose: false })).rejects.toThrow(
      `No images found in directory ${join(FIXTURES, 'tree/text')}. Allowed formats: ('.bmp', '.gif', '.jpeg', '.jpg', '.png')`,
    );
    // TensorFlow refuses JPEGs with 4 channels when the batch is read; so does kerasm, naming the file.
    const rgba = await load({ colorMode: 'rgba', shuffle: false, imageSize: 4 });
    const before = memory().numTensors;
    await expect(collect(rgba)).rejects.toThrow(`JPEG does not support 4 channels (color_mode="rgba"): ${join(FOLDER, 'dog/d_rgb.jpg')}`);
    expect(memory().numTensors).toBe(before);
  });
});
