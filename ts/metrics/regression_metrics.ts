/**
 * The regression metrics Keras builds on `MeanMetricWrapper`: the running (weighted) mean of a
 * per-sample error function, each with its Keras class name and default name.
 */
import { cosineSimilarityOf } from '../losses/cosine_similarity.js';
import { logCosh } from '../losses/log_cosh.js';
import { meanAbsoluteError } from '../losses/mean_absolute_error.js';
import { meanAbsolutePercentageError } from '../losses/mean_absolute_percentage_error.js';
import { meanSquaredError } from '../losses/mean_squared_error.js';
import { meanSquaredLogarithmicError } from '../losses/mean_squared_logarithmic_error.js';
import { ValueError } from '../utils/errors.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import type { MetricArgs } from './metric.js';

/** The mean squared error, as `keras.metrics.MeanSquaredError`. */
export class MeanSquaredError extends MeanMetricWrapper {
  static override readonly className: string = 'MeanSquaredError';

  constructor(args: MetricArgs = {}) {
    super(meanSquaredError, { name: args.name ?? 'mean_squared_error' });
  }
}

/** The mean absolute error, as `keras.metrics.MeanAbsoluteError` (`'mae'` in `compile`). */
export class MeanAbsoluteError extends MeanMetricWrapper {
  static override readonly className: string = 'MeanAbsoluteError';

  constructor(args: MetricArgs = {}) {
    super(meanAbsoluteError, { name: args.name ?? 'mean_absolute_error' });
  }
}

/** The mean absolute percentage error, as `keras.metrics.MeanAbsolutePercentageError` (`'mape'`). */
export class MeanAbsolutePercentageError extends MeanMetricWrapper {
  static override readonly className: string = 'MeanAbsolutePercentageError';

  constructor(args: MetricArgs = {}) {
    super(meanAbsolutePercentageError, { name: args.name ?? 'mean_absolute_percentage_error' });
  }
}

/** The mean squared logarithmic error, as `keras.metrics.MeanSquaredLogarithmicError` (`'msle'`). */
export class MeanSquaredLogarithmicError extends MeanMetricWrapper {
  static override readonly className: string = 'MeanSquaredLogarithmicError';

  constructor(args: MetricArgs = {}) {
    super(meanSquaredLogarithmicError, { name: args.name ?? 'mean_squared_logarithmic_error' });
  }
}

/** The mean log-cosh error, as `keras.metrics.LogCoshError` (named `logcosh` by default, as in Keras). */
export class LogCoshError extends MeanMetricWrapper {
  static override readonly className: string = 'LogCoshError';

  constructor(args: MetricArgs = {}) {
    super(logCosh, { name: args.name ?? 'logcosh' });
  }
}

/**
 * The mean cosine similarity between targets and predictions along `axis` (1: aligned), as
 * `keras.metrics.CosineSimilarity`. Its config keeps `axis`, which Keras 3.15.1 leaves out.
 */
export class CosineSimilarity extends MeanMetricWrapper {
  static override readonly className: string = 'CosineSimilarity';

  constructor(args: MetricArgs & { axis?: number } = {}) {
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new ValueError(`CosineSimilarity: \`axis\` must be an integer. Received: axis=${JSON.stringify(axis) ?? String(axis)}`);
    super((t, p) => cosineSimilarityOf(t, p, axis), { name: args.name ?? 'cosine_similarity' }, { axis });
  }
}
