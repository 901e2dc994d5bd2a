/** The `optimizers` namespace, as `keras.optimizers`. */
export { Optimizer } from './optimizer.js';
export type { OptimizerArgs, Slots } from './optimizer.js';
export type { ClipArgs } from './clipping.js';
export { SGD } from './sgd.js';
export type { SGDArgs } from './sgd.js';
export { Adam } from './adam.js';
export type { AdamArgs } from './adam.js';
export { RMSprop } from './rmsprop.js';
export type { RMSpropArgs } from './rmsprop.js';
// Issue 14 (optim-a)
export { AdamW } from './adamw.js';
export type { AdamWArgs } from './adamw.js';
export { Adagrad } from './adagrad.js';
export type { AdagradArgs } from './adagrad.js';
export { Adadelta } from './adadelta.js';
export type { AdadeltaArgs } from './adadelta.js';
export { Adamax } from './adamax.js';
export type { AdamaxArgs } from './adamax.js';
export { Nadam } from './nadam.js';
export type { NadamArgs } from './nadam.js';
export { Lion } from './lion.js';
export type { LionArgs } from './lion.js';
export { get } from './get.js';
export type { OptimizerIdentifier } from './get.js';
