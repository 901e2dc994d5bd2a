/**
 * W12: TextVectorization throughput in strings/s, kerasm only (TensorFlow.js has no
 * TextVectorization: its subjects report that as their figure). 10,000 made-up e-mail-like texts
 * of 20–120 words drawn from a 5,000-word vocabulary (Zipf-like: a few words are very common, as
 * in real text), with capitals and punctuation for the standardization to remove. Three parts:
 * `adapt` (a new layer learns a 2,000-token vocabulary from all the texts at once), `int` (an
 * adapted layer turns every text into 100 ids) and `tf_idf` (into 2,000 weights), both in
 * batches of 32 as a model's `predict` would; `tf_idf` on the first 1,024 texts only, as the
 * shared categorical encoder one-hot encodes every token (`[32, ~120, 2000]` per batch) before
 * summing. Tests check the outputs against Keras's; the figure is timed without a cross-library
 * check.
 */
import type { Measurement } from '../lib/protocol.js';
import { uniform } from '../lib/random.js';
import { time } from '../lib/timing.js';
import type { CaseContext } from './context.js';

const TEXTS = 10_000;
const TF_IDF_TEXTS = 1_024;
const WORDS = 5_000;

/** The corpus: the same texts for every run. */
function corpus(): string[] {
  const draws = uniform(TEXTS * 121, 11, 0, 1);
  const word = (u: number) => {
    const rank = Math.floor(WORDS ** u) - 1; // log-uniform rank: word 0 about as common as words 1–2, and so on
    return (rank % 7 === 0 ? 'Word' : 'word') + rank + (rank % 11 === 0 ? ',' : '');
  };
  return Array.from({ length: TEXTS }, (_, i) => {
    const base = i * 121;
    const length = 20 + Math.floor(draws[base]! * 100);
    return Array.from({ length }, (_, j) => word(draws[base + 1 + j]!)).join(' ') + '.';
  });
}

export async function textVectorizationWorkload(ctx: CaseContext, part: 'adapt' | 'int' | 'tf_idf'): Promise<Measurement> {
  if (!ctx.lib.textVectorization) throw new Error(`${ctx.lib.name} has no TextVectorization layer`);
  const all = corpus();
  // Adapting learns from all the texts; tf_idf vectorizes fewer (see the file comment).
  const texts = part === 'tf_idf' ? all.slice(0, TF_IDF_TEXTS) : all;
  const run = ctx.lib.textVectorization({ part, texts, adaptTexts: all, maxTokens: 2_000, sequenceLength: 100, batchSize: 32 });
  try {
    const timing = await time(() => run.run(), ctx.policy);
    const perSecond = (ms: number) => texts.length / (ms / 1000);
    return { unit: 'strings/s', median: perSecond(timing.medianMs), min: perSecond(timing.maxMs), max: perSecond(timing.minMs), timing };
  } finally {
    run.dispose();
  }
}
