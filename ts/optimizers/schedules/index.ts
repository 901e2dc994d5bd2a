/** The `schedules` namespace, as `keras.optimizers.schedules`. */
export { LearningRateSchedule } from './learning_rate_schedule.js';
export { ExponentialDecay } from './exponential_decay.js';
export type { ExponentialDecayArgs } from './exponential_decay.js';
export { PiecewiseConstantDecay } from './piecewise_constant_decay.js';
export type { PiecewiseConstantDecayArgs } from './piecewise_constant_decay.js';
export { PolynomialDecay } from './polynomial_decay.js';
export type { PolynomialDecayArgs } from './polynomial_decay.js';
export { InverseTimeDecay } from './inverse_time_decay.js';
export type { InverseTimeDecayArgs } from './inverse_time_decay.js';
export { CosineDecay } from './cosine_decay.js';
export type { CosineDecayArgs } from './cosine_decay.js';
export { CosineDecayRestarts } from './cosine_decay_restarts.js';
export type { CosineDecayRestartsArgs } from './cosine_decay_restarts.js';
export { deserialize, serialize } from './serialize.js';
export type { SerializedSchedule } from './serialize.js';
