/** Tiny hand-made TrainableModels for testing the training loop without the layer engine. */
import { Variable } from '../../ts/engine/variable.js';
import { type Tensor, ops, tensor } from '../../ts/index.js';
import type { TrainableModel } from '../../ts/training/trainable.js';
import { seededValues } from '../helpers/close.js';

/** `x @ w + b`, optionally followed by softmax or sigmoid. */
export class LinearModel implements TrainableModel {
  readonly name = 'linear';
  readonly w: Variable;
  readonly b: Variable;
  readonly losses: Tensor[] = [];
  stopTraining = false;
  forwardCalls: boolean[] = [];

  constructor(inputs: number, units: number, readonly activation: 'linear' | 'softmax' | 'sigmoid' = 'linear', seed = 1) {
    this.w = new Variable({ name: 'kernel', path: 'linear/kernel', value: tensor(seededValues(inputs * units, seed, -0.1, 0.1), [inputs, units]) });
    this.b = new Variable({ name: 'bias', path: 'linear/bias', value: tensor(new Float32Array(units), [units]) });
  }

  get trainableWeights(): Variable[] {
    return [this.w, this.b];
  }

  forward(x: Tensor, training: boolean): Tensor {
    this.forwardCalls.push(training);
    const z = ops.add(ops.matmul(x, this.w.value), this.b.value);
    if (this.activation === 'softmax') return ops.softmax(z, -1);
    if (this.activation === 'sigmoid') return ops.sigmoid(z);
    return z;
  }

  dispose(): void {
    this.w.dispose();
    this.b.dispose();
  }
}

/** A regression problem `y = x @ trueW + 0.5` with no noise: a linear model can reach zero loss. */
export function regressionData(n: number, d: number): { x: Float32Array; y: Float32Array; trueW: Float32Array } {
  const x = seededValues(n * d, 7);
  const trueW = seededValues(d, 8, -2, 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0.5;
    for (let j = 0; j < d; j++) s += x[i * d + j]! * trueW[j]!;
    y[i] = s;
  }
  return { x, y, trueW };
}

/** Three separable blobs in 2-D, labelled 0, 1, 2 (class ids as float32, as plain arrays give). */
export function blobs(n: number): { x: number[][]; y: number[] } {
  const centers = [[2, 0], [-2, 2], [-2, -2]];
  const noise = seededValues(n * 2, 9, -0.8, 0.8);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    x.push([centers[c]![0]! + noise[2 * i]!, centers[c]![1]! + noise[2 * i + 1]!]);
    y.push(c);
  }
  return { x, y };
}
