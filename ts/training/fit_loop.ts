/** The `fit()` loop: epochs of batches (from arrays or batch data), validation at each epoch's end, and callbacks. */
import { ValueError } from '../utils/errors.js';
import type { CallbackModel, Logs } from './callbacks/callback.js';
import { CallbackList, type HookRunner } from './callbacks/callback_list.js';
import { History } from './callbacks/history.js';
import { ProgbarLogger } from './callbacks/progbar_logger.js';
import type { CompiledState } from './compile.js';
import { emptyDataError } from './batch_source.js';
import { type FitInput, fitData } from './fit_data.js';
import { type FitArgs, resolveVerbose } from './options.js';
import { trainStep } from './step.js';
import { withStepContext } from './stream_batches.js';
import { structureOf } from './structure.js';

/** Trains `model` on `input` as Keras's `fit` does; resolves to the run's History. `runHook` runs each callback hook. */
export async function fitLoop(model: CallbackModel, compiled: CompiledState, input: FitInput, args: FitArgs, runHook: HookRunner): Promise<History> {
  const epochs = args.epochs ?? 1;
  const initialEpoch = args.initialEpoch ?? 0;
  const verbose = resolveVerbose(args.verbose);
  if (!Number.isInteger(epochs) || epochs < 0) throw new ValueError(`\`epochs\` must be a non-negative integer. Received: epochs=${epochs}`);
  const data = fitData(input, structureOf(model), args);
  try {
    const history = new History();
    const user = args.callbacks ?? [];
    const progress = verbose > 0 && !user.some((c) => c instanceof ProgbarLogger) ? [new ProgbarLogger()] : [];
    const callbacks = new CallbackList([...user, ...progress, history], model, { verbose, epochs, steps: data.steps }, runHook);
    const fromBatches = 'batches' in input;

    model.stopTraining = false;
    await callbacks.run('onTrainBegin');
    let epochLogs: Logs = {};
    for (let epoch = initialEpoch; epoch < epochs; epoch++) {
      compiled.resetMetrics();
      await callbacks.step('onEpochBegin', epoch);
      let step = 0;
      for await (const batch of data.epoch(epoch)) {
        await callbacks.step('onTrainBatchBegin', step);
        // Batch data is checked as it comes: its errors name the step and the epoch.
        if (fromBatches) withStepContext(step, epoch, () => trainStep(model, compiled, batch));
        else trainStep(model, compiled, batch);
        await callbacks.step('onTrainBatchEnd', step++, compiled.results());
      }
      if (step === 0 && fromBatches) {
        if (epoch === initialEpoch) throw emptyDataError();
        // Data with nothing left (a one-shot iterator after its pass) ends training, as Keras's warning says.
        break;
      }
      epochLogs = compiled.results();
      if (data.validate) {
        await callbacks.run('onTestBegin');
        const valLogs = await data.validate(model, compiled);
        await callbacks.run('onTestEnd', valLogs);
        for (const [name, value] of Object.entries(valLogs)) epochLogs[`val_${name}`] = value;
      }
      await callbacks.step('onEpochEnd', epoch, epochLogs);
      if (model.stopTraining) break;
      await yieldToEventLoop();
    }
    // As Keras: with `useEma`, the weights take their moving average once training ends.
    if (epochs > 0) compiled.optimizer.finalizeVariableValues(model.trainableWeights);
    await callbacks.run('onTrainEnd', epochLogs);
    return history;
  } finally {
    await data.close();
  }
}

/** Lets timers, I/O and (in browsers) rendering run between epochs. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
