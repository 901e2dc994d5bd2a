/** The `layers` namespace, as `keras.layers`. */
export { Activation } from './core/activation.js';
export type { ActivationArgs } from './core/activation.js';
export { Dense } from './core/dense.js';
export type { DenseArgs } from './core/dense.js';
export { Input, InputLayer } from './core/input_layer.js';
export type { InputArgs } from './core/input_layer.js';
export { Layer } from '../engine/layer.js';
export { Embedding } from './core/embedding.js';
export type { EmbeddingArgs } from './core/embedding.js';
export { Masking } from './core/masking.js';
export type { MaskingArgs } from './core/masking.js';
export { Lambda, registerLambdaFunction } from './core/lambda_layer.js';
export type { LambdaArgs, LambdaCallArgs, LambdaFunction, OutputShapeFunction } from './core/lambda_layer.js';
export { Identity } from './core/identity.js';
