/**
 * Resolving metric identifiers: `metrics.get` as Keras's, and `compileMetric`, which picks the
 * accuracy that fits the targets and predictions for `'accuracy'` / `'acc'`, as Keras 3's compile does.
 */
import { binaryCrossentropy } from '../losses/binary_crossentropy.js';
import { categoricalCrossentropy } from '../losses/categorical_crossentropy.js';
import { sparseCategoricalCrossentropy } from '../losses/sparse_categorical_crossentropy.js';
import type { Shape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy_metrics.js';
import { CategoricalHinge, Hinge, SquaredHinge } from './hinge_metrics.js';
import { Mean } from './mean.js';
import { MeanMetricWrapper, type MetricFn } from './mean_metric_wrapper.js';
import { Metric } from './metric.js';
import { KLDivergence, Poisson } from './probabilistic_metrics.js';
import {
  CosineSimilarity,
  LogCoshError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
} from './regression_metrics.js';
import { RootMeanSquaredError } from './root_mean_squared_error.js';
import { AUC } from './confusion/auc.js';
import { FalseNegatives, FalsePositives, TrueNegatives, TruePositives } from './confusion/condition_counts.js';
import { Precision, Recall } from './confusion/precision_recall.js';
import { PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity } from './confusion/sensitivity_specificity.js';

/** A metric as `compile()` accepts it: a Keras name, a `Metric` instance, or a per-sample function. */
export type MetricIdentifier = string | Metric | MetricFn;

/**
 * Metric classes by Keras class name, by snake_case name, and by Keras 3.15.1's aliases (`mse`,
 * `mae`, `mape`, `msle` and their capitals); each gives a fresh instance.
 */
const CLASSES: Record<string, () => Metric> = {
  Mean: () => new Mean(),
  mean: () => new Mean(),
  BinaryAccuracy: () => new BinaryAccuracy(),
  binary_accuracy: () => new BinaryAccuracy(),
  CategoricalAccuracy: () => new CategoricalAccuracy(),
  categorical_accuracy: () => new CategoricalAccuracy(),
  SparseCategoricalAccuracy: () => new SparseCategoricalAccuracy(),
  sparse_categorical_accuracy: () => new SparseCategoricalAccuracy(),
  MeanSquaredError: () => new MeanSquaredError(),
  mean_squared_error: () => new MeanSquaredError(),
  mse: () => new MeanSquaredError(),
  MSE: () => new MeanSquaredError(),
  MeanAbsoluteError: () => new MeanAbsoluteError(),
  mean_absolute_error: () => new MeanAbsoluteError(),
  mae: () => new MeanAbsoluteError(),
  MAE: () => new MeanAbsoluteError(),
  MeanAbsolutePercentageError: () => new MeanAbsolutePercentageError(),
  mean_absolute_percentage_error: () => new MeanAbsolutePercentageError(),
  mape: () => new MeanAbsolutePercentageError(),
  MAPE: () => new MeanAbsolutePercentageError(),
  MeanSquaredLogarithmicError: () => new MeanSquaredLogarithmicError(),
  mean_squared_logarithmic_error: () => new MeanSquaredLogarithmicError(),
  msle: () => new MeanSquaredLogarithmicError(),
  MSLE: () => new MeanSquaredLogarithmicError(),
  RootMeanSquaredError: () => new RootMeanSquaredError(),
  root_mean_squared_error: () => new RootMeanSquaredError(),
  LogCoshError: () => new LogCoshError(),
  log_cosh_error: () => new LogCoshError(),
  CosineSimilarity: () => new CosineSimilarity(),
  cosine_similarity: () => new CosineSimilarity(),
  KLDivergence: () => new KLDivergence(),
  kl_divergence: () => new KLDivergence(),
  Poisson: () => new Poisson(),
  poisson: () => new Poisson(),
  Hinge: () => new Hinge(),
  hinge: () => new Hinge(),
  SquaredHinge: () => new SquaredHinge(),
  squared_hinge: () => new SquaredHinge(),
  CategoricalHinge: () => new CategoricalHinge(),
  categorical_hinge: () => new CategoricalHinge(),
  BinaryCrossentropy: () => new MeanMetricWrapper((t, p) => binaryCrossentropy(t, p), 'binary_crossentropy'),
  binary_crossentropy: () => new MeanMetricWrapper((t, p) => binaryCrossentropy(t, p), 'binary_crossentropy'),
  CategoricalCrossentropy: () => new MeanMetricWrapper((t, p) => categoricalCrossentropy(t, p), 'categorical_crossentropy'),
  categorical_crossentropy: () => new MeanMetricWrapper((t, p) => categoricalCrossentropy(t, p), 'categorical_crossentropy'),
  SparseCategoricalCrossentropy: () => new MeanMetricWrapper((t, p) => sparseCategoricalCrossentropy(t, p), 'sparse_categorical_crossentropy'),
  sparse_categorical_crossentropy: () => new MeanMetricWrapper((t, p) => sparseCategoricalCrossentropy(t, p), 'sparse_categorical_crossentropy'),
  // The confusion metrics; those with a required target refuse a bare name, as Keras's do.
  AUC: () => new AUC(),
  auc: () => new AUC(),
  Precision: () => new Precision(),
  precision: () => new Precision(),
  Recall: () => new Recall(),
  recall: () => new Recall(),
  TruePositives: () => new TruePositives(),
  true_positives: () => new TruePositives(),
  TrueNegatives: () => new TrueNegatives(),
  true_negatives: () => new TrueNegatives(),
  FalsePositives: () => new FalsePositives(),
  false_positives: () => new FalsePositives(),
  FalseNegatives: () => new FalseNegatives(),
  false_negatives: () => new FalseNegatives(),
  PrecisionAtRecall: () => new PrecisionAtRecall(),
  precision_at_recall: () => new PrecisionAtRecall(),
  RecallAtPrecision: () => new RecallAtPrecision(),
  recall_at_precision: () => new RecallAtPrecision(),
  SensitivityAtSpecificity: () => new SensitivityAtSpecificity(),
  sensitivity_at_specificity: () => new SensitivityAtSpecificity(),
  SpecificityAtSensitivity: () => new SpecificityAtSensitivity(),
  specificity_at_sensitivity: () => new SpecificityAtSensitivity(),
};

/** A `Metric` from a name (a fresh instance), an instance (itself) or a function (wrapped in a mean). */
export function get(identifier: MetricIdentifier): Metric {
  if (identifier instanceof Metric) return identifier;
  // Keras's compile names a function's metric after the function.
  if (typeof identifier === 'function') return new MeanMetricWrapper(identifier, identifier.name || null);
  const make = typeof identifier === 'string' && Object.hasOwn(CLASSES, identifier) ? CLASSES[identifier] : undefined;
  if (!make) throw new ValueError(`Could not interpret metric identifier: ${String(identifier)}`);
  return make();
}

const ACCURACY = ['accuracy', 'acc'];

/** Throws Keras's error for an identifier that `compileMetric` could not resolve, without creating anything. */
export function checkIdentifier(identifier: unknown): void {
  if (identifier instanceof Metric || typeof identifier === 'function') return;
  if (typeof identifier === 'string' && (ACCURACY.includes(identifier.toLowerCase()) || Object.hasOwn(CLASSES, identifier))) return;
  throw new ValueError(`Could not interpret metric identifier: ${String(identifier)}`);
}

/**
 * The metric `compile({ metrics })` builds for an identifier once the shapes of the targets and
 * predictions are known. `'accuracy'` / `'acc'` become binary accuracy when predictions have one
 * column, sparse categorical accuracy when targets are class ids, categorical accuracy otherwise.
 * A string identifier is also the metric's name (its History key).
 */
export function compileMetric(identifier: MetricIdentifier, yTrueShape: Shape, yPredShape: Shape): Metric {
  let metric: Metric;
  if (typeof identifier === 'string' && ACCURACY.includes(identifier.toLowerCase())) {
    const yTrueLast = yTrueShape[yTrueShape.length - 1];
    const yPredLast = yPredShape[yPredShape.length - 1];
    const isBinary = yPredLast === 1;
    const isSparse = yTrueShape.length < yPredShape.length || (yTrueLast === 1 && yPredLast !== undefined && yPredLast > 1);
    if (isBinary) metric = new BinaryAccuracy();
    else if (isSparse) metric = new SparseCategoricalAccuracy();
    else metric = new CategoricalAccuracy();
  } else {
    metric = get(identifier);
  }
  if (typeof identifier === 'string') metric.name = identifier;
  return metric;
}
