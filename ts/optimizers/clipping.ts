/** Gradient clipping as Keras's optimizers do it: by value, by norm, or by the global norm. */
import * as ops from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';

/** The clipping options shared by every optimizer (at most one may be set). */
export interface ClipArgs {
  /** Each gradient is rescaled so that its L2 norm is at most this. */
  clipnorm?: number | null;
  /** Each gradient element is clipped to [-clipvalue, clipvalue]. */
  clipvalue?: number | null;
  /** All gradients are rescaled together so that their joint L2 norm is at most this. */
  globalClipnorm?: number | null;
}

/** `g` clipped by value or by norm, per the options (unchanged when neither is set). */
export function clipGradients(g: Tensor, args: ClipArgs): Tensor {
  if (args.clipvalue !== null && args.clipvalue !== undefined) return ops.clip(g, -args.clipvalue, args.clipvalue);
  if (args.clipnorm !== null && args.clipnorm !== undefined) {
    // g * c / max(||g||, c): Keras's clip_by_norm.
    const norm = ops.sqrt(ops.sum(ops.square(g)));
    return ops.divide(ops.multiply(g, args.clipnorm), ops.maximum(norm, args.clipnorm));
  }
  return g;
}

/** The factor `c / max(globalNorm, c)` that every gradient is multiplied by (Keras's clip_by_global_norm). */
export function globalNormScale(grads: Tensor[], clipnorm: number): Tensor {
  const squares = grads.map((g) => ops.sum(ops.square(g)));
  const total = squares.reduce((a, b) => ops.add(a, b));
  return ops.divide(clipnorm, ops.maximum(ops.sqrt(total), clipnorm));
}
