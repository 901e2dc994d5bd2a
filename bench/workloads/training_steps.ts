/**
 * What every training workload does around its model: check the first step against the
 * reference, then time a number of `trainOnBatch` steps per repetition as samples/s.
 */
import type { MlpCase } from '../libs/library.js';
import type { Measurement } from '../lib/protocol.js';
import { time } from '../lib/timing.js';
import type { CaseContext } from './context.js';

/**
 * The check of W4, W5, W9 and W10 (the reference needs seconds a step, so one is checked): the
 * first loss checks the forward pass, every weight after one Adam step (each moves by about ±lr)
 * the gradients' signs. `unchecked` names a weight left out.
 */
export async function checkFirstStep(ctx: CaseContext, model: MlpCase, unchecked = -1): Promise<void> {
  const first = await model.step(0);
  const weights = model.weights();
  await ctx.check([
    { name: 'loss of step 1', values: Float32Array.of(first), atol: 0, rtol: 1e-4 },
    ...weights.flatMap((values, i) => (i === unchecked ? [] : [{ name: `weight ${i} after one step`, values, atol: 2e-5, rtol: 0 }])),
  ]);
}

/** How a workload's steps are timed. */
export interface StepTiming {
  /** Steps per timed repetition. */
  steps: number;
  batchSize: number;
  /** The index of the first timed step (the checked ones come before). */
  next: number;
  /** Recorded with the measurement besides steps per repetition and ms per step. */
  details?: Record<string, unknown>;
}

/** Times `steps` training steps per repetition under the case's policy, as samples/s. */
export async function timeTrainingSteps(ctx: CaseContext, model: MlpCase, { steps, batchSize, next, details }: StepTiming): Promise<Measurement> {
  let step = next;
  const timing = await time(async () => {
    for (let s = 0; s < steps; s++) await model.step(step++);
  }, ctx.policy);
  const samplesPerSecond = (ms: number) => (steps * batchSize * 1000) / ms;
  return {
    unit: 'samples/s',
    median: samplesPerSecond(timing.medianMs),
    min: samplesPerSecond(timing.maxMs),
    max: samplesPerSecond(timing.minMs),
    timing,
    details: { stepsPerRep: steps, msPerStep: timing.medianMs / steps, ...details },
  };
}
