/** The `metrics` namespace, as `keras.metrics`. */
export { Metric } from './metric.js';
export type { MetricArgs, NameDtypeArgs } from './metric.js';
export { Mean } from './mean.js';
export { MeanMetricWrapper } from './mean_metric_wrapper.js';
export type { MeanMetricWrapperArgs, MetricFn } from './mean_metric_wrapper.js';
export { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy_metrics.js';
export type { BinaryAccuracyArgs } from './accuracy_metrics.js';
export { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy_functions.js';
export {
  CosineSimilarity,
  LogCoshError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
} from './regression_metrics.js';
export type { CosineSimilarityArgs } from './regression_metrics.js';
export { RootMeanSquaredError } from './root_mean_squared_error.js';
export { KLDivergence, Poisson } from './probabilistic_metrics.js';
export { CategoricalHinge, Hinge, SquaredHinge } from './hinge_metrics.js';
// The confusion metrics.
export { AUC } from './confusion/auc.js';
export type { AUCArgs } from './confusion/auc.js';
export { FalseNegatives, FalsePositives, TrueNegatives, TruePositives } from './confusion/condition_counts.js';
export type { ConditionCountArgs } from './confusion/condition_counts.js';
export { Precision, Recall } from './confusion/precision_recall.js';
export type { PrecisionRecallArgs } from './confusion/precision_recall.js';
export { PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity } from './confusion/sensitivity_specificity.js';
export type { AtValueArgs } from './confusion/sensitivity_specificity.js';
export { get, compileMetric, checkIdentifier } from './get.js';
export type { MetricIdentifier } from './get.js';
