/** The accuracy metrics: running means of the accuracy functions. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy_functions.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import { type MetricArgs, type NameDtypeArgs, nameDtypeSignature } from './metric.js';

/** Options of {@link BinaryAccuracy}. */
export interface BinaryAccuracyArgs extends MetricArgs {
  /** Predictions above this count as 1. Default 0.5. */
  threshold?: number;
}

/**
 * How often thresholded predictions equal binary targets, as `keras.metrics.BinaryAccuracy`.
 *
 * @example
 * const m = new BinaryAccuracy();
 * m.updateState(tensor([[1], [1], [0], [0]]), tensor([[0.98], [1], [0], [0.6]]));
 * m.resultValue(); // 0.75
 */
export class BinaryAccuracy extends MeanMetricWrapper {
  static override className = 'BinaryAccuracy';
  static override readonly signature = signature<BinaryAccuracyArgs>()({ name: 'binary_accuracy', dtype: null, threshold: 0.5 });
  readonly threshold: number;

  /** `new BinaryAccuracy()`, `new BinaryAccuracy('acc', null, 0.7)` or `new BinaryAccuracy({ threshold: 0.7 })`. */
  constructor(...args: KerasArgs<[name: string | null, dtype: DType | null, threshold: number], BinaryAccuracyArgs>) {
    const a = BinaryAccuracy.signature.resolve(args, new.target);
    const threshold = a.threshold;
    super((t: Tensor, p: Tensor) => binaryAccuracy(t, p, threshold), a.name, a.dtype);
    this.threshold = threshold;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), threshold: this.threshold };
  }
}

/**
 * How often the arg-max of predictions equals the arg-max of one-hot targets, as
 * `keras.metrics.CategoricalAccuracy`.
 */
export class CategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'CategoricalAccuracy';
  static override readonly signature = nameDtypeSignature('categorical_accuracy');

  constructor(...args: NameDtypeArgs) {
    const a = CategoricalAccuracy.signature.resolve(args, new.target);
    super(categoricalAccuracy, a.name, a.dtype);
  }
}

/**
 * How often the arg-max of predictions equals integer class ids, as
 * `keras.metrics.SparseCategoricalAccuracy`.
 */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  static override className = 'SparseCategoricalAccuracy';
  static override readonly signature = nameDtypeSignature('sparse_categorical_accuracy');

  constructor(...args: NameDtypeArgs) {
    const a = SparseCategoricalAccuracy.signature.resolve(args, new.target);
    super(sparseCategoricalAccuracy, a.name, a.dtype);
  }
}
