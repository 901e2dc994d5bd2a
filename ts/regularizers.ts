/**
 * Weight and activity regularizers, as `keras.regularizers`: penalties that layers add to the
 * training loss (`kernelRegularizer`, `biasRegularizer`, `activityRegularizer`). Each computes a
 * scalar tensor from ops, so the penalty's gradient reaches the weights. Class names, string ids,
 * defaults, configs and argument errors are Keras 3's.
 *
 * @example
 * new layers.Dense(8, { kernelRegularizer: 'l2' });                 // L2(0.01)
 * new layers.Dense(8, { kernelRegularizer: new regularizers.L1L2({ l1: 1e-5, l2: 1e-4 }) });
 */
import * as ops from './ops/index.js';
import { scalar, tensor } from './tensor/create.js';
import { type Tensor, formatShape } from './tensor/tensor.js';
import { ValueError } from './utils/errors.js';

/** The base class of regularizers: `call(x)` returns the scalar penalty for tensor `x`. */
/** What a weight's regularizer must do (any object with these two methods serves): a loss term computed from the weight. */
export interface RegularizerLike {
  /** The penalty for weight `x`, a scalar tensor. */
  call(x: Tensor): Tensor;
  /** The arguments, with Keras's snake_case keys. */
  getConfig(): Record<string, unknown>;
}

export abstract class Regularizer implements RegularizerLike {
  static className = 'Regularizer';
  /** The penalty for `x`, a scalar tensor. */
  abstract call(x: Tensor): Tensor;
  /** The constructor arguments, with Keras's snake_case keys. */
  abstract getConfig(): Record<string, unknown>;
}

/** Keras's `validate_float_arg`: a finite, non-negative number. */
function validateFloatArg(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    // Keras's message, including its missing space after "float.".
    throw new ValueError(`Invalid value for argument ${name}: expected a non-negative float.Received: ${name}=${String(value)}`);
  }
  return value;
}

/** `l1 * sum(abs(x))`; `l1` defaults to 0.01. */
export class L1 extends Regularizer {
  static override className = 'L1';
  /** The L1 factor. */
  readonly l1: number;
  /** `new L1(0.001)` or `new L1({ l1: 0.001 })`. */
  constructor(l1: number | { l1?: number | null } | null = {}) {
    super();
    const value = typeof l1 === 'object' && l1 !== null ? l1.l1 : l1;
    this.l1 = validateFloatArg(value ?? 0.01, 'l1');
  }
  call(x: Tensor): Tensor {
    return ops.multiply(ops.sum(ops.abs(x)), this.l1);
  }
  getConfig() {
    return { l1: this.l1 };
  }
}

/** `l2 * sum(square(x))`; `l2` defaults to 0.01. */
export class L2 extends Regularizer {
  static override className = 'L2';
  /** The L2 factor. */
  readonly l2: number;
  /** `new L2(0.001)` or `new L2({ l2: 0.001 })`. */
  constructor(l2: number | { l2?: number | null } | null = {}) {
    super();
    const value = typeof l2 === 'object' && l2 !== null ? l2.l2 : l2;
    this.l2 = validateFloatArg(value ?? 0.01, 'l2');
  }
  call(x: Tensor): Tensor {
    return ops.multiply(ops.sum(ops.square(x)), this.l2);
  }
  getConfig() {
    return { l2: this.l2 };
  }
}

/** Options of `L1L2`. */
export interface L1L2Args {
  /** The L1 factor. Default 0 (as Keras's class; the string id `'l1_l2'` uses 0.01). */
  l1?: number | null;
  /** The L2 factor. Default 0 (as Keras's class; the string id `'l1_l2'` uses 0.01). */
  l2?: number | null;
}

