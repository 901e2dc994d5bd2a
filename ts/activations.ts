/**
 * Activation functions by Keras's string ids, composed from ops (so autodiff covers them).
 * `get` resolves an id, a function or null (linear); `serialize` gives back the id.
 */
import * as ops from './ops/index.js';
import type { Tensor } from './tensor/tensor.js';
import { ValueError } from './utils/errors.js';

/** An activation: a function of one tensor that knows its Keras name. */
export type Activation = ((x: Tensor) => Tensor) & { activationName?: string };

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** `alpha * (exp(x) - 1)` where x < 0, else x. */
function eluWith(x: Tensor, alpha: number): Tensor {
  return ops.where(ops.greater(x, 0), x, ops.multiply(ops.subtract(ops.exp(ops.minimum(x, 0)), 1), alpha));
}

/** log(1 + exp(x)) computed as relu(x) + log(1 + exp(-|x|)), finite for any x. */
function softplus(x: Tensor): Tensor {
  return ops.add(ops.relu(x), ops.log(ops.add(ops.exp(ops.negative(ops.abs(x))), 1)));
}

const TABLE: Record<string, (x: Tensor) => Tensor> = {
  linear: (x) => x,
  relu: (x) => ops.relu(x),
  sigmoid: (x) => ops.sigmoid(x),
  tanh: (x) => ops.tanh(x),
  softmax: (x) => ops.softmax(x, -1),
  log_softmax: (x) => ops.logSoftmax(x, -1),
  exponential: (x) => ops.exp(x),
  softplus,
  softsign: (x) => ops.divide(x, ops.add(ops.abs(x), 1)),
  silu: (x) => ops.multiply(x, ops.sigmoid(x)),
  relu6: (x) => ops.minimum(ops.relu(x), 6),
  // Keras 3: relu6(x + 3) / 6.
  hard_sigmoid: (x) => ops.divide(ops.minimum(ops.relu(ops.add(x, 3)), 6), 6),
  elu: (x) => eluWith(x, 1),
  selu: (x) => ops.multiply(eluWith(x, SELU_ALPHA), SELU_SCALE),
  leaky_relu: (x) => ops.maximum(x, ops.multiply(x, 0.2)),
  mish: (x) => ops.multiply(x, ops.tanh(softplus(x))),
};
const ALIASES: Record<string, string> = { swish: 'silu' };

/** The names `get` accepts. */
export const activationNames = (): string[] => [...Object.keys(TABLE), ...Object.keys(ALIASES)];

const resolved = new Map<string, Activation>();

/** Resolves an activation identifier as Keras does; null/undefined is linear. */
export function get(identifier: string | Activation | null | undefined): Activation {
  if (identifier === null || identifier === undefined) return get('linear');
  if (typeof identifier === 'function') return identifier;
  const name = ALIASES[identifier] ?? identifier;
  const fn = TABLE[name];
  if (typeof identifier !== 'string' || !fn) {
    throw new ValueError(`Could not interpret activation function identifier: ${String(identifier)}`);
  }
  let activation = resolved.get(name);
  if (!activation) {
    activation = Object.assign((x: Tensor) => fn(x), { activationName: name });
    resolved.set(name, activation);
  }
  return activation;
}

/** The Keras id of an activation (`'relu'`), or the function's own name for custom ones. */
export function serialize(activation: Activation): string {
  return activation.activationName ?? activation.name;
}
