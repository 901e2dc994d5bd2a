/**
 * Every hook a callback sees in `fit` (with validation), `evaluate` and `predict`, in Keras's
 * order with Keras's indices and logs: against real Keras 3.15.1, from
 * scripts/keras/callback_loop_fixtures.py (a Dense(1) with fixed weights, SGD, shuffle off), for
 * steps_per_execution 1, 2 and 3, validation_freq with initial_epoch, and `stopTraining` set
 * mid-epoch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Sequential, layers, memory, optimizers, tensor } from '../../ts/index.js';
import type { Model, Tensor } from '../../ts/index.js';
import { Callback, type Logs, type PredictBatchLogs } from '../../ts/training/callbacks/callback.js';

type Recorded = [string, number | null, [string, number | number[]][] | null];
interface HookCase {
  steps_per_execution: number;
  fit_args: { epochs: number; batch_size: number; initial_epoch?: number; validation_freq?: number; validation_data: [number[][], number[][]] };
  stop_at: [number, number] | null;
  fit: Recorded[];
  history_epoch: number[];
  history: Record<string, number[]>;
  evaluate: Recorded[];
  predict: Recorded[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/training/callback_loop.json', import.meta.url), 'utf8'));
const inputs = fixture.inputs as Record<string, number[][] | number[]>;
const cases = fixture.hooks as HookCase[];

/** Records every hook call as the fixture does; optionally sets `stopTraining` at a [epoch, batch end index]. */
class Recorder extends Callback {
  calls: Recorded[] = [];
  private epoch = 0;

  constructor(private readonly stopAt: [number, number] | null = null) {
    super();
  }

  private record(hook: string, index: number | null, logs: Logs | undefined): void {
    this.calls.push([hook, index, Object.entries(logs ?? {})]);
  }

  override onTrainBegin(logs?: Logs) { this.record('train_begin', null, logs); }
  override onTrainEnd(logs?: Logs) { this.record('train_end', null, logs); }
  override onTestBegin(logs?: Logs) { this.record('test_begin', null, logs); }
  override onTestEnd(logs?: Logs) { this.record('test_end', null, logs); }
  override onPredictBegin(logs?: Logs) { this.record('predict_begin', null, logs); }
  override onPredictEnd(logs?: Logs) { this.record('predict_end', null, logs); }
  override onEpochBegin(epoch: number, logs?: Logs) {
    this.epoch = epoch;
    this.record('epoch_begin', epoch, logs);
  }
  override onEpochEnd(epoch: number, logs?: Logs) { this.record('epoch_end', epoch, logs); }
  override onTrainBatchBegin(batch: number, logs?: Logs) { this.record('train_batch_begin', batch, logs); }
  override onTrainBatchEnd(batch: number, logs?: Logs) {
    this.record('train_batch_end', batch, logs);
    if (this.stopAt && this.stopAt[0] === this.epoch && this.stopAt[1] === batch) this.model!.stopTraining = true;
  }
  override onTestBatchBegin(batch: number, logs?: Logs) { this.record('test_batch_begin', batch, logs); }
  override onTestBatchEnd(batch: number, logs?: Logs) { this.record('test_batch_end', batch, logs); }
  override onPredictBatchBegin(batch: number, logs?: Logs) { this.record('predict_batch_begin', batch, logs); }
  override onPredictBatchEnd(batch: number, logs?: PredictBatchLogs) {
    this.calls.push(['predict_batch_end', batch, [['outputs', [...(logs!.outputs as Tensor).shape]]]]);
  }
}

function denseModel(stepsPerExecution: number): Model {
  const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
  const kernel = tensor(inputs.kernel as number[][]);
  const bias = tensor(inputs.bias as number[]);
  model.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  model.compile({ optimizer: new optimizers.SGD(0.1), loss: 'mse', metrics: ['mae'], stepsPerExecution });
  return model;
}

/** The same calls, hooks and indices exactly, log names in the same order, values to float32 rounding. */
function expectCalls(got: Recorded[], want: Recorded[], what: string): void {
  expect(got.map(([hook, index, logs]) => [hook, index, (logs ?? []).map(([k]) => k)]), what).toEqual(want.map(([hook, index, logs]) => [hook, index, (logs ?? []).map(([k]) => k)]));
  want.forEach(([hook, , logs], i) => {
    (logs ?? []).forEach(([key, value], j) => {
      const mine = got[i]![2]![j]![1];
      if (typeof value === 'number') expect(Math.abs((mine as number) - value), `${what} call ${i} (${hook}) ${key}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(value)));
      else expect(mine, `${what} call ${i} (${hook}) ${key}`).toEqual(value);
    });
  });
}

describe('callback hooks, as Keras calls them', () => {
  for (const c of cases) {
    const { epochs, batch_size, initial_epoch, validation_freq } = c.fit_args;
    const name = `stepsPerExecution ${c.steps_per_execution}, ${JSON.stringify({ epochs, batch_size, initial_epoch, validation_freq, stop_at: c.stop_at })}`;
    it(name, async () => {
      const before = memory().numTensors;
      const model = denseModel(c.steps_per_execution);
      const recorder = new Recorder(c.stop_at);
      const x = tensor(inputs.x as number[][]);
      const y = tensor(inputs.y as number[][]);
      const xVal = tensor(inputs.x_val as number[][]);
      const yVal = tensor(inputs.y_val as number[][]);
      const history = await model.fit(x, y, {
        epochs, batchSize: batch_size, initialEpoch: initial_epoch, validationFreq: validation_freq, validationData: [xVal, yVal], shuffle: false, verbose: 0, callbacks: [recorder],
      });
      expectCalls(recorder.calls, c.fit, 'fit');
      expect(history.epoch).toEqual(c.history_epoch);
      expect(Object.keys(history.history)).toEqual(Object.keys(c.history));

      recorder.calls = [];
      model.evaluate(xVal, yVal, { batchSize: 2, verbose: 0, callbacks: [recorder] });
      expectCalls(recorder.calls, c.evaluate, 'evaluate');

      recorder.calls = [];
      const predicted = model.predict(x, { batchSize: 3, verbose: 0, callbacks: [recorder] });
      expectCalls(recorder.calls, c.predict, 'predict');
      expect(predicted.shape).toEqual([10, 1]);

      for (const t of [x, y, xVal, yVal, predicted]) t.dispose();
      model.dispose();
      expect(memory().numTensors).toBe(before);
    });
  }
});
