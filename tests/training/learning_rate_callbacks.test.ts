/**
 * ReduceLROnPlateau and LearningRateScheduler against real Keras 3.15.1 (fixture from
 * scripts/keras/callback_loop_fixtures.py): the learning rate left after each epoch of a scripted
 * sequence of monitored values, and the `learning_rate` added to the logs; their arguments,
 * errors, and memory over a long fit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { Input, Sequential, callbacks, layers, memory, optimizers, tensor } from '../../ts/index.js';
import type { Model } from '../../ts/index.js';
import { toCamelCase } from '../../ts/utils/naming.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/training/callback_loop.json', import.meta.url), 'utf8'));
const inputs = fixture.inputs as Record<string, number[][]>;

interface PlateauCase {
  config: Record<string, number | string>;
  values: number[];
  epochs: { lr: number; logs: [string, number][] }[];
}

function compiledModel(lr = 0.1): Model {
  const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
  model.compile({ optimizer: new optimizers.SGD(lr), loss: 'mse', metrics: ['mae'] });
  return model;
}

/** Keras's options as kerasm's (snake_case keys to camelCase). */
function options(config: Record<string, number | string>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [toCamelCase(k), v]));
}

function near(got: number, want: number, what: string): void {
  expect(Math.abs(got - want), `${what}: got ${got}, want ${want}`).toBeLessThanOrEqual(1e-6 * Math.abs(want));
}

describe('ReduceLROnPlateau', () => {
  for (const c of fixture.reduce_lr as PlateauCase[]) {
    it(`sets the learning rates Keras sets, ${JSON.stringify(c.config)}`, () => {
      const model = compiledModel();
      const reducer = new callbacks.ReduceLROnPlateau(options(c.config));
      reducer.setModel(model);
      reducer.onTrainBegin();
      c.values.forEach((value, epoch) => {
        const logs: Record<string, number> = { val_loss: value };
        reducer.onEpochEnd(epoch, logs);
        near(Math.fround(model.optimizer.learningRate), c.epochs[epoch]!.lr, `epoch ${epoch} learning rate`);
        expect(Object.keys(logs)).toEqual(c.epochs[epoch]!.logs.map(([k]) => k));
        near(logs.learning_rate!, c.epochs[epoch]!.logs[1]![1], `epoch ${epoch} logged learning_rate`);
      });
      model.dispose();
    });
  }

  it('takes its arguments positionally in Keras\'s order, the same as the options', () => {
    const positional = new callbacks.ReduceLROnPlateau('loss', 0.5, 3, 1, 'min', 0.01, 2, 0.001);
    const named = new callbacks.ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 3, verbose: 1, mode: 'min', minDelta: 0.01, cooldown: 2, minLr: 0.001 });
    const state = (r: InstanceType<typeof callbacks.ReduceLROnPlateau>) => [r.monitor, r.factor, r.patience, r.verbose, r.mode, r.minDelta, r.cooldown, r.minLr];
    expect(state(positional)).toEqual(state(named));
    expect(state(positional)).toEqual(['loss', 0.5, 3, 1, 'min', 0.01, 2, 0.001]);
    expect(state(new callbacks.ReduceLROnPlateau())).toEqual(['val_loss', 0.1, 10, 0, 'auto', 1e-4, 0, 0]);
  });

  it("refuses a factor >= 1 with Keras's message", () => {
    expect(() => new callbacks.ReduceLROnPlateau({ factor: 1 })).toThrow('ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1');
  });

  it("warns with Keras's message when the monitored metric is missing, still logging the learning rate", () => {
    const model = compiledModel();
    const reducer = new callbacks.ReduceLROnPlateau({ patience: 0 });
    reducer.setModel(model);
    reducer.onTrainBegin();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const logs: Record<string, number> = { loss: 1 };
    reducer.onEpochEnd(0, logs);
    expect(warn).toHaveBeenCalledWith('Learning rate reduction is conditioned on metric `val_loss` which is not available. Available metrics are: loss,learning_rate.');
    expect(logs).toEqual({ loss: 1, learning_rate: Math.fround(0.1) });
    warn.mockRestore();
    model.dispose();
  });

  it('reduces during fit, History records learning_rate, and memory stays flat over a long fit', async () => {
    const model = compiledModel(0.05);
    const x = tensor(inputs.x!);
    const y = tensor(inputs.y!);
    // No change counts as an improvement past the first epoch: every `patience` epochs the rate is halved.
    const reducer = new callbacks.ReduceLROnPlateau({ monitor: 'loss', patience: 2, factor: 0.5, minDelta: 100, minLr: 1e-4 });
    const stopper = new callbacks.TerminateOnNaN();
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: [reducer, stopper] });
    const before = memory().numTensors;
    const history = await model.fit(x, y, { epochs: 40, batchSize: 4, verbose: 0, callbacks: [reducer, stopper] });
    expect(memory().numTensors).toBe(before);
    expect(history.history.learning_rate!.slice(0, 6)).toEqual([0.05, 0.05, 0.05, 0.025, 0.025, 0.0125].map(Math.fround));
    expect(history.history.learning_rate!.at(-1)).toBe(Math.fround(1e-4));
    expect(Object.keys(history.history)).toEqual(['loss', 'mae', 'learning_rate']);
    x.dispose();
    y.dispose();
    model.dispose();
  });
});

