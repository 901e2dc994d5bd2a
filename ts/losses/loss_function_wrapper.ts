/** `LossFunctionWrapper`: a `Loss` around a per-sample function, the base of Keras's built-in losses. */
import { type KerasArgs, REQUIRED, type Signature, signature } from '../arguments/signature.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { type LossArgs, type LossFn, Loss, type Reduction } from './loss.js';

/** Options of `LossFunctionWrapper`. */
export interface LossFunctionWrapperArgs extends LossArgs {
  /** The per-sample function; its own options are closed over (`(t, p) => huber(t, p, { delta: 2 })`). */
  fn?: LossFn;
}

const wrapperSignature = signature<LossFunctionWrapperArgs>()({ fn: REQUIRED, reduction: 'sum_over_batch_size', name: null, dtype: null });

/**
 * A loss class around a per-sample function, as Keras's `LossFunctionWrapper(fn, reduction, name,
 * dtype)` (which Keras keeps in `keras.src.losses`). Keras passes the wrapper's extra keyword
 * arguments to `fn`; in TypeScript `fn` closes over them instead.
 *
 * @example
 * new LossFunctionWrapper((t, p) => losses.huber(t, p, { delta: 2 }), 'sum', 'huber_2')
 */
export class LossFunctionWrapper extends Loss {
  static override className = 'LossFunctionWrapper';
  static override readonly signature: Signature<object> = wrapperSignature;
  private readonly fn: LossFn;

  constructor(...args: KerasArgs<[fn: LossFn, reduction: Reduction | null, name: string | null, dtype: DType | null], LossFunctionWrapperArgs>) {
    const { fn, ...base } = wrapperSignature.resolve(args, new.target);
    super(base);
    this.fn = fn;
  }

  override call(yTrue: Tensor, yPred: Tensor): Tensor {
    return this.fn(yTrue, yPred);
  }
}

/** The signature of a loss that takes only Keras's `(reduction, name, dtype)`, named `defaultName` by default. */
export function basicLossSignature(defaultName: string) {
  return signature<LossArgs>()({ reduction: 'sum_over_batch_size', name: defaultName, dtype: null });
}

/** The arguments of such a loss: `()`, `('sum')`, `({ reduction: 'sum', name: 'l' })`. */
export type BasicLossArgs = KerasArgs<[reduction: Reduction | null, name: string | null, dtype: DType | null], LossArgs>;
