/** The `layers` namespace, as `keras.layers`. */
export { Activation } from './core/activation.js';
export type { ActivationArgs } from './core/activation.js';
export { Dense } from './core/dense.js';
export type { DenseArgs } from './core/dense.js';
export { Input, InputLayer } from './core/input_layer.js';
export type { InputArgs } from './core/input_layer.js';
export { Layer } from '../engine/layer.js';
