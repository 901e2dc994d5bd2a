/**
 * The regression metrics Keras builds on `MeanMetricWrapper`: the running (weighted) mean of a
 * per-sample error function, each with its Keras class name and default name.
 */
import { type KerasArgs, signature } from '../arguments/signature.js';
import { cosineSimilarityOf } from '../losses/cosine_similarity.js';
import { logCosh } from '../losses/log_cosh.js';
import { meanAbsoluteError } from '../losses/mean_absolute_error.js';
import { meanAbsolutePercentageError } from '../losses/mean_absolute_percentage_error.js';
import { meanSquaredError } from '../losses/mean_squared_error.js';
import { meanSquaredLogarithmicError } from '../losses/mean_squared_logarithmic_error.js';
import type { DType } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import { type MetricArgs, type NameDtypeArgs, nameDtypeSignature } from './metric.js';

/** The mean squared error, as `keras.metrics.MeanSquaredError`. */
export class MeanSquaredError extends MeanMetricWrapper {
  static override className = 'MeanSquaredError';
  static override readonly signature = nameDtypeSignature('mean_squared_error');

  constructor(...args: NameDtypeArgs) {
    const a = MeanSquaredError.signature.resolve(args, new.target);
    super(meanSquaredError, a.name, a.dtype);
  }
}

/** The mean absolute error, as `keras.metrics.MeanAbsoluteError` (`'mae'` in `compile`). */
export class MeanAbsoluteError extends MeanMetricWrapper {
  static override className = 'MeanAbsoluteError';
  static override readonly signature = nameDtypeSignature('mean_absolute_error');

  constructor(...args: NameDtypeArgs) {
    const a = MeanAbsoluteError.signature.resolve(args, new.target);
    super(meanAbsoluteError, a.name, a.dtype);
  }
}

/** The mean absolute percentage error, as `keras.metrics.MeanAbsolutePercentageError` (`'mape'`). */
export class MeanAbsolutePercentageError extends MeanMetricWrapper {
  static override className = 'MeanAbsolutePercentageError';
  static override readonly signature = nameDtypeSignature('mean_absolute_percentage_error');

  constructor(...args: NameDtypeArgs) {
    const a = MeanAbsolutePercentageError.signature.resolve(args, new.target);
    super(meanAbsolutePercentageError, a.name, a.dtype);
  }
}

/** The mean squared logarithmic error, as `keras.metrics.MeanSquaredLogarithmicError` (`'msle'`). */
export class MeanSquaredLogarithmicError extends MeanMetricWrapper {
  static override className = 'MeanSquaredLogarithmicError';
  static override readonly signature = nameDtypeSignature('mean_squared_logarithmic_error');

  constructor(...args: NameDtypeArgs) {
    const a = MeanSquaredLogarithmicError.signature.resolve(args, new.target);
    super(meanSquaredLogarithmicError, a.name, a.dtype);
  }
}

/** The mean log-cosh error, as `keras.metrics.LogCoshError` (named `logcosh` by default, as in Keras). */
export class LogCoshError extends MeanMetricWrapper {
  static override className = 'LogCoshError';
  static override readonly signature = nameDtypeSignature('logcosh');

  constructor(...args: NameDtypeArgs) {
    const a = LogCoshError.signature.resolve(args, new.target);
    super(logCosh, a.name, a.dtype);
  }
}

/** Options of the `CosineSimilarity` metric. */
export interface CosineSimilarityArgs extends MetricArgs {
  /** The axis along which the vectors are compared. Default -1. */
  axis?: number;
}

/**
 * The mean cosine similarity between targets and predictions along `axis` (1: aligned), as
 * `keras.metrics.CosineSimilarity`.
 */
export class CosineSimilarity extends MeanMetricWrapper {
  static override className = 'CosineSimilarity';
  static override readonly signature = signature<CosineSimilarityArgs>()({ name: 'cosine_similarity', dtype: null, axis: -1 });
  readonly axis: number;

  constructor(...args: KerasArgs<[name: string | null, dtype: DType | null, axis: number], CosineSimilarityArgs>) {
    const a = CosineSimilarity.signature.resolve(args, new.target);
    const axis = a.axis;
    if (!Number.isInteger(axis)) throw new ValueError(`CosineSimilarity: \`axis\` must be an integer. Received: axis=${pythonStr(axis)}`);
    super((t, p) => cosineSimilarityOf(t, p, axis), a.name, a.dtype);
    this.axis = axis;
  }

  /**
   * Keras 3.15.1 leaves `axis` out of its config, so an axis other than -1 is lost on reload there;
   * ours keeps such an axis (Keras's `from_config` reads it back) and is Keras's otherwise.
   */
  override getConfig(): Record<string, unknown> {
    return this.axis === CosineSimilarity.signature.defaultOf('axis') ? super.getConfig() : { ...super.getConfig(), axis: this.axis };
  }
}
