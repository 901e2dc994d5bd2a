/**
 * W4: CNN training. 28×28×1 → Conv2D(32, 3, relu) → Conv2D(64, 3, relu) → MaxPooling2D(2) →
 * Flatten → Dense(128, relu) → Dense(10, softmax), Adam(1e-3), sparse categorical crossentropy,
 * batch 64; samples/s over `W4_STEPS` steps per repetition, after warm-up.
 *
 * W6: inference with the same network and weights: `predict` on 1 image (median ms) and on 256
 * (samples/s).
 */
import { type CnnSpec, cnnWeightShapes } from '../libs/library.js';
import type { Measurement } from '../lib/protocol.js';
import { labels, uniform } from '../lib/random.js';
import { time } from '../lib/timing.js';
import type { CaseContext } from './context.js';
import { checkFirstStep, timeTrainingSteps } from './training_steps.js';

/** Training steps per timed repetition (tfjs-cpu, at ≈ 95 s a step, gets one: see `policyFor`). */
export const W4_STEPS = 5;
/** Distinct fixed batches, cycled through (synthetic MNIST-shaped data). */
const BATCHES = 4;

export async function cnnTrainingWorkload(ctx: CaseContext, slow: boolean): Promise<Measurement> {
  const spec = cnnSpec();
  const model = await ctx.lib.cnn(spec);
  try {
    // As W3: the same initial weights and batches everywhere. Only one step is checked: the
    // reference (tfjs-cpu) needs ≈ 95 s for each.
    await checkFirstStep(ctx, model);
    return await timeTrainingSteps(ctx, model, { steps: slow ? 1 : W4_STEPS, batchSize: spec.batchSize, next: 1 });
  } finally {
    model.dispose();
  }
}

/** W6 on `batch` images: batch 1 is reported as latency (ms), larger batches as samples/s. */
export async function cnnInferenceWorkload(ctx: CaseContext, batch: number): Promise<Measurement> {
  const spec = cnnSpec();
  const model = await ctx.lib.cnn(spec);
  const predictor = model.predictor(uniform(batch * spec.rows * spec.cols, 400 + batch, 0, 1), batch);
  try {
    await ctx.check([{ name: 'probabilities', values: predictor.run(), atol: 1e-5, rtol: 1e-4 }]);
    const timing = await time(() => predictor.run(), ctx.policy);
    if (batch === 1) return { unit: 'ms', median: timing.medianMs, min: timing.minMs, max: timing.maxMs, timing };
    const samplesPerSecond = (ms: number) => (batch * 1000) / ms;
    return { unit: 'samples/s', median: samplesPerSecond(timing.medianMs), min: samplesPerSecond(timing.maxMs), max: samplesPerSecond(timing.minMs), timing };
  } finally {
    predictor.dispose();
    model.dispose();
  }
}

/**
 * The network's sizes, Glorot-uniform kernels (Keras's default) and small random biases, with
 * `batches` fixed training batches (W7 builds the model only and needs none).
 */
export function cnnSpec(batches = BATCHES): CnnSpec {
  const sizes = { rows: 28, cols: 28, filters: [32, 64] as [number, number], hidden: 128, classes: 10 };
  const weights = cnnWeightShapes(sizes).map((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (shape.length === 1) return uniform(size, 500 + i, -0.01, 0.01);
    // Conv kernels [kh, kw, in, out]: fan_in = kh·kw·in, fan_out = kh·kw·out, as Keras.
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    const limit = Math.sqrt(6 / (receptive * (shape.at(-2)! + shape.at(-1)!)));
    return uniform(size, 500 + i, -limit, limit);
  });
  const batchSize = 64;
  const fixedBatches = Array.from({ length: batches }, (_, i) => ({
    x: uniform(batchSize * sizes.rows * sizes.cols, 600 + i, 0, 1),
    y: labels(batchSize, sizes.classes, 700 + i),
  }));
  return { ...sizes, batchSize, adam: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, weights, batches: fixedBatches };
}
