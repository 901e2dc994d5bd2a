/** The `fit()` loop: epochs of shuffled batches, validation at each epoch's end, and callbacks. */
import { ValueError } from '../utils/errors.js';
import type { CallbackModel, Logs } from './callbacks/callback.js';
import { CallbackList, type HookRunner } from './callbacks/callback_list.js';
import { History } from './callbacks/history.js';
import { ProgbarLogger } from './callbacks/progbar_logger.js';
import type { CompiledState } from './compile.js';
import { type AdaptedData, type InputData, adaptPair, checkBatchSize, checkNonEmpty, planBatches, release, splitAt } from './data.js';
import { type EvalRange, evaluateRange } from './evaluate_loop.js';
import { type FitArgs, resolveVerbose } from './options.js';
import { trainStep } from './step.js';
import { structureOf } from './structure.js';

/** Trains `model` on `x` / `y` as Keras's `fit` does; resolves to the run's History. `runHook` runs each callback hook. */
export async function fitLoop(model: CallbackModel, compiled: CompiledState, x: InputData, y: InputData, args: FitArgs, runHook: HookRunner): Promise<History> {
  const epochs = args.epochs ?? 1;
  const initialEpoch = args.initialEpoch ?? 0;
  const batchSize = checkBatchSize(args.batchSize ?? 32);
  const verbose = resolveVerbose(args.verbose);
  if (!Number.isInteger(epochs) || epochs < 0) throw new ValueError(`\`epochs\` must be a non-negative integer. Received: epochs=${epochs}`);
  const owned: AdaptedData[] = [];
  try {
    const structure = structureOf(model);
    const data = adaptPair(x, y, structure, owned, args);
    const { x: xs, y: ys, numSamples: n } = data;
    checkNonEmpty(n, 'x');
    const trainEnd = args.validationData ? n : splitAt(n, args.validationSplit ?? 0);
    let validation: EvalRange | null = null;
    const validationBatchSize = args.validationBatchSize ?? batchSize;
    if (args.validationData) {
      const [xv, yv, swv] = args.validationData;
      const val = adaptPair(xv, yv, structure, owned, { sampleWeight: swv });
      checkNonEmpty(val.numSamples, 'validation_data');
      validation = { x: val.x, y: val.y, sampleWeight: val.sampleWeight, start: 0, end: val.numSamples, batchSize: validationBatchSize };
    } else if (trainEnd < n) {
      // Class weights are for training only: Keras splits the data, then weighs the training part.
      const sampleWeight = args.classWeight ? null : data.sampleWeight;
      validation = { x: xs, y: ys, sampleWeight, start: trainEnd, end: n, batchSize: validationBatchSize };
    }

    const history = new History();
    const user = args.callbacks ?? [];
    const progress = verbose > 0 && !user.some((c) => c instanceof ProgbarLogger) ? [new ProgbarLogger()] : [];
    const steps = Math.ceil(trainEnd / batchSize);
    const callbacks = new CallbackList([...user, ...progress, history], model, { verbose, epochs, steps }, runHook);

    model.stopTraining = false;
    await callbacks.run('onTrainBegin');
    let epochLogs: Logs = {};
    for (let epoch = initialEpoch; epoch < epochs; epoch++) {
      compiled.resetMetrics();
      await callbacks.step('onEpochBegin', epoch);
      const batches = planBatches(0, trainEnd, batchSize, args.shuffle ?? true);
      for (let b = 0; b < batches.length; b++) {
        await callbacks.step('onTrainBatchBegin', b);
        trainStep(model, compiled, { x: xs, y: ys, sampleWeight: data.sampleWeight, indices: batches[b]! });
        await callbacks.step('onTrainBatchEnd', b, compiled.results());
      }
      epochLogs = compiled.results();
      if (validation) {
        await callbacks.run('onTestBegin');
        const valLogs = evaluateRange(model, compiled, validation);
        await callbacks.run('onTestEnd', valLogs);
        for (const [name, value] of Object.entries(valLogs)) epochLogs[`val_${name}`] = value;
      }
      await callbacks.step('onEpochEnd', epoch, epochLogs);
      if (model.stopTraining) break;
      await yieldToEventLoop();
    }
    await callbacks.run('onTrainEnd', epochLogs);
    return history;
  } finally {
    release(...owned);
  }
}

/** Lets timers, I/O and (in browsers) rendering run between epochs. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
