/**
 * Activation functions, as `keras.activations`: each is a function of a tensor (plus Keras's
 * options where it has some) composed from ops, so autodiff covers it. `get` resolves Keras's
 * string ids (`'relu'`, `'gelu'`, `'swish'`…), a function, or null (linear); `serialize` gives
 * the id back.
 *
 * @example
 * activations.relu(x, { negativeSlope: 0.1, maxValue: 6 });
 * activations.get('gelu')(x); // the exact (erf) form, Keras 3's default
 */
import * as ops from './ops/index.js';
import type { Tensor } from './tensor/tensor.js';
import { ValueError } from './utils/errors.js';

/** An activation: a function of one tensor that knows its Keras name. */
export type Activation = ((x: Tensor) => Tensor) & { activationName?: string };

/** Tags `fn` with its Keras id, so `serialize` returns it. */
function named<F extends (x: Tensor, ...options: never[]) => Tensor>(name: string, fn: F): F & { activationName: string } {
  return Object.assign(fn, { activationName: name });
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** Options of `relu`, as Keras's `relu(x, negative_slope, max_value, threshold)`. */
export interface ReluOptions {
  /** Slope for values below `threshold`. Default 0. */
  negativeSlope?: number;
  /** The largest value returned (saturation); default none. */
  maxValue?: number | null;
  /** Values at or below it are damped (by `negativeSlope`) or zeroed. Default 0. */
  threshold?: number;
}

/**
 * The rectified linear unit: `max(x, 0)` by default. With options, Keras's general form:
 * `x` above `threshold` (clipped to `maxValue`), `negativeSlope * (x - threshold)` below it.
 */
export const relu = named('relu', (x: Tensor, options: ReluOptions = {}): Tensor => {
  const negativeSlope = options.negativeSlope ?? 0;
  const maxValue = options.maxValue ?? null;
  const threshold = options.threshold ?? 0;
  // Keras's static_call, branch for branch, so that edge cases (ties, negative thresholds) agree.
  if (negativeSlope !== 0 && maxValue === null && threshold === 0) return leakyRelu(x, { negativeSlope });
  let negativePart: Tensor | null = null;
  if (negativeSlope !== 0) negativePart = ops.relu(threshold !== 0 ? ops.add(ops.negative(x), threshold) : ops.negative(x));
  let y: Tensor;
  let clipMax = maxValue !== null;
  if (threshold !== 0) {
    y = ops.where(ops.greater(x, threshold), x, 0);
  } else if (maxValue === 6) {
    y = relu6(x);
    clipMax = false;
  } else {
    y = ops.relu(x);
  }
  if (clipMax) y = ops.minimum(ops.maximum(y, 0), maxValue!);
  if (negativePart) y = ops.subtract(y, ops.multiply(negativePart, negativeSlope));
  return y;
});

/** `max(x, negativeSlope * x)`; Keras's default slope for the function is 0.2. */
export const leakyRelu = named('leaky_relu', (x: Tensor, options: { negativeSlope?: number } = {}): Tensor =>
  ops.maximum(x, ops.multiply(x, options.negativeSlope ?? 0.2)));

/** `min(max(x, 0), 6)`. */
export const relu6 = named('relu6', (x: Tensor): Tensor => ops.minimum(ops.relu(x), 6));

/** `exp(x) / sum(exp(x))` along `axis` (default -1). */
export const softmax = named('softmax', (x: Tensor, options: { axis?: number } = {}): Tensor => ops.softmax(x, options.axis ?? -1));

/** `x - log(sum(exp(x)))` along `axis` (default -1). */
export const logSoftmax = named('log_softmax', (x: Tensor, options: { axis?: number } = {}): Tensor => ops.logSoftmax(x, options.axis ?? -1));

/** `alpha * (exp(min(x, 0)) - 1)` where x < 0, else x; `min` keeps exp finite on the unused branch. */
function eluWith(x: Tensor, alpha: number): Tensor {
  return ops.where(ops.greaterEqual(x, 0), x, ops.multiply(ops.subtract(ops.exp(ops.minimum(x, 0)), 1), alpha));
}

/** Exponential linear unit: `x` if `x >= 0`, else `alpha * (exp(x) - 1)`; alpha defaults to 1. */
export const elu = named('elu', (x: Tensor, options: { alpha?: number } = {}): Tensor => eluWith(x, options.alpha ?? 1));

/** Scaled ELU: `scale * elu(x, alpha)` with Klambauer et al.'s constants. */
export const selu = named('selu', (x: Tensor): Tensor => ops.multiply(eluWith(x, SELU_ALPHA), SELU_SCALE));

/** Continuously differentiable ELU: `max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)`. */
export const celu = named('celu', (x: Tensor, options: { alpha?: number } = {}): Tensor => {
  const alpha = options.alpha ?? 1;
  return ops.add(ops.relu(x), ops.multiply(ops.subtract(ops.exp(ops.divide(ops.minimum(x, 0), alpha)), 1), alpha));
});

/** `log(1 + exp(x))`, computed as `relu(x) + log(1 + exp(-|x|))`, finite for any x. */
export const softplus = named('softplus', (x: Tensor): Tensor =>
  ops.add(ops.relu(x), ops.log(ops.add(ops.exp(ops.negative(ops.abs(x))), 1))));

/** `x / (|x| + 1)`. */
export const softsign = named('softsign', (x: Tensor): Tensor => ops.divide(x, ops.add(ops.abs(x), 1)));

/** Sigmoid linear unit (swish): `x * sigmoid(x)`. */
export const silu = named('silu', (x: Tensor): Tensor => ops.multiply(x, ops.sigmoid(x)));

/** Alias of `silu`, as `keras.activations.swish`. */
export const swish = silu;

/**
 * Gaussian error linear unit. Keras 3's default is the exact form `0.5 * x * (1 + erf(x / sqrt(2)))`;
 * `approximate: true` gives the tanh form `0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))`.
 */
export const gelu = named('gelu', (x: Tensor, options: { approximate?: boolean } = {}): Tensor => {
  if (options.approximate) {
    const inner = ops.multiply(ops.add(x, ops.multiply(ops.multiply(ops.square(x), x), 0.044715)), Math.sqrt(2 / Math.PI));
    return ops.multiply(x, ops.multiply(ops.add(ops.tanh(inner), 1), 0.5));
  }
  return ops.divide(ops.multiply(x, ops.add(ops.erf(ops.divide(x, Math.SQRT2)), 1)), 2);
});

/** `tanh(x)`. */
export const tanh = named('tanh', (x: Tensor): Tensor => ops.tanh(x));

/** `x - tanh(x)`. */
export const tanhShrink = named('tanh_shrink', (x: Tensor): Tensor => ops.subtract(x, ops.tanh(x)));

/** `clip(x, -1, 1)`. */
export const hardTanh = named('hard_tanh', (x: Tensor): Tensor => ops.clip(x, -1, 1));

/** `1 / (1 + exp(-x))`. */
export const sigmoid = named('sigmoid', (x: Tensor): Tensor => ops.sigmoid(x));

/** `log(sigmoid(x)) = -softplus(-x)`. */
export const logSigmoid = named('log_sigmoid', (x: Tensor): Tensor => ops.negative(softplus(ops.negative(x))));

/** Keras 3's piecewise-linear sigmoid: `relu6(x + 3) / 6`, i.e. `clip(x / 6 + 0.5, 0, 1)`. */
export const hardSigmoid = named('hard_sigmoid', (x: Tensor): Tensor => ops.divide(ops.minimum(ops.relu(ops.add(x, 3)), 6), 6));

/** Hard SiLU (hard swish): `x * hard_sigmoid(x)`. */
export const hardSilu = named('hard_silu', (x: Tensor): Tensor => ops.multiply(x, hardSigmoid(x)));

/** Alias of `hardSilu`, as `keras.activations.hard_swish`. */
export const hardSwish = hardSilu;

/** `exp(x)`. */
export const exponential = named('exponential', (x: Tensor): Tensor => ops.exp(x));

/** The identity. */
export const linear = named('linear', (x: Tensor): Tensor => x);

/** `x * tanh(softplus(x))`. */
export const mish = named('mish', (x: Tensor): Tensor => ops.multiply(x, ops.tanh(softplus(x))));

/** `(x + sqrt(x^2 + b)) / 2`, a smooth ReLU; `b` defaults to 4. */
export const squareplus = named('squareplus', (x: Tensor, options: { b?: number } = {}): Tensor =>
  ops.divide(ops.add(x, ops.sqrt(ops.add(ops.square(x), options.b ?? 4))), 2));

/** `x - threshold` above `threshold`, `x + threshold` below `-threshold`, else 0 (threshold 0.5). */
export const softShrink = named('soft_shrink', (x: Tensor, options: { threshold?: number } = {}): Tensor => {
  const t = options.threshold ?? 0.5;
  return ops.where(ops.greater(x, t), ops.subtract(x, t), ops.where(ops.less(x, -t), ops.add(x, t), 0));
});

/** `x` where `|x| > threshold`, else 0 (threshold 0.5). */
export const hardShrink = named('hard_shrink', (x: Tensor, options: { threshold?: number } = {}): Tensor =>
  ops.where(ops.greater(ops.abs(x), options.threshold ?? 0.5), x, 0));

/** 0 for `x <= -1`, `(x + 1)^2 / 4` for `-1 < x < 1`, `x` for `x >= 1`. */
export const sparsePlus = named('sparse_plus', (x: Tensor): Tensor =>
  ops.where(ops.lessEqual(x, -1), 0, ops.where(ops.less(x, 1), ops.divide(ops.square(ops.add(x, 1)), 4), x)));

const TABLE = new Map<string, Activation>(
  [
    linear, relu, leakyRelu, relu6, sigmoid, logSigmoid, hardSigmoid, tanh, tanhShrink, hardTanh, softmax,
    logSoftmax, exponential, softplus, softsign, silu, hardSilu, gelu, elu, selu, celu, mish, squareplus,
    softShrink, hardShrink, sparsePlus,
  ].map((fn) => [fn.activationName, fn as Activation]),
);
const ALIASES = new Map([['swish', 'silu'], ['hard_swish', 'hard_silu']]);

/** The names `get` accepts. */
export const activationNames = (): string[] => [...TABLE.keys(), ...ALIASES.keys()];

/** Resolves an activation identifier as Keras does; null/undefined is linear. */
export function get(identifier: string | Activation | null | undefined): Activation {
  if (identifier === null || identifier === undefined) return linear;
  if (typeof identifier === 'function') return identifier;
  const fn = typeof identifier === 'string' ? TABLE.get(ALIASES.get(identifier) ?? identifier) : undefined;
  if (!fn) throw new ValueError(`Could not interpret activation function identifier: ${String(identifier)}`);
  return fn;
}

/** The Keras id of an activation (`'relu'`), or the function's own name for custom ones. */
export function serialize(activation: Activation): string {
  return activation.activationName ?? activation.name;
}
