/**
 * W8's browser app: what a page needs to train and predict with kerasm in its Worker (`proxy()`),
 * built by Vite for production. footprint.ts loads it in Chromium and weighs every response.
 * Outcome on `window.footprintDone`: the runtime's info, or the error.
 */
import { proxy } from '../../../ts/proxy/index.js';

async function run() {
  const remote = await proxy();
  const model = await remote.sequential([
    { class_name: 'InputLayer', config: { batch_shape: [null, 28, 28, 1] } },
    { class_name: 'Conv2D', config: { filters: 4, kernel_size: [3, 3], activation: 'relu' } },
    { class_name: 'Flatten', config: {} },
    { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
  ]);
  await model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
  const x = { data: new Float32Array(8 * 784).fill(0.5), shape: [8, 28, 28, 1] };
  await model.fit(x, { data: new Int32Array(8), shape: [8] }, { epochs: 1, batchSize: 8 });
  await model.predict(x);
  return remote.info;
}

(window as { footprintDone?: Promise<unknown> }).footprintDone = run().catch((e: Error) => ({ error: String(e.stack ?? e) }));
