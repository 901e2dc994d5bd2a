/**
 * W11: image augmentation as in training, 32 images of 224 × 224 × 3 through a random horizontal
 * flip, rotation (factor 0.1) and zoom (factor 0.1) per image; images/s. The check compares one
 * fixed rotation and zoom (the random draws differ between libraries).
 */
import type { AugmentSpec } from '../libs/library.js';
import type { Measurement } from '../lib/protocol.js';
import { uniform } from '../lib/random.js';
import { time } from '../lib/timing.js';
import type { CaseContext } from './context.js';

export async function augmentWorkload(ctx: CaseContext): Promise<Measurement> {
  const shape: AugmentSpec['shape'] = [32, 224, 224, 3];
  const spec: AugmentSpec = { images: uniform(shape.reduce((a, b) => a * b, 1), 21), shape, rotation: 0.1, zoom: 0.1, check: { degrees: 17, zoom: 1.08 } };
  const augment = ctx.lib.augment(spec);
  try {
    // Bilinear sums of four values in [-1, 1): float32 rounding in the weights and coordinates.
    await ctx.check([{ name: 'rotated and zoomed', values: augment.fixed(), atol: 1e-4, rtol: 0 }]);
    const timing = await time(() => augment.run(), ctx.policy);
    const rate = (ms: number) => (shape[0] * 1000) / ms;
    return { unit: 'images/s', median: rate(timing.medianMs), min: rate(timing.maxMs), max: rate(timing.minMs), timing, details: { ms: timing.medianMs } };
  } finally {
    augment.dispose();
  }
}
