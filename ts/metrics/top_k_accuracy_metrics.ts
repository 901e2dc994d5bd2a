/** The top-k accuracy metrics: running means of the top-k accuracy functions. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import type { DType } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';
import { sparseTopKCategoricalAccuracy, topKCategoricalAccuracy } from './accuracy_functions.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import type { MetricArgs } from './metric.js';

/** Options of {@link TopKCategoricalAccuracy}. */
export interface TopKCategoricalAccuracyArgs extends MetricArgs {
  /** How many of the largest predictions may hold the target. Default 5. */
  k?: number;
}

/** Options of {@link SparseTopKCategoricalAccuracy}. */
export interface SparseTopKCategoricalAccuracyArgs extends TopKCategoricalAccuracyArgs {
  /** Predictions are class ids already sorted by score (their first `k` are searched). Default false. */
  fromSortedIds?: boolean;
}

function checkK(className: string, k: unknown): number {
  if (Number.isInteger(k) && (k as number) > 0) return k as number;
  throw new ValueError(`${className}: \`k\` must be a positive integer. Received: k=${pythonStr(k)}`);
}

/**
 * How often the one-hot target's class is among the `k` largest predictions, as
 * `keras.metrics.TopKCategoricalAccuracy`.
 *
 * @example
 * const m = new TopKCategoricalAccuracy(1);
 * m.updateState(tensor([[0, 0, 1], [0, 1, 0]]), tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]));
 * m.resultValue(); // 0.5
 */
export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'TopKCategoricalAccuracy';
  static override readonly signature = signature<TopKCategoricalAccuracyArgs>()({ k: 5, name: 'top_k_categorical_accuracy', dtype: null });
  readonly k: number;

  /** `new TopKCategoricalAccuracy(3)` or `new TopKCategoricalAccuracy({ k: 3 })`. */
  constructor(...args: KerasArgs<[k: number, name: string | null, dtype: DType | null], TopKCategoricalAccuracyArgs>) {
    const a = TopKCategoricalAccuracy.signature.resolve(args, new.target);
    const k = checkK(TopKCategoricalAccuracy.className, a.k);
    super((t, p) => topKCategoricalAccuracy(t, p, k), a.name, a.dtype);
    this.k = k;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), k: this.k };
  }
}

/**
 * How often the integer class id is among the `k` largest predictions, as
 * `keras.metrics.SparseTopKCategoricalAccuracy`.
 *
 * @example
 * const m = new SparseTopKCategoricalAccuracy(1);
 * m.updateState(tensor([2, 1]), tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]));
 * m.resultValue(); // 0.5
 */
export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'SparseTopKCategoricalAccuracy';
  static override readonly signature = signature<SparseTopKCategoricalAccuracyArgs>()({
    k: 5, name: 'sparse_top_k_categorical_accuracy', dtype: null, fromSortedIds: false,
  });
  readonly k: number;
  readonly fromSortedIds: boolean;

  /** `new SparseTopKCategoricalAccuracy(3)` or `new SparseTopKCategoricalAccuracy({ k: 3, fromSortedIds: true })`. */
  constructor(...args: KerasArgs<[k: number, name: string | null, dtype: DType | null, fromSortedIds: boolean], SparseTopKCategoricalAccuracyArgs>) {
    const a = SparseTopKCategoricalAccuracy.signature.resolve(args, new.target);
    const k = checkK(SparseTopKCategoricalAccuracy.className, a.k);
    const fromSortedIds = a.fromSortedIds;
    super((t, p) => sparseTopKCategoricalAccuracy(t, p, k, fromSortedIds), a.name, a.dtype);
    this.k = k;
    this.fromSortedIds = fromSortedIds;
  }

  /** Keras writes `from_sorted_ids` only when it is true. */
  override getConfig(): Record<string, unknown> {
    const config = { ...super.getConfig(), k: this.k };
    return this.fromSortedIds ? { ...config, from_sorted_ids: true } : config;
  }
}
