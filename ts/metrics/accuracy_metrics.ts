/** The accuracy metrics: running means of the accuracy functions. */
import type { Tensor } from '../tensor/tensor.js';
import { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy_functions.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import type { MetricArgs } from './metric.js';

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
  static override readonly className: string = 'BinaryAccuracy';
  readonly threshold: number;

  constructor(args: BinaryAccuracyArgs = {}) {
    const threshold = args.threshold ?? 0.5;
    super((t: Tensor, p: Tensor) => binaryAccuracy(t, p, threshold), { name: args.name ?? 'binary_accuracy' }, { threshold });
    this.threshold = threshold;
  }
}

/**
 * How often the arg-max of predictions equals the arg-max of one-hot targets, as
 * `keras.metrics.CategoricalAccuracy`.
 */
export class CategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className: string = 'CategoricalAccuracy';

  constructor(args: MetricArgs = {}) {
    super(categoricalAccuracy, { name: args.name ?? 'categorical_accuracy' });
  }
}

/**
 * How often the arg-max of predictions equals integer class ids, as
 * `keras.metrics.SparseCategoricalAccuracy`.
 */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className: string = 'SparseCategoricalAccuracy';

  constructor(args: MetricArgs = {}) {
    super(sparseCategoricalAccuracy, { name: args.name ?? 'sparse_categorical_accuracy' });
  }
}
