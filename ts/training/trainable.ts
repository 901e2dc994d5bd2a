/** What the training loop needs from a model: a forward pass and the weights to update. */
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';

export interface TrainableModel {
  readonly name: string;
  /** The forward pass on one batch; `training` switches dropout-like behaviour on. */
  forward(x: Tensor, training: boolean): Tensor;
  /** The weights the optimizer updates (those of trainable layers only). */
  readonly trainableWeights: Variable[];
  /** Extra loss terms (regularizers) to add to the training loss; empty for now. */
  readonly losses: Tensor[];
}
