/**
 * The batches of a {@link BatchSource} as the steps take them: each raw batch unpacked into
 * `x`, `y` and sample weights (Keras's `unpack_x_y_sample_weight`), matched to the model's inputs
 * and outputs by the array adapter, and freed (the tensors it converted and those the data gave)
 * as soon as the next batch is asked for. An error names the step and the epoch.
 */
import { dispose } from '../tensor/scope.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type AdaptedData, adaptAll, adaptPair, checkCardinality, release } from './data.js';
import type { BatchSource } from './batch_source.js';
import type { ClassWeight } from './sample_weight.js';
import type { Batch } from './step.js';
import { type InputData, type ModelStructure, flattenInputs } from './structure.js';

/** A raw batch split as Keras splits it. */
interface Unpacked {
  x: InputData;
  y?: InputData;
  sampleWeight?: InputData;
}

/** What a step needs: targets (fit, evaluate) or inputs only (predict). */
export type BatchNeeds = 'targets' | 'inputs';

/** A batch's tensors, held until the step that uses them is done. */
export type StreamBatch = Batch & { numSamples: number };

/**
 * The adapted batches of one epoch (`epoch` counts from 0; null for evaluate / predict, which
 * have no epochs). A batch's tensors are freed when the next is requested or the loop ends.
 * `classWeight` (fit's, for a `PyDataset` or a `Dataset`) weighs each batch's samples by their
 * labels, as Keras's adapters do.
 */
export async function* streamBatches(source: BatchSource, model: ModelStructure, needs: BatchNeeds, epoch: number | null, classWeight: ClassWeight | null = null): AsyncGenerator<StreamBatch, void, undefined> {
  const batches = source.epoch();
  for (let step = 0; ; step++) {
    let raw: IteratorResult<unknown>;
    try {
      raw = await batches.next();
    } catch (e) {
      throw stepError(e, step, epoch);
    }
    if (raw.done) return;
    const owned: AdaptedData[] = [];
    try {
      yield adaptBatch(raw.value, model, needs, owned, step, epoch, classWeight);
    } finally {
      release(...owned);
      dispose(raw.value as never);
    }
  }
}

/** Runs one step on `batch`, naming the step and epoch in its error. */
export function withStepContext<T>(step: number, epoch: number | null, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw stepError(e, step, epoch);
  }
}

function adaptBatch(raw: unknown, model: ModelStructure, needs: BatchNeeds, owned: AdaptedData[], step: number, epoch: number | null, classWeight: ClassWeight | null): StreamBatch {
  return withStepContext(step, epoch, () => {
    const { x, y, sampleWeight } = unpack(raw);
    if (needs === 'inputs') {
      const xs = adaptAll(flattenInputs(x, model), 'x', owned);
      return { x: xs, y: [], sampleWeight: null, indices: null, numSamples: checkCardinality(xs, []) };
    }
    if (y === undefined) throw new ValueError('The batch has no targets: yield `[x, y]` or `[x, y, sampleWeight]`.');
    const data = adaptPair(x, y, model, owned, { sampleWeight: sampleWeight ?? null, classWeight });
    return { x: data.x, y: data.y, sampleWeight: data.sampleWeight, indices: null, numSamples: data.numSamples };
  });
}

/**
 * `[x]`, `[x, y]` or `[x, y, sampleWeight]`; a Tensor or a dict alone is `x`. Anything else is
 * refused as Keras refuses a generator that does not yield a tuple.
 */
function unpack(raw: unknown): Unpacked {
  if (Array.isArray(raw) && raw.length >= 1 && raw.length <= 3) {
    const [x, y, sampleWeight] = raw as [InputData, InputData?, InputData?];
    return { x, ...(y !== undefined && y !== null ? { y } : {}), ...(sampleWeight !== undefined && sampleWeight !== null ? { sampleWeight } : {}) };
  }
  if (isTensorOrDict(raw)) return { x: raw as InputData };
  throw new ValueError(
    `When passing batches to a Keras model, each batch must be an array, either [input] or [inputs, targets] or [inputs, targets, sample_weights]. Received: ${describe(raw)}`,
  );
}

function isTensorOrDict(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return value instanceof Tensor || Object.getPrototypeOf(value) === Object.prototype;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} elements`;
  return value === null || value === undefined ? String(value) : `${typeof value} ${String(value).slice(0, 60)}`;
}

/** The error of a step, with the step and epoch in front (a non-ValueError thrown by the data becomes one, kept as the cause). */
function stepError(e: unknown, step: number, epoch: number | null): ValueError {
  const where = epoch === null ? `step ${step}` : `step ${step} of epoch ${epoch + 1}`;
  const message = e instanceof Error ? e.message : String(e);
  const error = new ValueError(`At ${where}: ${message}`);
  error.cause = e;
  return error;
}
