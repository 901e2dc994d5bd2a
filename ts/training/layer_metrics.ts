/**
 * The metrics layers add with `addMetric`, as the training loops see them (Keras 2's `add_metric`
 * with its mean aggregation): after each step's forward pass, every value a layer recorded goes
 * into that layer's `Mean` of that name, made the first time; they reset with the compiled metrics
 * and are logged after them, under their own names.
 */
import type { LayerMetric } from '../engine/layer.js';
import { Mean } from '../metrics/mean.js';
import type { TrainableModel } from './trainable.js';

/** Feeds each value of the latest forward pass to its layer's `Mean` of that name. */
export function updateLayerMetrics(model: TrainableModel): void {
  for (const { layer, name, value } of model.addedMetricValues ?? []) {
    layer.metricNamed(name, () => new Mean({ name })).updateState(value);
  }
}

/** The metrics of the model's layers, in log order (the model's own, then its layers', depth first). */
export function layerMetrics(model: TrainableModel): readonly LayerMetric[] {
  return model.addedMetrics ?? [];
}
