/** What the training loop needs from a model: a forward pass and the weights to update. */
import type { AddedMetricValue, LayerMetric } from '../engine/layer.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';

export interface TrainableModel {
  readonly name: string;
  /**
   * The forward pass on one batch: one Tensor for a single input, a list in input order for
   * several; returns one Tensor or a list in output order. `training` switches dropout-like
   * behaviour on.
   */
  forward(x: Tensor | Tensor[], training: boolean): Tensor | Tensor[];
  /** The weights the optimizer updates (those of trainable layers only). */
  readonly trainableWeights: Variable[];
  /** Extra loss terms (`addLoss` terms and regularizer penalties) added to the training loss. */
  readonly losses: Tensor[];
  /** The input names (the keys of dict inputs); absent, or a getter that throws a ValueError, when the model has none. */
  readonly inputNames?: string[];
  /** The output names (the keys of dict targets, losses and metrics); absent or throwing when the model has none. */
  readonly outputNames?: string[];
  /** The symbolic outputs, whose shapes give the number of classes; absent or throwing when the model has none. */
  readonly outputs?: readonly { readonly shape: readonly (number | null)[] }[];
  /** False until the model's weights exist (a subclassed model creates them on its first call); absent means built. */
  readonly built?: boolean;
  /** The values its layers recorded with `addMetric` in the latest forward pass; absent means none. */
  readonly addedMetricValues?: readonly AddedMetricValue[];
  /** The metrics `addMetric` made on it and its layers, in log order; absent means none. */
  readonly addedMetrics?: readonly LayerMetric[];
}
