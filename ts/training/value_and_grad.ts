/**
 * `valueAndGrad`, the building block of a custom training loop: a loss and its gradients with
 * respect to a model's weights, ready for `optimizer.applyGradients`.
 */
import { Variable } from '../engine/variable.js';
import { valueAndGrads } from '../tensor/gradients.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

/**
 * The loss and one gradient per variable (null where the loss does not depend on it, as Keras's
 * `None`). A type rather than an interface so that `tidy` can return it (a TensorContainer).
 */
export type ValueAndGrad = {
  /** The scalar that `fn` returned. */
  value: Tensor;
  /** `d value / d variables[i]`, in the order of `variables`. */
  grads: (Tensor | null)[];
};

/**
 * Runs `fn` while recording, and returns its scalar result with its gradient with respect to each
 * of `variables` (Variables such as `model.trainableWeights`, or Tensors). Wrap each step in
 * `tidy` so the gradients and intermediate tensors are freed.
 *
 * @example
 * const optimizer = new optimizers.Adam();
 * for (const [xb, yb] of batches) {
 *   tidy(() => {
 *     const weights = model.trainableWeights;
 *     const { value, grads } = valueAndGrad(() => lossFn.apply(yb, model.forward(xb, true)), weights);
 *     optimizer.applyGradients(grads.map((g, i) => [g, weights[i]!]));
 *   });
 * }
 */
export function valueAndGrad(fn: () => Tensor, variables: readonly (Variable | Tensor)[]): ValueAndGrad {
  if (typeof fn !== 'function') throw new ValueError(`valueAndGrad: expected a function returning a scalar loss, received ${typeof fn}`);
  const sources = variables.map((v, i) => {
    if (v instanceof Variable) return v.value;
    if (v instanceof Tensor) return v;
    throw new ValueError(`valueAndGrad: variables[${i}] is not a Variable or a Tensor (received ${v === null ? 'null' : typeof v})`);
  });
  return valueAndGrads(() => {
    const value = fn();
    if (!(value instanceof Tensor)) throw new ValueError(`valueAndGrad: fn must return a scalar Tensor, received ${value === null ? 'null' : typeof value}`);
    return value;
  }, sources);
}
