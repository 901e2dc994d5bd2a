/**
 * Finite-difference gradient check through the public API: the taped gradients of
 * `sum(f(inputs) * r)` (r fixed, random) must match central differences for every input element.
 */
import { ops, tensor, tidy, type Tensor } from '../../ts/index.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { seededValues } from './close.js';

export interface GradcheckOptions {
  /** Relative tolerance; float32 central differences are good to about 1e-2. */
  tol?: number;
}

export function gradcheck(f: (...xs: Tensor[]) => Tensor, inputs: { values: Float32Array | number[]; shape: number[] }[], options: GradcheckOptions = {}): void {
  const tol = options.tol ?? 2e-2;
  tidy(() => {
    const xs = inputs.map((i) => tensor(Float32Array.from(i.values), i.shape));
    const outShape = f(...xs).shape;
    const r = tensor(seededValues(outShape.reduce((a, b) => a * b, 1), 99), outShape);
    const objective = (...args: Tensor[]) => ops.sum(ops.multiply(f(...args), r));
    const { grads } = valueAndGrads(() => objective(...xs), xs);
    inputs.forEach((input, i) => {
      const analytic = grads[i] ? Array.from(grads[i]!.dataSync()) : new Array(input.values.length).fill(0);
      const values = Float32Array.from(input.values);
      for (let j = 0; j < values.length; j++) {
        const eps = 1e-2 * Math.max(1, Math.abs(values[j]!));
        const shifted = (delta: number) =>
          tidy(() => {
            const v = values.slice();
            v[j]! += delta;
            const args = xs.map((x, k) => (k === i ? tensor(v, input.shape) : x));
            return objective(...args).dataSync()[0]!;
          });
        const numeric = (shifted(eps) - shifted(-eps)) / (2 * eps);
        const a = analytic[j]!;
        if (Math.abs(numeric - a) > tol * Math.max(1, Math.abs(numeric), Math.abs(a))) {
          throw new Error(`gradcheck: input ${i} element ${j}: analytic ${a}, numeric ${numeric}`);
        }
      }
    });
  });
}
