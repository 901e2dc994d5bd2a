/**
 * The evaluation pass shared by `evaluate()` and the validation of `fit()`, as Keras's: the test
 * hooks around it and around each execution of `stepsPerExecution` steps, the metrics reset
 * first, and a callback's `model.stopEvaluating` honoured after each execution.
 */
import type { CallbackModel, Logs } from './callbacks/callback.js';
import type { CallbackList } from './callbacks/callback_list.js';
import type { CompiledState } from './compile.js';
import { type BatchSource, emptyDataError } from './batch_source.js';
import { planBatches } from './data.js';
import { type Batch, testStep } from './step.js';
import { type ExecutionHooks, runSteps, runStepsAsync } from './step_loop.js';
import { streamBatches, withStepContext } from './stream_batches.js';
import type { ModelStructure } from './structure.js';

/** Samples `[start, end)` of the inputs `x` / targets `y` / sample weights, evaluated in order in batches of `batchSize`. */
export interface EvalRange {
  x: Batch['x'];
  y: Batch['y'];
  sampleWeight: Batch['sampleWeight'];
  start: number;
  end: number;
  batchSize: number;
}

/** The batches of `range`, in order. */
export function rangeBatches(range: EvalRange): Batch[] {
  return planBatches(range.start, range.end, range.batchSize, false).map((indices) => ({ x: range.x, y: range.y, sampleWeight: range.sampleWeight, indices }));
}

/** The number of batches `range` holds. */
export function stepsIn(range: { start: number; end: number; batchSize: number }): number {
  return Math.ceil((range.end - range.start) / range.batchSize);
}

/** Evaluates array batches synchronously (`evaluate()` of arrays: its hooks must be synchronous); returns the final metric values. */
export function evaluateArrays(model: CallbackModel, compiled: CompiledState, batches: Batch[], callbacks: CallbackList): Logs {
  callbacks.run('onTestBegin');
  begin(model, compiled);
  runSteps(batches, compiled.stepsPerExecution, (batch) => testStep(model, compiled, batch), testHooks(model, compiled, callbacks));
  const logs = compiled.results();
  callbacks.run('onTestEnd', logs);
  return logs;
}

/** Evaluates array batches, awaiting each hook (fit's validation). */
export async function evaluateArraysAsync(model: CallbackModel, compiled: CompiledState, batches: Batch[], callbacks: CallbackList): Promise<Logs> {
  await callbacks.run('onTestBegin');
  begin(model, compiled);
  await runStepsAsync(batches, compiled.stepsPerExecution, (batch) => testStep(model, compiled, batch), testHooks(model, compiled, callbacks));
  const logs = compiled.results();
  await callbacks.run('onTestEnd', logs);
  return logs;
}

/** Evaluates the batches of `source` (one pass, or its `steps`); an error names the step, and data without a batch is refused. */
export async function evaluateStream(model: CallbackModel, compiled: CompiledState, source: BatchSource, structure: ModelStructure, callbacks: CallbackList): Promise<Logs> {
  await callbacks.run('onTestBegin');
  begin(model, compiled);
  const batches = streamBatches(source, structure, 'targets', null);
  const steps = await runStepsAsync(batches, compiled.stepsPerExecution, (batch, step) => withStepContext(step, null, () => testStep(model, compiled, batch)), testHooks(model, compiled, callbacks));
  if (steps === 0) throw emptyDataError();
  const logs = compiled.results();
  await callbacks.run('onTestEnd', logs);
  return logs;
}

/** As Keras's evaluate starts: nothing asked to stop yet, the metrics zeroed. */
function begin(model: CallbackModel, compiled: CompiledState): void {
  model.stopEvaluating = false;
  compiled.resetMetrics();
}

/** The test batch hooks; the running metric values are downloaded only at an execution's end, and only for a callback that reads them. */
function testHooks(model: CallbackModel, compiled: CompiledState, callbacks: CallbackList): ExecutionHooks {
  const listening = callbacks.listens('onTestBatchEnd');
  return {
    begin: (step) => callbacks.step('onTestBatchBegin', step),
    end: (step) => (listening ? callbacks.step('onTestBatchEnd', step, compiled.results()) : undefined),
    stopped: () => model.stopEvaluating === true,
  };
}
