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
export { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './crossentropy_metrics.js';
export type { BinaryCrossentropyArgs, CategoricalCrossentropyArgs, SparseCategoricalCrossentropyArgs } from './crossentropy_metrics.js';
// Top-k accuracy, F-scores, IoU, R², Sum, MeanTensor and the functions Keras exports beside them.
export { sparseTopKCategoricalAccuracy, topKCategoricalAccuracy } from './accuracy_functions.js';
export { SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './top_k_accuracy_metrics.js';
export type { SparseTopKCategoricalAccuracyArgs, TopKCategoricalAccuracyArgs } from './top_k_accuracy_metrics.js';
export { F1Score, FBetaScore } from './f_score_metrics.js';
export type { F1ScoreArgs, FBetaScoreArgs, FScoreAverage } from './f_score_metrics.js';
export { BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU } from './iou_metrics.js';
export type { BinaryIoUArgs, IoUArgs, MeanIoUArgs, OneHotIoUArgs, OneHotMeanIoUArgs } from './iou_metrics.js';
export { R2Score } from './r2_score.js';
export type { ClassAggregation, R2ScoreArgs } from './r2_score.js';
export { Sum } from './sum.js';
export { MeanTensor } from './mean_tensor.js';
export type { MeanTensorArgs } from './mean_tensor.js';
export {
  binaryCrossentropy, categoricalCrossentropy, categoricalHinge, hinge, huber, klDivergence, logCosh, meanAbsoluteError,
  meanAbsolutePercentageError, meanSquaredError, meanSquaredLogarithmicError, poisson, sparseCategoricalCrossentropy, squaredHinge,
} from '../losses/index.js';
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
export type { MetricIdentifier, SerializedMetric } from './get.js';
