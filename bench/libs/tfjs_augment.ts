/**
 * W11 in TensorFlow.js: it has no preprocessing layers for flips, rotations or zooms (its layers
 * stop at Resizing, CenterCrop, RandomWidth and RandomHeight), so the augmentation is written
 * with its ops as such a layer would: `tf.image.flipLeftRight` chosen per image with `tf.where`,
 * then `tf.image.transform` with Keras's rotation and zoom matrices (drawn per image in
 * JavaScript, as kerasm's layers draw theirs). It has no up-down flip op (`tf.reverse` would do).
 *
 * The cpu backend's Transform kernel (4.22) returns after the first image of a batch, leaving the
 * others at the fill value; there each image is transformed on its own and the batch rebuilt.
 */
import type * as Tf from '@tensorflow/tfjs';

import { type AugmentCase, type AugmentSpec, rotationMatrix, zoomMatrix } from './library.js';

export function tfjsAugment(tf: typeof Tf, backend: 'cpu' | 'wasm', spec: AugmentSpec): AugmentCase {
  const [n, height, width] = spec.shape;
  const images = tf.tensor4d(spec.images, spec.shape);
  const transformBatch = (x: Tf.Tensor4D, matrices: number[][]) =>
    tf.image.transform(x, tf.tensor2d(matrices, [matrices.length, 8]), 'bilinear', 'nearest', 0);
  const transform = (x: Tf.Tensor4D, matrices: number[][]) => backend === 'wasm'
    ? transformBatch(x, matrices)
    : tf.concat(tf.split(x, n).map((image, i) => transformBatch(image as Tf.Tensor4D, [matrices[i]!])), 0) as Tf.Tensor4D;
  const draw = (factor: number) => Array.from({ length: n }, () => (2 * Math.random() - 1) * factor);
  const copy = (f: () => Tf.Tensor) => {
    const out = tf.tidy(f);
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return values;
  };
  return {
    fixed: () => copy(() => {
      const rotated = transform(images, Array.from({ length: n }, () => rotationMatrix(spec.check.degrees, height, width)));
      return transform(rotated, Array.from({ length: n }, () => zoomMatrix(spec.check.zoom, height, width)));
    }),
    run: () => copy(() => {
      const flips = tf.lessEqual(tf.randomUniform([n, 1, 1, 1]), 0.5);
      const flipped = tf.where(flips, tf.image.flipLeftRight(images), images) as Tf.Tensor4D;
      const rotated = transform(flipped, draw(spec.rotation).map((turn) => rotationMatrix(turn * 360, height, width)));
      return transform(rotated, draw(spec.zoom).map((z) => zoomMatrix(1 + z, height, width)));
    }),
    dispose: () => images.dispose(),
  };
}
