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
export { Ftrl } from './ftrl.js';
export type { FtrlArgs } from './ftrl.js';
export { Lamb } from './lamb.js';
export type { LambArgs } from './lamb.js';
export { Adafactor } from './adafactor.js';
export type { AdafactorArgs } from './adafactor.js';
export { get } from './get.js';
export type { OptimizerIdentifier } from './get.js';
