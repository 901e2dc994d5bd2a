/**
 * The demo page: a small convnet defined, trained and queried in kerasm's Worker (`proxy()`), so
 * the page stays responsive; live loss/accuracy curves per batch and per epoch; the model graph
 * (plotModel); a pad where a drawn digit is classified; the model saved as a `.keras` download and
 * loaded back from a file picker (a `.keras` file from Python Keras works too, if its layers are
 * kerasm's).
 *
 * URL options (the end-to-end test uses small ones): `?train=4000&epochs=3&batch=64`.
 */
import { type RemoteKerasm, type RemoteModel, proxy } from '../../ts/proxy/index.js';
import { Curves } from './curves.js';
import { loadDigits } from './digits.js';
import { DrawPad } from './draw_pad.js';

const params = new URLSearchParams(location.search);
const option = (name: string, fallback: number) => Number(params.get(name) ?? fallback);
const TRAIN = option('train', 4000);
const EPOCHS = option('epochs', 3);
const BATCH = option('batch', 64);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (text: string) => ($('status').textContent = text);

/** Keras's small MNIST convnet, as layer configs (the Worker builds the layers). */
const CONVNET = [
  { class_name: 'InputLayer', config: { batch_shape: [null, 28, 28, 1] } },
  { class_name: 'Conv2D', config: { filters: 8, kernel_size: [3, 3], activation: 'relu' } },
  { class_name: 'MaxPooling2D', config: { pool_size: [2, 2] } },
  { class_name: 'Conv2D', config: { filters: 16, kernel_size: [3, 3], activation: 'relu' } },
  { class_name: 'MaxPooling2D', config: { pool_size: [2, 2] } },
  { class_name: 'Flatten', config: {} },
  { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
];

async function main(): Promise<void> {
  status('starting kerasm in a Worker…');
  const [remote, digits] = await Promise.all([proxy(), loadDigits(TRAIN)]);
  const { variant, threads } = remote.info;
  $('runtime').textContent = `kerasm ${variant} build on ${threads} thread${threads === 1 ? '' : 's'} in a Worker (page ${crossOriginIsolated ? '' : 'not '}cross-origin isolated)`;

  let model = await remote.sequential(CONVNET, { name: 'digits_convnet' });
  await model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  await showGraph(model);

  const pad = new DrawPad($<HTMLCanvasElement>('pad'), () => void classify(model, pad));
  $('clear').addEventListener('click', () => {
    pad.clear();
    clearPrediction();
  });
  $('train').addEventListener('click', () => void train(model, digits));
  $('save').addEventListener('click', () => void download(model));
  $<HTMLInputElement>('load').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void upload(remote, model, file).then((loaded) => (model = loaded));
  });
  status(`ready: ${digits.train.y.shape[0]} training digits, ${digits.test.y.shape[0]} test digits`);
}

function clearPrediction(): void {
  $('prediction').textContent = '';
  delete $('prediction').dataset.digit;
}

async function showGraph(model: RemoteModel): Promise<void> {
  $('model-graph').innerHTML = await model.plotModel({ showShapes: true });
  $('model-graph').dataset.ready = 'true';
}

/** Saves the model as Keras's `.keras` file and hands it to the browser as a download. */
async function download(model: RemoteModel): Promise<void> {
  const bytes = await model.save();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  link.download = `${model.name}.keras`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  status(`saved ${model.name}.keras (${(bytes.byteLength / 1024).toFixed(0)} KB)`);
}

/** Loads a `.keras` (or legacy `.h5`) file in the Worker; it replaces the current model. */
async function upload(remote: RemoteKerasm, current: RemoteModel, file: File): Promise<RemoteModel> {
  try {
    const loaded = await remote.loadModel(file);
    await current.dispose();
    await showGraph(loaded);
    clearPrediction();
    status(`loaded ${file.name}: model '${loaded.name}'. Draw a digit.`);
    $('status').dataset.loaded = file.name;
    return loaded;
  } catch (error) {
    status(`could not load ${file.name}: ${(error as Error).message}`);
    return current;
  }
}

async function train(model: RemoteModel, digits: Awaited<ReturnType<typeof loadDigits>>): Promise<void> {
  $<HTMLButtonElement>('train').disabled = true;
  const perBatch = new Curves($('batch-curves'), 'per batch (running epoch mean)', 'batch');
  const perEpoch = new Curves($('epoch-curves'), 'per epoch', 'epoch');
  const started = performance.now();
  let epoch = 0;
  await model.fit(digits.train.x, digits.train.y, {
    epochs: EPOCHS,
    batchSize: BATCH,
    validationSplit: 0.1,
    onBatchEnd: (batch, logs) => {
      perBatch.add(logs);
      status(`training: epoch ${epoch + 1}/${EPOCHS}, batch ${batch + 1}`);
    },
    onEpochEnd: (index, logs) => {
      epoch = index + 1;
      perEpoch.add(logs);
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const test = await model.evaluate(digits.test.x, digits.test.y);
  status(`trained in ${seconds} s; test accuracy ${(test.accuracy as number).toFixed(4)} on ${digits.test.y.shape[0]} digits. Draw a digit.`);
  $('status').dataset.trained = 'true';
  $<HTMLButtonElement>('train').disabled = false;
}

async function classify(model: RemoteModel, pad: DrawPad): Promise<void> {
  const image = pad.image();
  if (!image) return;
  const { data } = await model.predict({ data: image, shape: [1, 28, 28, 1] });
  const probabilities = [...data];
  const best = probabilities.indexOf(Math.max(...probabilities));
  const element = $('prediction');
  element.dataset.digit = String(best);
  element.innerHTML = `<strong>${best}</strong>` + probabilities.map((p, d) => `<div class="bar"><span>${d}</span><i style="width:${(p * 100).toFixed(1)}%"></i></div>`).join('');
}

main().catch((error: Error) => {
  status(`error: ${error.message}`);
  $('status').dataset.error = 'true';
  throw error;
});
