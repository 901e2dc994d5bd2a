/**
 * What `fit()` trains on, whatever the user gave: arrays (batches planned as index lists over
 * tensors held for the whole run) or batch data (a {@link BatchSource}, each batch adapted and
 * freed at its step). Both give the batches of an epoch and the validation pass.
 */
import type { CallbackModel, Logs } from './callbacks/callback.js';
import type { CallbackList } from './callbacks/callback_list.js';
import type { CompiledState } from './compile.js';
import { type AdaptedData, type InputData, adaptPair, checkBatchSize, checkNonEmpty, planBatches, release, splitAt } from './data.js';
import { BatchSource, type BatchData, describeBatchData, isBatchData } from './batch_source.js';
import { type EvalRange, evaluateArraysAsync, evaluateStream, rangeBatches } from './evaluate_loop.js';
import type { FitArgs } from './options.js';
import type { Batch } from './step.js';
import { streamBatches } from './stream_batches.js';
import { type ModelStructure } from './structure.js';
import { ValueError } from '../utils/errors.js';

/** The training data of one `fit()` call. */
export interface FitData {
  /** Batches per epoch; null while unknown (a generator's first pass). */
  readonly steps: number | null;
  /** The batches of epoch `epoch` (from 0), each usable until the next is requested. */
  epoch(epoch: number): Iterable<Batch> | AsyncIterable<Batch>;
  /** The validation pass at the end of an epoch (calling the test hooks of `callbacks`), or null when there is none. */
  readonly validate: ((model: CallbackModel, compiled: CompiledState, callbacks: CallbackList) => Promise<Logs>) | null;
  /** Frees what the data holds. */
  close(): Promise<void>;
}

/** The user's data as `fit` takes it: `x` and `y` arrays, or batch data alone. */
export type FitInput = { x: InputData; y: InputData } | { batches: BatchData };

/** `input` prepared for training with `args` (batch size, split, validation data, shuffling). */
export function fitData(input: FitInput, model: ModelStructure, args: FitArgs): FitData {
  const owned: AdaptedData[] = [];
  try {
    const validate = validation(input, model, args, owned);
    return 'batches' in input ? streamData(input.batches, model, args, validate, owned) : arrayData(input.x, input.y, model, args, validate, owned);
  } catch (e) {
    release(...owned);
    throw e;
  }
}

function arrayData(x: InputData, y: InputData, model: ModelStructure, args: FitArgs, validate: FitData['validate'], owned: AdaptedData[]): FitData {
  const batchSize = checkBatchSize(args.batchSize ?? 32);
  const data = adaptPair(x, y, model, owned, args);
  checkNonEmpty(data.numSamples, 'x');
  const trainEnd = args.validationData ? data.numSamples : splitAt(data.numSamples, args.validationSplit ?? 0);
  if (!validate && trainEnd < data.numSamples) {
    // Class weights are for training only: Keras splits the data, then weighs the training part.
    const sampleWeight = args.classWeight ? null : data.sampleWeight;
    const range: EvalRange = { x: data.x, y: data.y, sampleWeight, start: trainEnd, end: data.numSamples, batchSize: args.validationBatchSize ?? batchSize };
    validate = (m, compiled, callbacks) => evaluateArraysAsync(m, compiled, rangeBatches(range), callbacks);
  }
  return {
    steps: Math.ceil(trainEnd / batchSize),
    *epoch() {
      for (const indices of planBatches(0, trainEnd, batchSize, args.shuffle ?? true)) yield { x: data.x, y: data.y, sampleWeight: data.sampleWeight, indices };
    },
    validate,
    close: async () => release(...owned),
  };
}

function streamData(batches: BatchData, model: ModelStructure, args: FitArgs, validate: FitData['validate'], owned: AdaptedData[]): FitData {
  checkStreamArgs(batches, args);
  const source = new BatchSource(batches, args.stepsPerEpoch ?? null);
  return {
    get steps() {
      return source.steps;
    },
    epoch: (epoch) => streamBatches(source, model, 'targets', epoch, args.classWeight ?? null),
    validate,
    close: async () => {
      release(...owned);
      await source.close();
    },
  };
}

/** `validationData` as arrays or as batch data, or null (a `validationSplit` of arrays is planned with them). */
function validation(input: FitInput, model: ModelStructure, args: FitArgs, owned: AdaptedData[]): FitData['validate'] {
  const data = args.validationData;
  if (!data) return null;
  if (isBatchData(data)) {
    const source = new BatchSource(data, args.validationSteps ?? null);
    return (m, compiled, callbacks) => evaluateStream(m, compiled, source, model, callbacks);
  }
  // A tuple of arrays is iterable too: isBatchData tells it apart, TypeScript cannot.
  const [xv, yv, swv] = data as [InputData, InputData, InputData?];
  const val = adaptPair(xv, yv, model, owned, { sampleWeight: swv });
  checkNonEmpty(val.numSamples, 'validation_data');
  const batchSize = args.validationBatchSize ?? ('batches' in input ? 32 : args.batchSize ?? 32);
  const range: EvalRange = { x: val.x, y: val.y, sampleWeight: val.sampleWeight, start: 0, end: val.numSamples, batchSize: checkBatchSize(batchSize) };
  return (m, compiled, callbacks) => evaluateArraysAsync(m, compiled, rangeBatches(range), callbacks);
}

/**
 * Keras's refusals of the arguments that only arrays take (`classWeight` is also taken by a
 * `PyDataset` and a `Dataset`, as Keras's adapters take it), and its warning for `shuffle`.
 */
function checkStreamArgs(batches: BatchData, args: FitArgs): void {
  const kind = describeBatchData(batches);
  if (args.sampleWeight !== undefined && args.sampleWeight !== null) {
    throw new ValueError(`When providing \`x\` as a ${kind}, \`sample_weights\` should not be passed. Instead, the sample weights should be included as part of the ${kind}.`);
  }
  if (args.classWeight !== undefined && args.classWeight !== null && kind === 'generator') {
    throw new ValueError(`Argument \`class_weight\` is not supported for Python generator inputs. Received: class_weight=${JSON.stringify(args.classWeight)}`);
  }
  if (args.validationSplit) throw new ValueError(`Argument \`validation_split\` is only supported for tensors or NumPy arrays.Found incompatible type in the input: [${kind}]`);
  if (args.shuffle === true || args.shuffle === 'batch') {
    console.warn(`\`shuffle=True\` was passed, but will be ignored since the data \`x\` was provided as a ${kind}. The ${kind} is expected to yield already-shuffled data.`);
  }
}
