/**
 * W5: LSTM training. Embedding(1000, 64) → LSTM(128) → Dense(10, softmax), Adam(1e-3), sparse
 * categorical crossentropy, sequences of 50 token ids, batch 32; samples/s over
 * `SEQUENCE_STEPS` steps per repetition, after warm-up. W9: the same with GRU(128,
 * reset_after=False) (TensorFlow.js has no reset_after=True). `length` changes the sequence length
 * (the `W5 length=…` cases measure how the time grows with it).
 */
import type { SequenceSpec } from '../libs/library.js';
import { sequenceWeightShapes } from '../libs/library.js';
import type { Measurement } from '../lib/protocol.js';
import { labels, uniform } from '../lib/random.js';
import type { CaseContext } from './context.js';
import { checkFirstStep, timeTrainingSteps } from './training_steps.js';

/** Training steps per timed repetition (tfjs-cpu, at several seconds a step, gets one). */
export const SEQUENCE_STEPS = 5;
/** W5's sequence length. */
export const W5_LENGTH = 50;
const BATCHES = 4;

export async function sequenceTrainingWorkload(ctx: CaseContext, cell: SequenceSpec['cell'], length: number, slow: boolean): Promise<Measurement> {
  const spec = sequenceSpec(cell, length);
  const model = await ctx.lib.sequence(spec);
  try {
    // As W4: the same initial weights and batches everywhere.
    await checkFirstStep(ctx, model);
    return await timeTrainingSteps(ctx, model, { steps: slow ? 1 : SEQUENCE_STEPS, batchSize: spec.batchSize, next: 1, details: { length } });
  } finally {
    model.dispose();
  }
}

/** Glorot-uniform kernels and embeddings in Keras's ranges, small random biases, fixed batches of token ids. */
export function sequenceSpec(cell: SequenceSpec['cell'], length: number): SequenceSpec {
  const sizes = { cell, vocabulary: 1000, embedding: 64, units: 128, classes: 10 };
  const weights = sequenceWeightShapes(sizes).map((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (shape.length === 1) return uniform(size, 800 + i, -0.01, 0.01);
    // The embeddings as Keras's uniform(-0.05, 0.05); kernels Glorot-uniform.
    const limit = i === 0 ? 0.05 : Math.sqrt(6 / (shape[0]! + shape[1]!));
    return uniform(size, 800 + i, -limit, limit);
  });
  const batchSize = 32;
  const batches = Array.from({ length: BATCHES }, (_, i) => ({
    x: labels(batchSize * length, sizes.vocabulary, 900 + i),
    y: labels(batchSize, sizes.classes, 950 + i),
  }));
  return { ...sizes, length, batchSize, adam: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, weights, batches };
}
