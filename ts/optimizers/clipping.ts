/** Gradient clipping as Keras's optimizers do it: by norm, by the global norm, or by value. */
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

/** The gradients clipped as Keras's `_clip_gradients` does (an option of 0 or less clips nothing, as there). */
export function clipGradients(grads: Tensor[], { clipnorm, clipvalue, globalClipnorm }: ClipArgs): Tensor[] {
  if (clipnorm != null && clipnorm > 0) return grads.map((g) => clipByNorm(g, clipnorm));
  if (globalClipnorm != null && globalClipnorm > 0 && grads.length > 0) {
    const scale = globalNormScale(grads, globalClipnorm);
    return grads.map((g) => ops.multiply(g, scale));
  }
  if (clipvalue != null && clipvalue > 0) return grads.map((g) => ops.clip(g, -clipvalue, clipvalue));
  return grads;
}

/** `g * c / max(||g||, c)`: Keras's `_clip_by_norm`. */
function clipByNorm(g: Tensor, clipnorm: number): Tensor {
  const norm = ops.sqrt(ops.sum(ops.square(g)));
  return ops.divide(ops.multiply(g, clipnorm), ops.maximum(norm, clipnorm));
}

/**
 * Keras's `clip_by_global_norm` factor, `c * min(1 / globalNorm, 1 / c)`, plus `globalNorm -
 * globalNorm` so that an infinite or NaN norm makes every gradient NaN, as there.
 */
function globalNormScale(grads: Tensor[], clipnorm: number): Tensor {
  const squares = grads.map((g) => ops.sum(ops.square(g)));
  const norm = ops.sqrt(squares.reduce((a, b) => ops.add(a, b)));
  const scale = ops.multiply(clipnorm, ops.minimum(ops.divide(1, norm), 1 / clipnorm));
  return ops.add(scale, ops.subtract(norm, norm));
}
