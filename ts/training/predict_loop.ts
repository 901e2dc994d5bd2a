/** The `predict()` loop: batched inference, outputs concatenated inside WebAssembly. */
import * as ops from '../ops/index.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { type InputData, adapt, checkBatchSize, gather, numSamples, planBatches, release } from './data.js';
import { type PredictArgs, resolveVerbose } from './options.js';
import { Progbar } from './progbar.js';
import type { TrainableModel } from './trainable.js';

/** The model's outputs for every sample of `x`, in order (inference mode). */
export function predictLoop(model: TrainableModel, x: InputData, args: PredictArgs = {}): Tensor {
  const batchSize = checkBatchSize(args.batchSize ?? 32);
  const verbose = resolveVerbose(args.verbose);
  const data = adapt(x, 'x');
  try {
    const xs = data.tensor;
    const batches = planBatches(0, numSamples(xs, 'x'), batchSize, false);
    const progbar = new Progbar(batches.length, { verbose });
    return tidy(() => {
      const outputs = batches.map((indices, b) => {
        const out = tidy(() => model.forward(batches.length === 1 ? xs : gather(xs, indices), false));
        progbar.update(b + 1);
        return out;
      });
      return outputs.length === 1 ? outputs[0]! : ops.concatenate(outputs, 0);
    });
  } finally {
    release(data);
  }
}
