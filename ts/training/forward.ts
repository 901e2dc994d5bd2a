/** Calling a model from the training loops: inputs and outputs as lists, and building an unbuilt model. */
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import type { TrainableModel } from './trainable.js';

/** Runs the model on a batch (one input as a Tensor, several as a list) and returns its outputs as a list. */
export function forwardList(model: TrainableModel, x: readonly Tensor[], training: boolean): Tensor[] {
  const out = model.forward(x.length === 1 ? x[0]! : [...x], training);
  return Array.isArray(out) ? out : [out];
}

/**
 * Builds a model whose weights do not exist yet (a subclassed model's layers create theirs on the
 * first call) with one inference-mode pass on `x`, outside any gradient tape, so that the first
 * training step sees, and trains, every weight. Does nothing for a built model.
 */
export function ensureBuilt(model: TrainableModel, x: readonly Tensor[]): void {
  if (model.built !== false) return;
  tidy(() => {
    forwardList(model, x, false);
  });
}
