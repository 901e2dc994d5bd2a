/** The `optimizers` namespace, as `keras.optimizers`. */
export { Optimizer } from './optimizer.js';
export type { LearningRate, OptimizerArgs, Slots } from './optimizer.js';
export type { ClipArgs } from './clipping.js';
export { SGD } from './sgd.js';
export type { SGDArgs } from './sgd.js';
export { Adam } from './adam.js';
export type { AdamArgs } from './adam.js';
export { RMSprop } from './rmsprop.js';
export type { RMSpropArgs } from './rmsprop.js';
export { get } from './get.js';
export type { OptimizerIdentifier } from './get.js';
export * as schedules from './schedules/index.js';
