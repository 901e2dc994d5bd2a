/**
 * Learning-rate schedules against real Keras 3.15.1 (scripts/keras/schedule_fixtures.py): each
 * schedule, rebuilt from the config Keras serialized, gives Keras's float32 rate at every step of
 * 120; then the arguments, configs, registered schedules of a user's own, and the errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValueError, optimizers, registerKerasSerializable } from '../../ts/index.js';
import type { SerializedSchedule } from '../../ts/optimizers/schedules/index.js';

const { schedules } = optimizers;

interface ScheduleFixture {
  steps: number;
  cases: Record<string, { schedule: SerializedSchedule; values: number[] }>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/schedules/schedules.json', import.meta.url), 'utf8')) as ScheduleFixture;

describe("schedules give Keras's rate at every step", () => {
  it.each(Object.keys(fixture.cases))('%s', (name) => {
    const { schedule: serialized, values } = fixture.cases[name]!;
    const schedule = schedules.deserialize(serialized);
    expect(schedules.serialize(schedule)).toEqual(serialized);
    values.forEach((want, step) => {
      // XLA's float32 pow, cos and log may differ from correctly rounded ones in the last places.
      expect(Math.abs(schedule.call(step) - want), `step ${step}`).toBeLessThanOrEqual(Math.abs(want) * 1e-6);
    });
  });
});

describe('schedule arguments', () => {
  it('take positional arguments and options alike', () => {
    const positional = new schedules.CosineDecay(0.1, 100, 0.05, 'warm', 0.5, 10);
    const options = new schedules.CosineDecay({ initialLearningRate: 0.1, decaySteps: 100, alpha: 0.05, name: 'warm', warmupTarget: 0.5, warmupSteps: 10 });
    expect(positional.getConfig()).toEqual(options.getConfig());
    expect(new schedules.CosineDecay(0.1, 100, { warmupTarget: 0.5, warmupSteps: 10 }).call(5)).toBeCloseTo(0.1 + 0.4 * 0.5, 6);
    expect(new schedules.PiecewiseConstantDecay([10], [1, 0.5]).getConfig()).toEqual({ boundaries: [10], values: [1, 0.5], name: 'PiecewiseConstant' });
    expect(new schedules.CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 4, tMul: 1 }).getConfig()).toEqual({
      initial_learning_rate: 1, first_decay_steps: 4, t_mul: 1, m_mul: 1, alpha: 0, name: 'SGDRDecay',
    });
  });

  it("refuse what Keras refuses, in Keras's words", () => {
    expect(() => new schedules.ExponentialDecay(0.1, 0, 0.5)).toThrow('Argument `decay_steps` must be > 0. Received: decay_steps=0');
    expect(() => new schedules.CosineDecayRestarts(0.1, -1)).toThrow('Argument `first_decay_steps` must be > 0. Received: first_decay_steps=-1');
    expect(() => new schedules.PiecewiseConstantDecay([1, 2], [0.5])).toThrow(
      'The length of boundaries should be 1 less than the length of values. Received: boundaries=[1, 2] of length 2, and values=[0.5] of length 1.',
    );
    expect(() => new schedules.PolynomialDecay({ initialLearningRate: 0.1 })).toThrow("PolynomialDecay missing required argument: 'decaySteps'.");
    expect(() => new schedules.InverseTimeDecay('0.1' as never, 1, 1)).toThrow(ValueError);
    expect(() => new schedules.CosineDecay(0.1, 10, { warmupSteps: '3' as never })).toThrow('`warmup_steps` must be a number');
  });

  it('a number where a serialized schedule is expected is refused by name', () => {
    expect(() => schedules.deserialize(0.1)).toThrow('Could not interpret learning rate schedule: 0.1. Expected a serialized schedule { class_name, config }.');
  });

  it('an unknown schedule name lists the known ones', () => {
    expect(() => schedules.deserialize({ class_name: 'Cosine', config: {} })).toThrow(/Could not locate learning rate schedule 'Cosine'. Known schedules: ExponentialDecay, PiecewiseConstantDecay/);
  });
});

describe("a user's schedule", () => {
  class Halving extends schedules.LearningRateSchedule {
    readonly rate: number;
    // Rebuilt from its config as Keras does, `new Halving({ rate })`: it takes an options object.
    constructor({ rate }: { rate: number }) {
      super();
      this.rate = rate;
    }
    call(step: number): number {
      return this.rate / 2 ** Math.floor(step / 10);
    }
    getConfig() {
      return { rate: this.rate };
    }
  }

  it('round-trips through a config once registered by name', () => {
    registerKerasSerializable(Halving, { package: 'my' });
    const serialized = schedules.serialize(new Halving({ rate: 0.4 }));
    expect(serialized).toEqual({ module: null, class_name: 'Halving', config: { rate: 0.4 }, registered_name: 'my>Halving' });
    const back = schedules.deserialize(JSON.parse(JSON.stringify(serialized)));
    expect(back).toBeInstanceOf(Halving);
    expect(back.call(25)).toBe(0.1);
  });

  it('is found in customObjects too', () => {
    const back = schedules.deserialize({ module: null, class_name: 'Halving', config: { rate: 1 }, registered_name: 'other>Halving' }, { 'other>Halving': Halving });
    expect(back.call(10)).toBe(0.5);
  });
});
