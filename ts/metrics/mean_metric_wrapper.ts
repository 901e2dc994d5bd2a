/** `MeanMetricWrapper`: the running mean of a per-sample function of (yTrue, yPred). */
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { Mean } from './mean.js';
import type { MetricArgs } from './metric.js';

/** A per-sample metric function: one value per sample (or per element). */
export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * Wraps a stateless metric function into a stateful mean, as `keras.metrics.MeanMetricWrapper`.
 *
 * @example
 * const mae = new MeanMetricWrapper((t, p) => ops.mean(ops.abs(ops.subtract(t, p)), -1), { name: 'mae' });
 */
export class MeanMetricWrapper extends Mean {
  static override readonly className: string = 'MeanMetricWrapper';
  private readonly fn: MetricFn;
  private readonly fnConfig: Record<string, unknown>;

  constructor(fn: MetricFn, args: MetricArgs = {}, fnConfig: Record<string, unknown> = {}) {
    super({ name: args.name ?? (fn.name || 'mean_metric_wrapper') });
    this.fn = fn;
    this.fnConfig = fnConfig;
  }

  /** Accumulates `fn(yTrue, yPred)`, optionally weighted per sample. */
  override updateState(yTrue: Tensor, yPred?: Tensor, sampleWeight?: Tensor | number): void {
    if (!yPred) throw new TypeError(`${this.name}.updateState(yTrue, yPred) needs both targets and predictions`);
    tidy(() => super.updateState(this.fn(yTrue, yPred), sampleWeight));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), ...this.fnConfig };
  }
}
