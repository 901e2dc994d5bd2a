/**
 * Drives kerasm through `proxy()` from a page's main thread: define, compile, fit with per-batch
 * progress, predict, evaluate, summary, JSON and weights round trips, and an error. The outcome is
 * left on `window.proxyResult` for proxy.test.ts.
 */
import { proxy } from '../../../dist/ts/proxy/index.js';

async function run() {
  const remote = await proxy();
  const model = await remote.sequential([
    { class_name: 'InputLayer', config: { batch_shape: [null, 2] } },
    { class_name: 'Dense', config: { units: 8, activation: 'tanh' } },
    { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
  ], { name: 'clusters' });
  await model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });

  const xs = new Float32Array(128);
  const ys = new Int32Array(64);
  for (let i = 0; i < 64; i++) {
    ys[i] = i % 2;
    xs[2 * i] = (i % 2) * 2 - 1 + Math.sin(i) * 0.3;
    xs[2 * i + 1] = Math.cos(i * 1.7) * 0.3;
  }
  const x = { data: xs, shape: [64, 2] };
  const y = { data: ys, shape: [64] };
  const batches: { batch: number; loss: number }[] = [];
  const epochs: number[] = [];
  const history = await model.fit(x, y, {
    epochs: 3,
    batchSize: 16,
    onBatchEnd: (batch, logs) => batches.push({ batch, loss: logs.loss as number }),
    onEpochEnd: (epoch) => epochs.push(epoch),
  });
  const predicted = await model.predict(x);
  const evaluated = await model.evaluate(x, y);
  const summary = await model.summary();

  const weights = await model.getWeights();
  const copy = await remote.modelFromJSON(await model.toJSON());
  await copy.setWeights(weights);
  const copied = await copy.predict(x);

  let error = '';
  try {
    await remote.sequential([{ class_name: 'NoSuchLayer', config: {} }]);
  } catch (e) {
    error = `${(e as Error).name}: ${(e as Error).message}`;
  }
  await Promise.all([model.dispose(), copy.dispose()]);
  remote.terminate();
  return {
    info: remote.info,
    name: model.name,
    batches,
    epochs,
    history,
    predictedShape: predicted.shape,
    predicted: [...predicted.data],
    copied: [...copied.data],
    evaluated,
    summary,
    weightShapes: weights.map((w) => w.shape),
    error,
  };
}

(window as { proxyResult?: Promise<unknown> }).proxyResult = run().catch((e: Error) => ({ failed: String(e.stack ?? e) }));
