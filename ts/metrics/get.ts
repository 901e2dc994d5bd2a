/**
 * Resolving metric identifiers: `metrics.get` as Keras's, and `compileMetric`, which picks the
 * accuracy that fits the targets and predictions for `'accuracy'` / `'acc'`, as Keras 3's compile does.
 */
import type { Shape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { toCamelCase } from '../utils/naming.js';
import { deserializeFunction } from '../engine/function_registry.js';
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy_metrics.js';
import { CategoricalHinge, Hinge, SquaredHinge } from './hinge_metrics.js';
import { Mean } from './mean.js';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './crossentropy_metrics.js';
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
import { F1Score, FBetaScore } from './f_score_metrics.js';
import { BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU } from './iou_metrics.js';
import { R2Score } from './r2_score.js';
import { MeanTensor } from './mean_tensor.js';
import { Sum } from './sum.js';
import { SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './top_k_accuracy_metrics.js';
import { AUC } from './confusion/auc.js';
import { FalseNegatives, FalsePositives, TrueNegatives, TruePositives } from './confusion/condition_counts.js';
import { Precision, Recall } from './confusion/precision_recall.js';
import { PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity } from './confusion/sensitivity_specificity.js';

/** Keras's serialized metric, as `compile_config` holds it: `{ class_name: 'F1Score', config: { average: 'macro', … } }`. */
export interface SerializedMetric {
  class_name: string;
  config?: Record<string, unknown>;
}

/** A metric as `compile()` accepts it: a Keras name, a `Metric` instance, a per-sample function, or a serialized metric. */
export type MetricIdentifier = string | Metric | MetricFn | SerializedMetric;

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
  BinaryCrossentropy: () => new BinaryCrossentropy(),
  binary_crossentropy: () => new BinaryCrossentropy(),
  CategoricalCrossentropy: () => new CategoricalCrossentropy(),
  categorical_crossentropy: () => new CategoricalCrossentropy(),
  SparseCategoricalCrossentropy: () => new SparseCategoricalCrossentropy(),
  sparse_categorical_crossentropy: () => new SparseCategoricalCrossentropy(),
  // Top-k accuracy, F-scores, IoU, R², Sum (the IoU metrics need their arguments: by name they throw Keras's missing-argument error).
  TopKCategoricalAccuracy: () => new TopKCategoricalAccuracy(),
  top_k_categorical_accuracy: () => new TopKCategoricalAccuracy(),
  SparseTopKCategoricalAccuracy: () => new SparseTopKCategoricalAccuracy(),
  sparse_top_k_categorical_accuracy: () => new SparseTopKCategoricalAccuracy(),
  F1Score: () => new F1Score(),
  f1_score: () => new F1Score(),
  FBetaScore: () => new FBetaScore(),
  f_beta_score: () => new FBetaScore(),
  IoU: () => new IoU({}),
  io_u: () => new IoU({}),
  MeanIoU: () => new MeanIoU({}),
  mean_io_u: () => new MeanIoU({}),
  BinaryIoU: () => new BinaryIoU(),
  binary_io_u: () => new BinaryIoU(),
  OneHotIoU: () => new OneHotIoU({}),
  one_hot_io_u: () => new OneHotIoU({}),
  OneHotMeanIoU: () => new OneHotMeanIoU({}),
  one_hot_mean_io_u: () => new OneHotMeanIoU({}),
  R2Score: () => new R2Score(),
  r2_score: () => new R2Score(),
  Sum: () => new Sum(),
  sum: () => new Sum(),
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

type MetricClass = new (options: Record<string, unknown>) => Metric;

/**
 * The classes a serialized metric's config is restored into (its snake_case keys as options); a
 * class name found only among the names above is built with its defaults. tf.keras 2's
 * `MeanTensor` is restored from a tf.keras 2 file's config, though Keras 3 has no name for it.
 */
const CONFIGURABLE = {
  Mean, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError, RootMeanSquaredError, LogCoshError, CosineSimilarity, KLDivergence, Poisson, Hinge, SquaredHinge, CategoricalHinge,
  BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy,
  TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy, F1Score, FBetaScore, IoU, MeanIoU, BinaryIoU, OneHotIoU, OneHotMeanIoU, R2Score, Sum,
  MeanTensor, AUC, Precision, Recall, TruePositives, TrueNegatives, FalsePositives, FalseNegatives,
  PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity,
} as unknown as Record<string, MetricClass>;

/**
 * A `Metric` from a name (a fresh instance), an instance (itself), a function (wrapped in a mean)
 * or a serialized metric (restored from its config), as `keras.metrics.get`.
 */
export function get(identifier: MetricIdentifier): Metric {
  if (identifier instanceof Metric) return identifier;
  // Keras's compile names a function's metric after the function.
  if (typeof identifier === 'function') return new MeanMetricWrapper(identifier, identifier.name || null);
  if (typeof identifier === 'object' && identifier !== null) return deserialize(identifier);
  const make = typeof identifier === 'string' && Object.hasOwn(CLASSES, identifier) ? CLASSES[identifier] : undefined;
  if (!make) throw unknownIdentifier(identifier);
  return make();
}

/** A metric from Keras's serialized form; a `MeanMetricWrapper`'s `fn` is found among the registered functions. */
function deserialize({ class_name: className, config = {} }: SerializedMetric): Metric {
  const cls = className === 'MeanMetricWrapper' ? MeanMetricWrapper : Object.hasOwn(CONFIGURABLE, className) ? CONFIGURABLE[className] : undefined;
  if (!cls) {
    if (Object.hasOwn(CLASSES, className)) return CLASSES[className]!();
    throw unknownIdentifier(className);
  }
  const options = Object.fromEntries(Object.entries(config).map(([key, value]) => [toCamelCase(key), value]));
  if (cls === MeanMetricWrapper) options.fn = deserializeFunction(config.fn, {}, `the \`fn\` of MeanMetricWrapper '${String(config.name)}'`);
  return new cls(options);
}

/** Keras's error for an unknown identifier, with the names kerasm knows. */
function unknownIdentifier(identifier: unknown): ValueError {
  return new ValueError(`Could not interpret metric identifier: ${String(identifier)}. Known names: ${[...ACCURACY, ...Object.keys(CLASSES)].join(', ')}`);
}

const ACCURACY = ['accuracy', 'acc'];

function isSerialized(identifier: unknown): identifier is SerializedMetric {
  return typeof identifier === 'object' && identifier !== null && typeof (identifier as SerializedMetric).class_name === 'string';
}

/** Throws Keras's error for an identifier that `compileMetric` could not resolve, without creating anything. */
export function checkIdentifier(identifier: unknown): void {
  if (identifier instanceof Metric || typeof identifier === 'function') return;
  if (typeof identifier === 'string' && (ACCURACY.includes(identifier.toLowerCase()) || Object.hasOwn(CLASSES, identifier))) return;
  if (isSerialized(identifier) && (Object.hasOwn(CONFIGURABLE, identifier.class_name) || Object.hasOwn(CLASSES, identifier.class_name) || identifier.class_name === 'MeanMetricWrapper')) return;
  throw unknownIdentifier(isSerialized(identifier) ? identifier.class_name : identifier);
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
