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
import type { CompiledState } from './compile.js';
import { gather } from './data.js';

/** A batch: the samples at `indices` of `x` and `y`, or all of them when `indices` is null. */
export interface Batch {
  x: Tensor;
  y: Tensor;
  indices: Int32Array | null;
}

function rows(t: Tensor, indices: Int32Array | null): Tensor {
  return indices ? gather(t, indices) : t;
}

/** Forward, loss, gradients, optimizer update and metric update for one batch. */
export function trainStep(model: TrainableModel, compiled: CompiledState, batch: Batch): void {
  tidy(() => {
    const x = rows(batch.x, batch.indices);
    const y = rows(batch.y, batch.indices);
    const weights = model.trainableWeights;
    let yPred: Tensor | undefined;
    const { value, grads } = valueAndGrads(() => {
      yPred = model.forward(x, true);
      return compiled.computeLoss(y, yPred, model.losses);
    }, weights.map((w) => w.value));
    compiled.optimizer.applyGradients(grads.map((g, i) => [g, weights[i]!]));
    compiled.updateMetrics(value, y, yPred!);
  });
}

/** Forward (inference mode), loss and metric update for one batch. */
export function testStep(model: TrainableModel, compiled: CompiledState, batch: Batch): void {
  tidy(() => {
    const x = rows(batch.x, batch.indices);
    const y = rows(batch.y, batch.indices);
    const yPred = model.forward(x, false);
    compiled.updateMetrics(compiled.computeLoss(y, yPred, model.losses), y, yPred);
  });
}
