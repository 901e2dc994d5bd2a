/** The `metrics` namespace, as `keras.metrics`. */
export { Metric } from './metric.js';
export type { MetricArgs } from './metric.js';
export { Mean } from './mean.js';
export { MeanMetricWrapper } from './mean_metric_wrapper.js';
export type { MetricFn } from './mean_metric_wrapper.js';
export { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy_metrics.js';
export type { BinaryAccuracyArgs } from './accuracy_metrics.js';
export { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy_functions.js';
export { get, compileMetric, checkIdentifier } from './get.js';
export type { MetricIdentifier } from './get.js';
