/**
 * Weight initializers, as `keras.initializers`: Keras's class names, positional and keyword
 * arguments, string ids, defaults and configs.
 *
 * @example
 * new layers.Dense(8, { kernelInitializer: new initializers.RandomUniform(-1, 1) });
 * new layers.Dense(8, { biasInitializer: new initializers.Constant(0.5) });
 */
export { Initializer } from './initializer.js';
export { Constant, Ones, Zeros } from './constant.js';
export type { ConstantArgs } from './constant.js';
export { RandomNormal, RandomUniform, TruncatedNormal } from './random.js';
export type { NormalArgs, RandomUniformArgs, SeededArgs } from './random.js';
export {
  GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, VarianceScaling, computeFans,
} from './variance_scaling.js';
export type { Distribution, FanAxesArgs, FanMode, PresetArgs, VarianceScalingArgs } from './variance_scaling.js';
export { Identity, Identity as IdentityInitializer } from './identity.js';
export type { IdentityArgs } from './identity.js';
export { Orthogonal, Orthogonal as OrthogonalInitializer } from './orthogonal.js';
export type { OrthogonalArgs } from './orthogonal.js';
export { get, serialize } from './get.js';
export type { InitializerIdentifier } from './get.js';
