/** A small compiled model, its data, and a fresh temporary folder, for the callbacks that write files. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential, type Tensor, layers, tensor } from '../../../ts/index.js';

/** Input(3) → Dense(4, relu) → Dense(1), Adam and mse, with the same starting weights every time. */
export function smallModel(optimizer: 'adam' | 'sgd' = 'adam'): Sequential {
  const model = new Sequential([
    layers.Input({ shape: [3] }),
    new layers.Dense(4, { activation: 'relu', kernelInitializer: { class_name: 'GlorotUniform', config: { seed: 1 } } }),
    new layers.Dense(1, { kernelInitializer: { class_name: 'GlorotUniform', config: { seed: 2 } } }),
  ]);
  model.compile({ optimizer, loss: 'mse', metrics: ['mae'] });
  return model;
}

/** 16 samples of a smooth target. */
export function smallData(): { x: Tensor; y: Tensor } {
  const x = Float32Array.from({ length: 48 }, (_, i) => Math.sin(i * 0.7));
  const y = Float32Array.from({ length: 16 }, (_, i) => x[3 * i]! - 0.5 * x[3 * i + 2]!);
  return { x: tensor(x, [16, 3]), y: tensor(y, [16, 1]) };
}

/** A new empty folder under the system's temporary folder. */
export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'kerasm-callbacks-'));
}

/** Every weight of the model, as plain numbers. */
export function weightValues(model: Sequential): number[][] {
  return model.weights.map((w) => Array.from(w.value.dataSync()));
}
