/** The `predict()` loop: batched inference, each output's batches concatenated inside WebAssembly. */
import * as ops from '../ops/index.js';
import { dispose, keep, tidy } from '../tensor/scope.js';
import { concatStrings } from '../tensor/strings.js';
import type { Tensor } from '../tensor/tensor.js';
import type { BatchSource } from './batch_source.js';
import { type AdaptedData, adaptAll, checkBatchSize, checkCardinality, checkNonEmpty, gatherAll, planBatches, release } from './data.js';
import { type PredictArgs, resolveVerbose } from './options.js';
import { Progbar } from './progbar.js';
import { ValueError } from '../utils/errors.js';
import { type InputData, flattenInputs, structureOf } from './structure.js';
import { streamBatches, withStepContext } from './stream_batches.js';
import type { TrainableModel } from './trainable.js';

/** The model's outputs for every sample of `x`, in order (inference mode): a Tensor, or a list for several outputs. */
export function predictLoop(model: TrainableModel, x: InputData, args: PredictArgs = {}): Tensor | Tensor[] {
  const batchSize = checkBatchSize(args.batchSize ?? 32);
  const verbose = resolveVerbose(args.verbose);
  const owned: AdaptedData[] = [];
  try {
    const xs = adaptAll(flattenInputs(x, structureOf(model)), 'x', owned);
    const numSamples = checkCardinality(xs, []);
    checkNonEmpty(numSamples, 'x');
    const batches = planBatches(0, numSamples, batchSize, false);
    const progbar = new Progbar(batches.length, { verbose });
    return tidy(() => {
      let single = false;
      const perBatch = batches.map((indices, b) => {
        const out = tidy(() => model.forward(batches.length === 1 ? unwrap(xs) : unwrap(gatherAll(xs, indices)), false));
        single = !Array.isArray(out);
        progbar.update(b + 1);
        return Array.isArray(out) ? out : [out];
      });
      const outputs = perBatch[0]!.map((_, o) => (perBatch.length === 1 ? perBatch[0]![o]! : joinBatches(perBatch.map((outs) => outs[o]!))));
      return single ? outputs[0]! : outputs;
    });
  } finally {
    release(...owned);
  }
}

/** One output's batches as one tensor (string outputs, such as an inverted StringLookup's, are joined in JavaScript). */
function joinBatches(batches: Tensor[]): Tensor {
  return batches[0]!.dtype === 'string' ? concatStrings(batches) : ops.concatenate(batches, 0);
}

/** As {@link predictLoop}, over the inputs of the batches of `source` (one pass, or its `steps`). */
export async function predictStream(model: TrainableModel, source: BatchSource, args: PredictArgs): Promise<Tensor | Tensor[]> {
  const progbar = new Progbar(source.steps, { verbose: resolveVerbose(args.verbose) });
  const perBatch: Tensor[][] = [];
  let single = false;
  try {
    let step = 0;
    for await (const batch of streamBatches(source, structureOf(model), 'inputs', null)) {
      const out = withStepContext(step, null, () => tidy(() => model.forward(unwrap([...batch.x]), false)));
      single = !Array.isArray(out);
      perBatch.push((Array.isArray(out) ? out : [out]).map((t) => keep(t)));
      progbar.update(++step, [], false);
    }
    progbar.update(step, [], true);
    if (perBatch.length === 0) throw new ValueError('Expected input data to be non-empty. Received 0 batches in `x`.');
    const outputs = perBatch[0]!.map((_, o) => (perBatch.length === 1 ? perBatch[0]![o]! : ops.concatenate(perBatch.map((outs) => outs[o]!), 0)));
    if (perBatch.length > 1) dispose(perBatch);
    return single ? outputs[0]! : outputs;
  } catch (e) {
    dispose(perBatch);
    throw e;
  } finally {
    await source.close();
  }
}

/** One input as a Tensor, several as a list. */
function unwrap(xs: Tensor[]): Tensor | Tensor[] {
  return xs.length === 1 ? xs[0]! : xs;
}