/** `l1 * sum(abs(x)) + l2 * sum(square(x))`; a zero factor adds no term. */
export class L1L2 extends Regularizer {
  static override className = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(args: L1L2Args = {}) {
    super();
    this.l1 = validateFloatArg(args.l1 ?? 0, 'l1');
    this.l2 = validateFloatArg(args.l2 ?? 0, 'l2');
  }
  call(x: Tensor): Tensor {
    let penalty: Tensor = scalar(0);
    if (this.l1) penalty = ops.add(penalty, ops.multiply(ops.sum(ops.abs(x)), this.l1));
    if (this.l2) penalty = ops.add(penalty, ops.multiply(ops.sum(ops.square(x)), this.l2));
    return penalty;
  }
  getConfig() {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** Options of `OrthogonalRegularizer`. */
export interface OrthogonalRegularizerArgs {
  /** The regularization factor. Default 0.01. */
  factor?: number;
  /** Whether the rows (`'rows'`, default) or the columns (`'columns'`) should be orthogonal. */
  mode?: 'rows' | 'columns';
}

/**
 * Encourages the rows (or columns) of a rank-2 weight to be orthogonal: `factor * 0.5 * mean over
 * pairs of |<u_i, u_j>|`, where the u are the L2-normalised rows (columns), i.e.
 * `factor * 0.5 * sum(|P - diag(P)|) / (n (n - 1) / 2)` with `P` their Gram matrix.
 */
export class OrthogonalRegularizer extends Regularizer {
  static override className = 'OrthogonalRegularizer';
  readonly factor: number;
  readonly mode: 'rows' | 'columns';
  constructor(args: OrthogonalRegularizerArgs = {}) {
    super();
    this.factor = validateFloatArg(args.factor ?? 0.01, 'factor');
    const mode = args.mode ?? 'rows';
    if (mode !== 'rows' && mode !== 'columns') {
      throw new ValueError(`Invalid value for argument \`mode\`. Expected one of {"rows", "columns"}. Received: mode=${String(mode)}`);
    }
    this.mode = mode;
  }
  call(x: Tensor): Tensor {
    if (x.shape.length !== 2) {
      throw new ValueError(`Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=${formatShape(x.shape)}`);
    }
    const rows = this.mode === 'rows';
    const unit = l2Normalize(x, rows ? 1 : 0);
    const product = rows ? ops.matmul(unit, ops.transpose(unit)) : ops.matmul(ops.transpose(unit), unit);
    const size = product.shape[0]!;
    const offDiagonal = new Float32Array(size * size).fill(1);
    for (let i = 0; i < size; i++) offDiagonal[i * size + i] = 0;
    const sumOffDiagonal = ops.sum(ops.abs(ops.multiply(product, tensor(offDiagonal, [size, size]))));
    const numPairs = (size * (size - 1)) / 2;
    // Keras divides by num_pairs too, so a single row gives 0 / 0 (NaN) there as here.
    return ops.divide(ops.multiply(sumOffDiagonal, this.factor * 0.5), numPairs);
  }
  getConfig() {
    return { factor: this.factor, mode: this.mode };
  }
}

/** Keras's `ops.normalize(x, axis, order=2)`: `x / max(||x||, 1e-7)` along `axis`. */
function l2Normalize(x: Tensor, axis: number): Tensor {
  // sqrt(max(s, eps^2)) equals max(sqrt(s), eps) and keeps the gradient finite for zero rows.
  return ops.divide(x, ops.sqrt(ops.maximum(ops.sum(ops.square(x), axis, true), 1e-14)));
}

/** `new L1(l1)`, as `keras.regularizers.l1`. */
export const l1 = (value = 0.01): L1 => new L1(value);
/** `new L2(l2)`, as `keras.regularizers.l2`. */
export const l2 = (value = 0.01): L2 => new L2(value);
/** `new L1L2({ l1, l2 })`, as `keras.regularizers.l1_l2`; both factors default to 0.01 here. */
export const l1L2 = (args: L1L2Args = {}): L1L2 => new L1L2({ l1: args.l1 ?? 0.01, l2: args.l2 ?? 0.01 });
/** `new OrthogonalRegularizer(args)`, as `keras.regularizers.orthogonal_regularizer`. */
export const orthogonalRegularizer = (args: OrthogonalRegularizerArgs = {}): OrthogonalRegularizer => new OrthogonalRegularizer(args);

type RegularizerClass = (new (args?: never) => Regularizer) & { className: string };

const BY_NAME = new Map<string, () => Regularizer>();
for (const cls of [L1, L2, L1L2, OrthogonalRegularizer] as unknown as RegularizerClass[]) {
  // Keras 3 looks classes up by name and by to_snake_case(name): 'L1L2' gives 'l1l2'.
  BY_NAME.set(cls.className, () => new cls());
}
BY_NAME.set('l1', () => new L1());
BY_NAME.set('l2', () => new L2());
BY_NAME.set('l1l2', () => new L1L2());
BY_NAME.set('orthogonal_regularizer', () => new OrthogonalRegularizer());
// The id Keras documents for L1L2 ("the default values used are l1=0.01 and l2=0.01").
BY_NAME.set('l1_l2', () => l1L2());

const CONFIG_CLASSES = new Map<string, (config: Record<string, unknown>) => Regularizer>([
  ['L1', (c) => new L1(c as { l1?: number })],
  ['L2', (c) => new L2(c as { l2?: number })],
  ['L1L2', (c) => new L1L2(c as L1L2Args)],
  ['OrthogonalRegularizer', (c) => new OrthogonalRegularizer(c as OrthogonalRegularizerArgs)],
]);

/** A regularizer given as a plain function of the weight, as Keras accepts. */
export type RegularizerFunction = (x: Tensor) => Tensor;

/** What `get` accepts: an id, an instance, a Keras config object, a function, or null. */
export type RegularizerIdentifier =
  | string
  | RegularizerLike
  | RegularizerFunction
  | { class_name: string; config?: Record<string, unknown> }
  | null
  | undefined;

/**
 * Resolves `'l2'`, `'L1L2'`, an instance, a function (wrapped so that it can be called as a
 * regularizer), or a Keras config `{ class_name, config }`; null and undefined give null.
 */
export function get(identifier: RegularizerIdentifier): RegularizerLike | null {
  if (identifier === null || identifier === undefined) return null;
  if (typeof identifier === 'function') return new FunctionRegularizer(identifier);
  if (typeof identifier === 'string') {
    const make = BY_NAME.get(identifier);
    if (make) return make();
  } else if (typeof identifier === 'object') {
    if ('call' in identifier && typeof identifier.call === 'function') return identifier as RegularizerLike;
    const name = (identifier as { class_name?: unknown }).class_name;
    const make = typeof name === 'string' ? CONFIG_CLASSES.get(name) : undefined;
    if (make) return make((identifier as { config?: Record<string, unknown> }).config ?? {});
  }
  throw new ValueError(`Could not interpret regularizer identifier: ${typeof identifier === 'string' ? identifier : JSON.stringify(identifier)}`);
}

/** Keras's serialized form `{ module, class_name, config, registered_name }`, or null for none. */
export function serialize(regularizer: RegularizerLike | null | undefined) {
  if (regularizer === null || regularizer === undefined) return null;
  if (regularizer instanceof FunctionRegularizer) {
    const name = regularizer.fn.name || 'function';
    return { module: null, class_name: 'function', config: name, registered_name: name };
  }
  const cls = regularizer.constructor as { className?: string; name: string };
  const builtIn = regularizer instanceof Regularizer && CONFIG_CLASSES.has(cls.className ?? '');
  const className = cls.className ?? cls.name;
  return {
    module: builtIn ? 'keras.regularizers' : null,
    class_name: className,
    config: regularizer.getConfig(),
    registered_name: builtIn ? null : className,
  };
}

/** Wraps a plain function `(x) => penalty` as a regularizer. */
class FunctionRegularizer implements RegularizerLike {
  constructor(readonly fn: RegularizerFunction) {}
  call(x: Tensor): Tensor {
    return this.fn(x);
  }
  getConfig() {
    return {};
  }
}
