/** The `losses` namespace, as `keras.losses`. */
export { Loss, LossFunctionWrapper, reduceValues } from './loss.js';
export type { LossArgs, LossFn, Reduction } from './loss.js';
export { MeanSquaredError, meanSquaredError } from './mean_squared_error.js';
export { BinaryCrossentropy, binaryCrossentropy } from './binary_crossentropy.js';
export type { BinaryCrossentropyOptions } from './binary_crossentropy.js';
export { CategoricalCrossentropy, categoricalCrossentropy } from './categorical_crossentropy.js';
export type { CategoricalCrossentropyOptions } from './categorical_crossentropy.js';
export { SparseCategoricalCrossentropy, sparseCategoricalCrossentropy } from './sparse_categorical_crossentropy.js';
export { get } from './get.js';
export type { LossIdentifier } from './get.js';
