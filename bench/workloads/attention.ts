/**
 * W10: attention block training. Input [32, 128, 128] → MultiHeadAttention(4 heads, key dim 32)
 * self-attention → Add → LayerNormalization → Dense(128, relu) → GlobalAveragePooling1D →
 * Dense(10, softmax), Adam, sparse categorical crossentropy; samples/s over `W10_STEPS` steps
 * per repetition, after warm-up. TensorFlow.js has no MultiHeadAttention layer: its block is
 * made of tfjs ops (libs/tfjs_attention.ts).
 */
import { type AttentionBlockSpec, attentionBlockWeightShapes } from '../libs/library.js';
import type { Measurement } from '../lib/protocol.js';
import { labels, uniform } from '../lib/random.js';
import type { CaseContext } from './context.js';
import { checkFirstStep, timeTrainingSteps } from './training_steps.js';

/** Training steps per timed repetition. */
export const W10_STEPS = 5;
/** Distinct fixed batches, cycled through (synthetic sequences: the speed does not depend on them). */
const BATCHES = 2;
/** The key projection's bias: its gradient is zero in exact arithmetic (a shift shared by every key leaves the softmax unchanged). */
const KEY_BIAS = 3;

export async function attentionWorkload(ctx: CaseContext, slow: boolean): Promise<Measurement> {
  const spec = attentionBlockSpec();
  const model = await ctx.lib.attentionBlock(spec);
  try {
    // As W4: the same initial weights and batches everywhere. The key bias is left out: its
    // gradient is rounding noise, whose sign Adam's first step follows.
    await checkFirstStep(ctx, model, KEY_BIAS);
    return await timeTrainingSteps(ctx, model, { steps: slow ? 1 : W10_STEPS, batchSize: spec.batchSize, next: 1 });
  } finally {
    model.dispose();
  }
}

/** The block's sizes, Glorot-uniform kernels (fans as Keras's EinsumDense computes them), LayerNormalization's ones and zeros, small biases. */
function attentionBlockSpec(): AttentionBlockSpec {
  const sizes = { sequence: 128, features: 128, heads: 4, keyDim: 32, hidden: 128, classes: 10 };
  const shapes = attentionBlockWeightShapes(sizes);
  const weights = shapes.map((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (i === 8) return new Float32Array(size).fill(1); // gamma
    if (shape.length === 1 || (shape.length === 2 && i < 8)) return uniform(size, 600 + i, -0.01, 0.01);
    // Projections: fan-in is the contracted axes, fan-out the others (the input features, or the heads × key dim).
    const [fanIn, fanOut] = i === 6 ? [shape[0]! * shape[1]!, shape[2]!] : [shape[0]!, shape.slice(1).reduce((a, b) => a * b, 1)];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return uniform(size, 600 + i, -limit, limit);
  });
  const batchSize = 32;
  const batches = Array.from({ length: BATCHES }, (_, i) => ({
    x: uniform(batchSize * sizes.sequence * sizes.features, 700 + i, -1, 1),
    y: labels(batchSize, sizes.classes, 800 + i),
  }));
  return { ...sizes, batchSize, adam: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, weights, batches };
}
