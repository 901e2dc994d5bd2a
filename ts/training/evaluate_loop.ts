/** The evaluation loop shared by `evaluate()` and the validation pass of `fit()`. */
import type { Tensor } from '../tensor/tensor.js';
import type { Logs } from './callbacks/callback.js';
import type { CompiledState } from './compile.js';
import type { BatchSource } from './batch_source.js';
import { planBatches } from './data.js';
import { testStep } from './step.js';
import { streamBatches, withStepContext } from './stream_batches.js';
import type { ModelStructure } from './structure.js';
import type { TrainableModel } from './trainable.js';

/** Samples `[start, end)` of the inputs `x` / targets `y` / sample weights, evaluated in order in batches of `batchSize`. */
export interface EvalRange {
  x: readonly Tensor[];
  y: readonly Tensor[];
  sampleWeight: readonly (Tensor | null)[] | null;
  start: number;
  end: number;
  batchSize: number;
}

/**
 * Resets the metrics, runs a test step per batch and returns the final metric values.
 * `onBatchEnd`, when given, receives the running values after each batch (they are only
 * downloaded then).
 */
export function evaluateRange(model: TrainableModel, compiled: CompiledState, range: EvalRange, onBatchEnd?: (batch: number, logs: Logs) => void): Logs {
  compiled.resetMetrics();
  const batches = planBatches(range.start, range.end, range.batchSize, false);
  batches.forEach((indices, b) => {
    testStep(model, compiled, { x: range.x, y: range.y, sampleWeight: range.sampleWeight, indices });
    onBatchEnd?.(b, compiled.results());
  });
  return compiled.results();
}

/** As {@link evaluateRange}, over the batches of `source` (one pass, or its `steps`). */
export async function evaluateStream(model: TrainableModel, compiled: CompiledState, source: BatchSource, structure: ModelStructure, onBatchEnd?: (batch: number, logs: Logs) => void): Promise<Logs> {
  compiled.resetMetrics();
  let step = 0;
  for await (const batch of streamBatches(source, structure, 'targets', null)) {
    withStepContext(step, null, () => testStep(model, compiled, batch));
    onBatchEnd?.(step++, compiled.results());
  }
  return compiled.results();
}

/** The number of batches `evaluateRange` will run. */
export function stepsIn(range: { start: number; end: number; batchSize: number }): number {
  return Math.ceil((range.end - range.start) / range.batchSize);
}
