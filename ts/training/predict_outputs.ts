/**
 * The outputs `predict()` collects, batch by batch, in WebAssembly memory until the end, when
 * each output's batches are joined; the outputs of one execution are what `onPredictBatchEnd`
 * receives (joined too when the execution ran several batches). The caller decides the outputs'
 * scope: inside its `tidy`, or kept.
 */
import * as ops from '../ops/index.js';
import { dispose } from '../tensor/scope.js';
import { concatStrings } from '../tensor/strings.js';
import type { Tensor } from '../tensor/tensor.js';

export class PredictOutputs {
  /** Each batch's outputs, one tensor per model output. */
  private readonly batches: Tensor[][] = [];
  /** Whether the model has a single output (outputs are then a Tensor, not a list). */
  private single = false;
  /** The first batch of the current execution. */
  private executionStart = 0;

  /** Records a batch's outputs (until {@link join} or {@link dispose}). */
  add(out: Tensor | Tensor[]): void {
    this.single = !Array.isArray(out);
    this.batches.push(Array.isArray(out) ? out : [out]);
  }

  get length(): number {
    return this.batches.length;
  }

  /**
   * Calls `use` with the outputs of the batches since the last call (Keras's `batch_outputs` of
   * an execution); outputs joined for it are freed after it returns (or its promise settles).
   */
  withExecution<R>(use: (outputs: Tensor | Tensor[]) => R): R {
    const part = this.batches.slice(this.executionStart);
    this.executionStart = this.batches.length;
    if (part.length === 1) return use(this.shape(part[0]!));
    const joined = joinAll(part);
    const result = use(this.shape(joined));
    if (result instanceof Promise) return result.finally(() => dispose(joined)) as R;
    dispose(joined);
    return result;
  }

  /** Every batch's outputs joined: a Tensor for a single output, a list for several. The collected batches are released. */
  join(): Tensor | Tensor[] {
    const joined = this.batches.length === 1 ? this.batches[0]! : joinAll(this.batches);
    if (this.batches.length > 1) dispose(this.batches);
    this.batches.length = 0;
    return this.shape(joined);
  }

  /** Frees the collected outputs (after a failure). */
  dispose(): void {
    dispose(this.batches);
    this.batches.length = 0;
  }

  private shape(outputs: Tensor[]): Tensor | Tensor[] {
    return this.single ? outputs[0]! : outputs;
  }
}

/** Each output's batches as one tensor. */
function joinAll(batches: Tensor[][]): Tensor[] {
  return batches[0]!.map((_, o) => joinBatches(batches.map((outs) => outs[o]!)));
}

/** One output's batches as one tensor (string outputs, such as an inverted StringLookup's, are joined in JavaScript). */
function joinBatches(batches: Tensor[]): Tensor {
  return batches[0]!.dtype === 'string' ? concatStrings(batches) : ops.concatenate(batches, 0);
}
