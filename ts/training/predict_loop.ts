/**
 * The `predict()` loop: batched inference, each output's batches concatenated inside WebAssembly,
 * with Keras's predict hooks around it and around each execution of `stepsPerExecution` batches
 * (`onPredictBatchEnd` receives the execution's `outputs`), and a callback's
 * `model.stopPredicting` honoured after each execution.
 */
import { keep, tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import type { CallbackModel } from './callbacks/callback.js';
import type { CallbackList } from './callbacks/callback_list.js';
import { type BatchSource, emptyDataError } from './batch_source.js';
import { type AdaptedData, adaptAll, checkBatchSize, checkCardinality, checkNonEmpty, gatherAll, planBatches, release } from './data.js';
import type { PredictArgs } from './options.js';
import { PredictOutputs } from './predict_outputs.js';
import { type ExecutionHooks, runSteps, runStepsAsync } from './step_loop.js';
import { type InputData, flattenInputs, structureOf } from './structure.js';
import { streamBatches, withStepContext } from './stream_batches.js';

/** The callbacks of a `predict()` over `steps` batches (null: unknown until the data ends). */
export type PredictCallbacks = (steps: number | null) => CallbackList;

/** The model's outputs for every sample of `x`, in order (inference mode): a Tensor, or a list for several outputs. */
export function predictLoop(model: CallbackModel, x: InputData, args: PredictArgs, stepsPerExecution: number, makeCallbacks: PredictCallbacks): Tensor | Tensor[] {
  const batchSize = checkBatchSize(args.batchSize ?? 32);
  const owned: AdaptedData[] = [];
  try {
    const xs = adaptAll(flattenInputs(x, structureOf(model)), 'x', owned);
    const numSamples = checkCardinality(xs, []);
    checkNonEmpty(numSamples, 'x');
    const batches = planBatches(0, numSamples, batchSize, false);
    const callbacks = makeCallbacks(batches.length);
    // One tidy for the whole pass: the batches' outputs live until joined, the result goes to the caller's scope.
    return tidy(() => {
      const outputs = new PredictOutputs();
      callbacks.run('onPredictBegin');
      model.stopPredicting = false;
      const forward = (indices: Int32Array) => outputs.add(tidy(() => model.forward(unwrap(batches.length === 1 ? xs : gatherAll(xs, indices)), false)));
      runSteps(batches, stepsPerExecution, forward, predictHooks(model, outputs, callbacks));
      callbacks.run('onPredictEnd');
      return outputs.join();
    });
  } finally {
    release(...owned);
  }
}

/** As {@link predictLoop}, over the inputs of the batches of `source` (one pass, or its `steps`). */
export async function predictStream(model: CallbackModel, source: BatchSource, stepsPerExecution: number, makeCallbacks: PredictCallbacks): Promise<Tensor | Tensor[]> {
  const outputs = new PredictOutputs();
  try {
    const callbacks = makeCallbacks(source.steps);
    await callbacks.run('onPredictBegin');
    model.stopPredicting = false;
    const batches = streamBatches(source, structureOf(model), 'inputs', null);
    // Kept out of any scope: the steps run between awaits.
    const forward = (batch: { x: readonly Tensor[] }, step: number) => outputs.add(keepAll(withStepContext(step, null, () => tidy(() => model.forward(unwrap([...batch.x]), false)))));
    await runStepsAsync(batches, stepsPerExecution, forward, predictHooks(model, outputs, callbacks));
    if (outputs.length === 0) throw emptyDataError();
    await callbacks.run('onPredictEnd');
    return outputs.join();
  } finally {
    outputs.dispose();
    await source.close();
  }
}

/** The predict batch hooks: the end of an execution passes its outputs, as Keras's `{"outputs": batch_outputs}`. */
function predictHooks(model: CallbackModel, outputs: PredictOutputs, callbacks: CallbackList): ExecutionHooks {
  return {
    begin: (step) => callbacks.step('onPredictBatchBegin', step),
    end: (step) => outputs.withExecution((out) => callbacks.predictBatchEnd(step, { outputs: out })),
    stopped: () => model.stopPredicting === true,
  };
}

/** One input as a Tensor, several as a list. */
function unwrap(xs: Tensor[]): Tensor | Tensor[] {
  return xs.length === 1 ? xs[0]! : xs;
}

/** `out` kept out of every open scope. */
function keepAll(out: Tensor | Tensor[]): Tensor | Tensor[] {
  return Array.isArray(out) ? out.map((t) => keep(t)) : keep(out);
}
