/**
 * Finite-difference check of a layer's gradients with respect to its input and every trainable
 * weight: taped gradients of `sum(layer(x) * r)` against central differences.
 */
import { type Layer, ops, tensor, tidy, type Tensor } from '../../ts/index.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { seededValues } from './close.js';

export function gradcheckLayer(layer: Layer, inputShape: number[], tol = 2e-2): void {
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const xValues = seededValues(size(inputShape), 11, -1.5, 1.5);
  tidy(() => {
    const x = tensor(xValues, inputShape);
    const outShape = layer.apply(x).shape;
    const r = tensor(seededValues(size(outShape), 12), outShape);
    const objective = (input: Tensor) => ops.sum(ops.multiply(layer.apply(input), r)).dataSync()[0]!;
    const weights = layer.trainableWeights;
    const { grads } = valueAndGrads(() => ops.sum(ops.multiply(layer.apply(x), r)), [x, ...weights.map((w) => w.value)]);
    const analytic = grads.map((g) => (g ? Array.from(g.dataSync()) : null));

    const check = (name: string, values: Float32Array, j: number, a: number | undefined, f: (v: Float32Array) => number) => {
      const eps = 1e-2 * Math.max(1, Math.abs(values[j]!));
      const shifted = (delta: number) => {
        const v = values.slice();
        v[j]! += delta;
        return f(v);
      };
      const numeric = (shifted(eps) - shifted(-eps)) / (2 * eps);
      const got = a ?? 0;
      if (Math.abs(numeric - got) > tol * Math.max(1, Math.abs(numeric), Math.abs(got))) {
        throw new Error(`gradcheck ${layer.name}: ${name}[${j}]: analytic ${got}, numeric ${numeric}`);
      }
    };
    for (let j = 0; j < xValues.length; j++) {
      check('input', xValues, j, analytic[0]?.[j], (v) => tidy(() => objective(tensor(v, inputShape))));
    }
    weights.forEach((w, k) => {
      const original = Float32Array.from(w.value.dataSync());
      for (let j = 0; j < original.length; j++) {
        check(w.path, original, j, analytic[k + 1]?.[j], (v) => {
          w.assign(tensor(v, w.shape));
          return tidy(() => objective(x));
        });
      }
      w.assign(tensor(original, w.shape));
    });
  });
}
