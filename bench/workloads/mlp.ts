/**
 * W3: MLP training. Dense(784→256, relu) → Dense(10, softmax), Adam(1e-3), sparse categorical
 * crossentropy, batch 128; samples/s over `W3_STEPS` steps, after warm-up. Its `fit` cases train
 * the same model with `fit`, an epoch of `W3_STEPS` batches per repetition, from arrays and from a
 * generator yielding the same batches (the cost of feeding a model from a generator), and from arrays
 * with issue 14's training contract: AdamW under a CosineDecay schedule, one-hot targets,
 * categorical crossentropy and the metrics AUC, Precision and Recall (the cost of all that).
 */
import { type MlpSpec, mlpWeightShapes } from '../libs/library.js';
import type { FitSource, Measurement } from '../lib/protocol.js';
import { time } from '../lib/timing.js';
import { labels, uniform } from '../lib/random.js';
import type { CaseContext } from './context.js';
import { timeTrainingSteps } from './training_steps.js';

/** Training steps per timed repetition. */
export const W3_STEPS = 20;
/** Distinct fixed batches, cycled through (synthetic MNIST-shaped data: the speed does not depend on it). */
const BATCHES = 4;

export async function mlpWorkload(ctx: CaseContext): Promise<Measurement> {
  const spec = mlpSpec();
  const model = await ctx.lib.mlp(spec);
  try {
    // Same initial weights and batches in every library. The first loss checks the forward pass;
    // the weights after one step check the gradients' signs and Adam's update (its first step
    // moves each weight by about ±lr: a sign error shows as a difference of ~2e-3); the losses of
    // the next two steps, which depend on the gradients' relative sizes, check the rest.
    const first = await model.step(0);
    const weights = model.weights();
    const losses = Float32Array.of(first, await model.step(1), await model.step(2));
    await ctx.check([
      { name: 'losses of steps 1-3', values: losses, atol: 0, rtol: 1e-4 },
      ...weights.map((values, i) => ({ name: `weight ${i} after one step`, values, atol: 2e-5, rtol: 0 })),
    ]);
    return await timeTrainingSteps(ctx, model, { steps: W3_STEPS, batchSize: spec.batchSize, next: 3 });
  } finally {
    model.dispose();
  }
}

export async function mlpFitWorkload(ctx: CaseContext, source: FitSource, withContract: boolean): Promise<Measurement> {
  const spec = mlpSpec();
  const model = await ctx.lib.mlpFit(spec, source, W3_STEPS, withContract);
  try {
    // The first epoch's loss (the mean of its steps') checks the run. Not the weights: after
    // `W3_STEPS` Adam steps, the libraries' rounding differences have grown to ~1e-2 where a
    // gradient is near zero (W3 itself checks the weights after one step).
    const loss = await model.epoch();
    await ctx.check([{ name: 'loss of epoch 1', values: Float32Array.of(loss), atol: 0, rtol: 1e-3 }]);
    const timing = await time(() => model.epoch(), ctx.policy);
    const samplesPerSecond = (ms: number) => (W3_STEPS * spec.batchSize * 1000) / ms;
    return {
      unit: 'samples/s',
      median: samplesPerSecond(timing.medianMs),
      min: samplesPerSecond(timing.maxMs),
      max: samplesPerSecond(timing.minMs),
      timing,
      details: { stepsPerRep: W3_STEPS, msPerStep: timing.medianMs / W3_STEPS, source, contract: withContract ? 'AdamW + CosineDecay (warmup), AUC, Precision, Recall' : 'Adam' },
    };
  } finally {
    model.dispose();
  }
}

/** The model's sizes, Glorot-uniform kernels (Keras's default) and small random biases. */
function mlpSpec(): MlpSpec {
  const sizes = { inputDim: 784, hidden: 256, classes: 10 };
  const weights = mlpWeightShapes(sizes).map((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const limit = shape.length === 2 ? Math.sqrt(6 / (shape[0]! + shape[1]!)) : 0.01;
    return uniform(size, 100 + i, -limit, limit);
  });
  const batchSize = 128;
  const batches = Array.from({ length: BATCHES }, (_, i) => ({
    x: uniform(batchSize * sizes.inputDim, 200 + i, 0, 1),
    y: labels(batchSize, sizes.classes, 300 + i),
  }));
  return { ...sizes, batchSize, adam: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, weights, batches };
}
