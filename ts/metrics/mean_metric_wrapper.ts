/** `MeanMetricWrapper`: the running mean of a per-sample function of (yTrue, yPred). */
import { type KerasArgs, REQUIRED, type Signature, signature } from '../arguments/signature.js';
import { serializeNamedFunction } from '../engine/function_registry.js';
import { tidy } from '../tensor/scope.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { Mean } from './mean.js';
import type { MetricArgs } from './metric.js';

/** A per-sample metric function: one value per sample (or per element). */
export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** Options of `MeanMetricWrapper`. */
export interface MeanMetricWrapperArgs extends MetricArgs {
  /** The per-sample function; its own options are closed over (`(t, p) => binaryAccuracy(t, p, 0.7)`). */
  fn?: MetricFn;
}

const wrapperSignature = signature<MeanMetricWrapperArgs>()({ fn: REQUIRED, name: null, dtype: null });

/**
 * Wraps a stateless metric function into a stateful mean, as `keras.metrics.MeanMetricWrapper(fn,
 * name, dtype)`. Keras passes the wrapper's extra keyword arguments to `fn`; in TypeScript `fn`
 * closes over them instead.
 *
 * @example
 * const mae = new MeanMetricWrapper((t, p) => ops.mean(ops.abs(ops.subtract(t, p)), -1), 'mae');
 */
export class MeanMetricWrapper extends Mean {
  static override className = 'MeanMetricWrapper';
  /** Typed as any signature, so that each metric built on it declares its own. */
  static override readonly signature: Signature<object> = wrapperSignature;
  private readonly fn: MetricFn;

  constructor(...args: KerasArgs<[fn: MetricFn, name: string | null, dtype: DType | null], MeanMetricWrapperArgs>) {
    const { fn, ...base } = wrapperSignature.resolve(args, new.target);
    super(base);
    this.fn = fn;
  }

  /** Accumulates `fn(yTrue, yPred)`, optionally weighted per sample. */
  override updateState(yTrue: Tensor, yPred?: Tensor, sampleWeight?: Tensor | number): void {
    if (!yPred) throw new TypeError(`${this.name}.updateState(yTrue, yPred) needs both targets and predictions`);
    tidy(() => super.updateState(this.fn(yTrue, yPred), sampleWeight));
  }

  /**
   * Keras's config: `name`, `dtype` and the function, by its registered name (see
   * `registerKerasSerializable`) or its own. The built-in metrics made on the wrapper, which take
   * no `fn`, write their own options instead, as in Keras.
   */
  override getConfig(): Record<string, unknown> {
    const config = super.getConfig();
    if (!(this.constructor as typeof MeanMetricWrapper).signature.accepts('fn')) return config;
    return { ...config, fn: serializeNamedFunction(this.fn, `the \`fn\` of MeanMetricWrapper '${this.name}'`) };
  }
}