describe('LearningRateScheduler', () => {
  it('sets and logs the rates Keras sets', async () => {
    const model = compiledModel();
    const x = tensor(inputs.x!);
    const y = tensor(inputs.y!);
    const rates: number[] = [];
    const seen = new callbacks.LambdaCallback({ onEpochBegin: () => { rates.push(Math.fround(model.optimizer.learningRate)); } });
    const scheduler = new callbacks.LearningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr * 0.5));
    const history = await model.fit(x, y, { epochs: 5, batchSize: 5, verbose: 0, shuffle: false, callbacks: [scheduler, seen] });
    const want = fixture.lr_scheduler as { rates: number[]; logged: number[]; history_keys: string[] };
    rates.forEach((r, i) => near(r, want.rates[i]!, `epoch ${i} rate`));
    history.history.learning_rate!.forEach((r, i) => near(r as number, want.logged[i]!, `epoch ${i} logged rate`));
    // Keras's keys: the metrics sorted, then what the scheduler adds.
    expect(Object.keys(history.history)).toEqual(['loss', 'mae', 'learning_rate']);
    x.dispose();
    y.dispose();
    model.dispose();
  });

  it('awaits an async schedule, and takes the positional and option forms alike', async () => {
    const model = compiledModel();
    const schedule = async (epoch: number) => 0.01 * (epoch + 1);
    for (const scheduler of [new callbacks.LearningRateScheduler(schedule, 0), new callbacks.LearningRateScheduler({ schedule, verbose: 0 })]) {
      expect(scheduler.schedule).toBe(schedule);
      expect(scheduler.verbose).toBe(0);
      scheduler.setModel(model);
      await scheduler.onEpochBegin(2);
      expect(model.optimizer.learningRate).toBeCloseTo(0.03, 10);
    }
    model.dispose();
  });

  it("refuses a schedule that returns no number, with Keras's message", async () => {
    const model = compiledModel();
    const scheduler = new callbacks.LearningRateScheduler((() => '0.1') as never);
    scheduler.setModel(model);
    await expect(scheduler.onEpochBegin(0)).rejects.toThrow("The output of the `schedule` function should be a float. Got: 0.1");
    model.dispose();
  });
});

describe('TerminateOnNaN', () => {
  it('stops training after the batch whose loss is NaN or infinite', () => {
    const model = compiledModel();
    for (const terminator of [new callbacks.TerminateOnNaN(), new callbacks.TerminateOnNaN({ raiseError: false })]) {
      terminator.setModel(model);
      model.stopTraining = false;
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      terminator.onTrainBatchEnd(3, { loss: 0.5 });
      expect(model.stopTraining).toBe(false);
      terminator.onTrainBatchEnd(4, { loss: Infinity });
      expect(model.stopTraining).toBe(true);
      expect(log).toHaveBeenCalledWith('Batch 4: Invalid loss, terminating training');
      log.mockRestore();
    }
    model.dispose();
  });

  it('throws a RuntimeError at once with raiseError', () => {
    for (const terminator of [new callbacks.TerminateOnNaN(true), new callbacks.TerminateOnNaN({ raiseError: true })]) {
      expect(terminator.raiseError).toBe(true);
      expect(() => terminator.onTrainBatchEnd(2, { loss: NaN })).toThrow('NaN or Inf loss encountered at batch 2. Loss value: nan. Terminating training immediately.');
    }
  });

  it('ends a fit whose loss diverges, mid-epoch, and runs the end of the epoch as Keras', async () => {
    const model = new Sequential([Input({ shape: [2] }), new layers.Dense(1)]);
    model.compile({ optimizer: new optimizers.SGD(1e6), loss: 'mse' });
    const x = tensor(inputs.x!);
    const y = tensor(inputs.y!);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const history = await model.fit(x, y, { epochs: 50, batchSize: 1, verbose: 0, shuffle: false, callbacks: [new callbacks.TerminateOnNaN()] });
    log.mockRestore();
    expect(history.epoch.length).toBeLessThan(50);
    expect(Number.isFinite(history.history.loss!.at(-1)!)).toBe(false);
    x.dispose();
    y.dispose();
    model.dispose();
  });
});
