/** The `fit()` loop: epochs of batches (from arrays or batch data), validation at the epochs `validationFreq` picks, and callbacks. */
import { ValueError } from '../utils/errors.js';
import { pythonStr, pythonTypeName } from '../utils/python_repr.js';
import type { CallbackModel, Logs } from './callbacks/callback.js';
import { CallbackList, type HookRunner } from './callbacks/callback_list.js';
import { History } from './callbacks/history.js';
import type { CompiledState } from './compile.js';
import { emptyDataError } from './batch_source.js';
import { type FitData, type FitInput, fitData } from './fit_data.js';
import { type FitArgs, resolveVerbose } from './options.js';
import { trainStep } from './step.js';
import { runStepsAsync } from './step_loop.js';
import { withStepContext } from './stream_batches.js';
import { structureOf } from './structure.js';

/** One `fit()` call's model, training state, data and callbacks. */
interface FitRun {
  model: CallbackModel;
  compiled: CompiledState;
  data: FitData;
  callbacks: CallbackList;
  /** Whether the data is batch data (its errors name the step and epoch; it may run out). */
  fromBatches: boolean;
}

/** Trains `model` on `input` as Keras's `fit` does; resolves to the run's History. `runHook` runs each callback hook. */
export async function fitLoop(model: CallbackModel, compiled: CompiledState, input: FitInput, args: FitArgs, runHook: HookRunner): Promise<History> {
  const epochs = args.epochs ?? 1;
  const initialEpoch = args.initialEpoch ?? 0;
  const validationFreq = args.validationFreq ?? 1;
  const verbose = resolveVerbose(args.verbose);
  if (!Number.isInteger(epochs) || epochs < 0) throw new ValueError(`\`epochs\` must be a non-negative integer. Received: epochs=${epochs}`);
  checkValidationFreq(validationFreq);
  const data = fitData(input, structureOf(model), args);
  try {
    const callbacks = new CallbackList(args.callbacks ?? [], { history: new History(), progbar: verbose > 0 }, model, { verbose, epochs, steps: data.steps }, runHook);
    const run: FitRun = { model, compiled, data, callbacks, fromBatches: 'batches' in input };
    model.stopTraining = false;
    await callbacks.run('onTrainBegin');
    const firstEpoch = takeInitialEpoch(model) || initialEpoch;
    let trainingLogs: Logs = {};
    for (let epoch = firstEpoch; epoch < epochs; epoch++) {
      const epochLogs = await trainEpoch(run, epoch);
      if (epochLogs === null) {
        if (epoch === firstEpoch) throw emptyDataError();
        // Data with nothing left (a one-shot iterator after its pass) ends training, as Keras's warning says.
        break;
      }
      if (data.validate && shouldValidate(epoch, validationFreq)) {
        const valLogs = await data.validate(model, compiled, callbacks);
        for (const [name, value] of Object.entries(valLogs)) epochLogs[`val_${name}`] = value;
      }
      await callbacks.step('onEpochEnd', epoch, epochLogs);
      trainingLogs = epochLogs;
      if (model.stopTraining) break;
      await yieldToEventLoop();
    }
    // As Keras: with `useEma`, the weights take their moving average once training ends.
    if (epochs > 0) compiled.optimizer.finalizeVariableValues(model.trainableWeights);
    await callbacks.run('onTrainEnd', trainingLogs);
    return callbacks.history!;
  } finally {
    await data.close();
  }
}

/**
 * One epoch's training steps, `stepsPerExecution` at a time between the batch hooks, until the
 * data ends or a callback sets `model.stopTraining`; its metric values, or null when batch data
 * gave no batch.
 */
async function trainEpoch(run: FitRun, epoch: number): Promise<Logs | null> {
  const { model, compiled, callbacks } = run;
  compiled.resetMetrics();
  await callbacks.step('onEpochBegin', epoch);
  const listening = callbacks.listens('onTrainBatchEnd');
  const steps = await runStepsAsync(
    run.data.epoch(epoch),
    compiled.stepsPerExecution,
    (batch, step) => {
      // Batch data is checked as it comes: its errors name the step and the epoch.
      if (run.fromBatches) withStepContext(step, epoch, () => trainStep(model, compiled, batch));
      else trainStep(model, compiled, batch);
    },
    {
      begin: (step) => callbacks.step('onTrainBatchBegin', step),
      // The running values are downloaded only for a callback that reads them.
      end: (step) => (listening ? callbacks.step('onTrainBatchEnd', step, compiled.results()) : undefined),
      stopped: () => model.stopTraining === true,
    },
  );
  return steps === 0 && run.fromBatches ? null : compiled.results();
}

/** Keras's `_should_eval`: validate after epoch `epoch` (0-based) when its 1-based number is a multiple of `freq`, or listed in it. */
function shouldValidate(epoch: number, freq: number | readonly number[]): boolean {
  return typeof freq === 'number' ? (epoch + 1) % freq === 0 : freq.includes(epoch + 1);
}

/** Keras's check of `validation_freq`; an int below 1 (where Keras's modulo would fail or never validate) is refused too. */
function checkValidationFreq(freq: unknown): void {
  if (Array.isArray(freq) && freq.every((e) => Number.isInteger(e))) return;
  if (!(typeof freq === 'number' && Number.isInteger(freq))) {
    throw new ValueError(`Expected \`validation_freq\` to be a list or int. Received: validation_freq=${pythonStr(freq)} of the type <class '${pythonTypeName(freq)}'>.`);
  }
  if (freq < 1) throw new ValueError(`\`validation_freq\` must be a positive integer or a list of epochs. Received: validation_freq=${freq}`);
}

/** The start a callback set in `onTrainBegin` (BackupAndRestore), for this fit only; 0 or none keeps fit's own, as Keras's `or`. */
function takeInitialEpoch(model: CallbackModel): number {
  const epoch = model.initialEpoch ?? 0;
  model.initialEpoch = null;
  return epoch;
}

/** Lets timers, I/O and (in browsers) rendering run between epochs. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
