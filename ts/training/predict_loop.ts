/** The `predict()` loop: batched inference, each output's batches concatenated inside WebAssembly. */
import * as ops from '../ops/index.js';
import { tidy } from '../tensor/scope.js';
import { concatStrings } from '../tensor/strings.js';
import type { Tensor } from '../tensor/tensor.js';
import { type AdaptedData, adaptAll, checkBatchSize, checkCardinality, checkNonEmpty, gatherAll, planBatches, release } from './data.js';
import { type PredictArgs, resolveVerbose } from './options.js';
import { Progbar } from './progbar.js';
import { type InputData, flattenInputs, structureOf } from './structure.js';
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

/** One input as a Tensor, several as a list. */
function unwrap(xs: Tensor[]): Tensor | Tensor[] {
  return xs.length === 1 ? xs[0]! : xs;
}
