/**
 * A core subset of kerasm run inside a browser: the built package (dist/), as a page imports it.
 * It returns raw values; the vitest side (core.test.ts) holds the expectations.
 */
import * as keras from '../../../dist/ts/index.js';
import { wasm } from '../../../dist/ts/runtime/binding.js';

export interface CoreResult {
  info: keras.runtime.RuntimeInfo;
  crossOriginIsolated: boolean;
  observedThreads: number;
  sum: number[];
  matmul: number[];
  softmax: number[];
  dense: number[];
  losses: number[];
  leakedTensors: number;
}

export async function runCoreSuite(): Promise<CoreResult> {
  const { ops, tensor, tidy, memory, layers } = keras;
  const before = memory().numTensors;
  const sum = tidy(() => ops.add(tensor([1, 2, 3]), tensor([10, 20, 30])).dataSync());
  const matmul = tidy(() => ops.matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])).dataSync());
  const softmax = tidy(() => ops.softmax(tensor([1, 2, 3])).dataSync());

  const dense = new layers.Dense(2, { activation: 'relu' });
  const denseOut = tidy(() => {
    dense.apply(tensor([[0, 0, 0]])); // builds the layer
    dense.setWeights([tensor([[1, -1], [2, 0], [0, 3]]), tensor([0.5, -10])]);
    return dense.apply(tensor([[1, 2, 3]])).dataSync();
  });
  dense.dispose();

  const losses = await fitSmallModel();
  return {
    info: keras.runtime.info(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    observedThreads: wasm().observed_thread_count(64),
    sum: [...sum],
    matmul: [...matmul],
    softmax: [...softmax],
    dense: [...denseOut],
    losses,
    leakedTensors: memory().numTensors - before,
  };
}

/** A two-layer classifier fitted on two separable clusters; returns the loss of each epoch. */
async function fitSmallModel(): Promise<number[]> {
  const { Sequential, Input, layers, tensor } = keras;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 64; i++) {
    const label = i % 2;
    xs.push(label * 2 - 1 + Math.sin(i) * 0.3, Math.cos(i * 1.7) * 0.3);
    ys.push(label);
  }
  const model = new Sequential([Input({ shape: [2] }), new layers.Dense(8, { activation: 'tanh' }), new layers.Dense(2, { activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
  const x = tensor(xs, [64, 2]);
  const y = tensor(ys, [64], 'int32');
  const history = await model.fit(x, y, { epochs: 5, batchSize: 16, verbose: 0 });
  model.dispose();
  x.dispose();
  y.dispose();
  return history.history.loss as number[];
}
