/** `RootMeanSquaredError`: the square root of the running weighted mean of squared errors. */
import { alignTargets, checkBroadcastable } from '../losses/utils.js';
import * as ops from '../ops/index.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { Mean } from './mean.js';
import { type NameDtypeArgs, nameDtypeSignature } from './metric.js';

/**
 * The root mean squared error, as `keras.metrics.RootMeanSquaredError`: squared errors are
 * accumulated as a `Mean` (weighted like any mean) and the root is taken of the total mean, so
 * the result is not a mean of per-batch roots.
 *
 * @example
 * const m = new RootMeanSquaredError();
 * m.updateState(tensor([[0, 1], [0, 0]]), tensor([[1, 1], [0, 0]]));
 * m.resultValue(); // 0.5
 */
export class RootMeanSquaredError extends Mean {
  static override className = 'RootMeanSquaredError';
  static override readonly signature = nameDtypeSignature('root_mean_squared_error');

  constructor(...args: NameDtypeArgs) {
    const a = RootMeanSquaredError.signature.resolve(args, new.target);
    super({ name: a.name, dtype: a.dtype });
  }

  /** Accumulates `square(yPred - yTrue)`, optionally weighted per sample. */
  override updateState(yTrue: Tensor, yPred?: Tensor, sampleWeight?: Tensor | number): void {
    if (!yPred) throw new TypeError(`${this.name}.updateState(yTrue, yPred) needs both targets and predictions`);
    tidy(() => {
      const [t, p] = alignTargets(yTrue, yPred);
      checkBroadcastable(this.name, t, p);
      super.updateState(ops.square(ops.subtract(p, t)), sampleWeight);
    });
  }

  override result(): Tensor {
    return ops.sqrt(super.result());
  }
}
