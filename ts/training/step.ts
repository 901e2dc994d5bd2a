/**
 * One training step and one test step. A step runs inside one `tidy`: the batch is gathered with
 * `ops.take`, the forward pass and loss are taped, one call computes every gradient in Rust, the
 * optimizer kernels update the weights in place, and the metrics accumulate, so that no tensor
 * survives the step and nothing is downloaded.
 */
import { tidy } from '../tensor/scope.js';
import { valueAndGrads } from '../tensor/gradients.js';
import type { Tensor } from '../tensor/tensor.js';
import type { TrainableModel } from './trainable.js';
import type { CompiledState, LossValues } from './compile.js';
import { gatherAll } from './data.js';
import { ensureBuilt, forwardList } from './forward.js';

/**
 * A batch: the samples at `indices` of every input `x`, target `y` and sample weight (one per
 * output, or null when unweighted), or all of them when `indices` is null.
 */
export interface Batch {
  x: readonly Tensor[];
  y: readonly Tensor[];
  sampleWeight: readonly (Tensor | null)[] | null;
  indices: Int32Array | null;
}

/** Forward, loss, gradients, optimizer update and metric update for one batch. */
export function trainStep(model: TrainableModel, compiled: CompiledState, batch: Batch): void {
  tidy(() => {
    const x = gatherAll(batch.x, batch.indices);
    const y = gatherAll(batch.y, batch.indices);
    const sampleWeight = batch.sampleWeight && gatherAll(batch.sampleWeight, batch.indices);
    ensureBuilt(model, x);
    const weights = model.trainableWeights;
    let yPred: Tensor[] = [];
    let loss: LossValues | undefined;
    const { grads } = valueAndGrads(() => {
      yPred = forwardList(model, x, true);
      loss = compiled.computeLoss(y, yPred, model.losses, sampleWeight);
      return compiled.optimizer.scaleLoss(loss.total);
    }, weights.map((w) => w.value));
    compiled.optimizer.applyGradients(grads.map((g, i) => [g, weights[i]!]));
    compiled.updateMetrics(loss!, y, yPred, sampleWeight);
  });
}

/** Forward (inference mode), loss and metric update for one batch. */
export function testStep(model: TrainableModel, compiled: CompiledState, batch: Batch): void {
  tidy(() => {
    const x = gatherAll(batch.x, batch.indices);
    const y = gatherAll(batch.y, batch.indices);
    const sampleWeight = batch.sampleWeight && gatherAll(batch.sampleWeight, batch.indices);
    const yPred = forwardList(model, x, false);
    compiled.updateMetrics(compiled.computeLoss(y, yPred, model.losses, sampleWeight), y, yPred, sampleWeight);
  });
}
