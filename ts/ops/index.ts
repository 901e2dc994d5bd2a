/**
 * The `ops` namespace, as `keras.ops`: eager tensor math that records gradients when asked, and,
 * given KerasTensors, the nodes of a Functional model (see symbolic/op.ts).
 */
export * from './elementwise.js';
export * from './matmul.js';
export { einsum } from './einsum.js';
export * from './reduce.js';
export * from './softmax.js';
export * from './compare.js';
export { logicalAnd, logicalOr } from './logical.js';
export * from './cast.js';
export * from './shape.js';
export * from './stop_gradient.js';
export * from './dims.js';
export * from './creation.js';
export * from './gather.js';
export * from './random.js';
export * from './special.js';
export * from './pool.js';
export { conv, convTranspose, depthwiseConv, separableConv } from './conv.js';
export type { ConvOptions, ConvTransposeOptions } from './conv.js';
export * from './pad.js';
export * from './repeat.js';
export * from './scan.js';
export * from './split.js';
export * from './top_k.js';
export { ctcLoss } from './ctc_loss.js';
export { bincount } from './bincount.js';
export type { BincountOptions } from './bincount.js';
export { localPatches } from './local_patches.js';
export type { LocalPatchesOptions } from './local_patches.js';
export * as image from './image.js';
