/**
 * What a weight can carry besides its value: a regularizer (a loss term computed from it) and a
 * constraint (a projection applied after each optimizer update). `ts/regularizers.ts` and
 * `ts/constraints.ts` hold Keras's implementations.
 */
import type { Tensor } from '../tensor/tensor.js';

export interface Regularizer {
  /** The penalty for weight `x`, a scalar tensor. */
  call(x: Tensor): Tensor;
  /** The arguments, with Keras's snake_case keys. */
  getConfig(): Record<string, unknown>;
}

export interface Constraint {
  /** The projected weight. */
  call(w: Tensor): Tensor;
  /** The arguments, with Keras's snake_case keys. */
  getConfig(): Record<string, unknown>;
}
