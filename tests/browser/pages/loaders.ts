/**
 * The directory loaders in a page, from the `File`s of a picked folder: the fixture tree's images
 * and texts are fetched and given the `webkitRelativePath`s an `<input webkitdirectory>` sets,
 * then read by `imageDatasetFromDirectory` and `textDatasetFromDirectory`. What they yield is left
 * on `window.loadersResult` for the test to compare with Node's.
 */
const TREE = '/tests/fixtures/loaders/tree';
const FILES = {
  images: ['cat/a_rgb.png', 'cat/b_gray.png', 'cat/c_rgba.png', 'dog/d_rgb.jpg', 'dog/e_gray.jpeg', 'dog/f_small.PNG'],
  text: ['neg/a.txt', 'neg/b.txt', 'neg/C.TXT', 'neg/sub/deep.txt', 'pos/9.txt', 'pos/10.txt', 'zeta/only.txt'],
};

async function picked(folder: 'images' | 'text'): Promise<File[]> {
  return Promise.all(FILES[folder].map(async (path) => {
    const response = await fetch(`${TREE}/${folder}/${path}`);
    const file = new File([await response.arrayBuffer()], path.split('/').pop()!);
    Object.defineProperty(file, 'webkitRelativePath', { value: `${folder}/${path}` });
    return file;
  }));
}

async function run(): Promise<{ pixels: number[]; labels: number[]; texts: string[]; textLabels: number[] }> {
  const { utils, dispose } = await import('../../../ts/index.js');
  const images = await utils.imageDatasetFromDirectory(await picked('images'), { shuffle: false, imageSize: [5, 6], batchSize: 4, verbose: false });
  const out = { pixels: [] as number[], labels: [] as number[], texts: [] as string[], textLabels: [] as number[] };
  for await (const element of images) {
    const [x, y] = element as [import('../../../ts/index.js').Tensor, import('../../../ts/index.js').Tensor];
    out.pixels.push(...x.dataSync());
    out.labels.push(...(y.dataSync() as Int32Array));
    dispose([x, y]);
  }
  const texts = await utils.textDatasetFromDirectory(await picked('text'), { shuffle: false, verbose: false });
  for await (const element of texts) {
    const [x, y] = element as [import('../../../ts/index.js').Tensor, import('../../../ts/index.js').Tensor];
    out.texts.push(...x.dataSync<'string'>());
    out.textLabels.push(...(y.dataSync() as Int32Array));
    dispose([x, y]);
  }
  return out;
}

(window as { loadersResult?: Promise<unknown> }).loadersResult = run().catch((error: Error) => ({ error: String(error?.stack ?? error) }));
