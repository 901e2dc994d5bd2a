/**
 * Weight and activity regularizers, as `keras.regularizers`: penalties that layers add to the
 * training loss (`kernelRegularizer`, `biasRegularizer`, `activityRegularizer`). Each computes a
 * scalar tensor from ops, so the penalty's gradient reaches the weights. Class names, string ids,
 * defaults, configs and argument errors are Keras 3's.
 *
 * @example
 * new layers.Dense(8, { kernelRegularizer: 'l2' });                 // L2(0.01)
 * new layers.Dense(8, { kernelRegularizer: new regularizers.L1L2(1e-5, 1e-4) });
 * new layers.Dense(8, { kernelRegularizer: regularizers.l2(1e-4) });
 */
import { type KerasArgs, type Signature, signature } from './arguments/signature.js';
import * as ops from './ops/index.js';
import { scalar, tensor } from './tensor/create.js';
import { type Tensor, formatShape } from './tensor/tensor.js';
import { ValueError } from './utils/errors.js';
import { pythonStr } from './utils/python_repr.js';

/** What a weight's regularizer must do (any object with these two methods serves): a loss term computed from the weight. */
export interface RegularizerLike {
  /** The penalty for weight `x`, a scalar tensor. */
  call(x: Tensor): Tensor;
  /** The arguments, with Keras's snake_case keys. */
  getConfig(): Record<string, unknown>;
}

/** The base class of regularizers, as `keras.regularizers.Regularizer`: `call(x)` returns the scalar penalty for `x`. */
export abstract class Regularizer implements RegularizerLike {
  static className = 'Regularizer';
  /** Keras's `Regularizer()` takes no arguments; each subclass declares its own. */
  static readonly signature: Signature<object> = signature<object>()({});
  /** The penalty for `x`, a scalar tensor. */
  abstract call(x: Tensor): Tensor;
  /** The constructor arguments, with Keras's snake_case keys. */
  abstract getConfig(): Record<string, unknown>;
}

/** Keras's `validate_float_arg`: a finite, non-negative number. */
function validateFloatArg(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    // Keras's message, including its missing space after "float.".
    throw new ValueError(`Invalid value for argument ${name}: expected a non-negative float.Received: ${name}=${pythonStr(value)}`);
  }
  return value;
}

/** Options of `L1`. */
export interface L1Args {
  /** The L1 factor. Default 0.01 (null reads as the default, as in Keras). */
  l1?: number | null;
}

/** `l1 * sum(abs(x))`, as `keras.regularizers.L1`: `new L1(0.001)` or `new L1({ l1: 0.001 })`. */
export class L1 extends Regularizer {
  static override className = 'L1';
  static override readonly signature = signature<L1Args>()({ l1: 0.01 });
  /** The L1 factor, in float32 as Keras holds it (a tensor). */
  readonly l1: number;
  constructor(...args: KerasArgs<[l1: number | null], L1Args>) {
    super();
    const { l1 } = L1.signature.resolve(args, new.target);
    this.l1 = Math.fround(validateFloatArg(l1 ?? L1.signature.defaultOf('l1'), 'l1'));
  }
  call(x: Tensor): Tensor {
    return ops.multiply(ops.sum(ops.abs(x)), this.l1);
  }
  getConfig() {
    return { l1: this.l1 };
  }
}

/** Options of `L2`. */
export interface L2Args {
  /** The L2 factor. Default 0.01 (null reads as the default, as in Keras). */
  l2?: number | null;
}

/** `l2 * sum(square(x))`, as `keras.regularizers.L2`: `new L2(0.001)` or `new L2({ l2: 0.001 })`. */
export class L2 extends Regularizer {
  static override className = 'L2';
  static override readonly signature = signature<L2Args>()({ l2: 0.01 });
  /** The L2 factor. */
  readonly l2: number;
  constructor(...args: KerasArgs<[l2: number | null], L2Args>) {
    super();
    const { l2 } = L2.signature.resolve(args, new.target);
    this.l2 = validateFloatArg(l2 ?? L2.signature.defaultOf('l2'), 'l2');
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
  /** The L1 factor. Default 0 (the string id `'l1_l2'` uses 0.01). */
  l1?: number | null;
  /** The L2 factor. Default 0 (the string id `'l1_l2'` uses 0.01). */
  l2?: number | null;
}

/** `l1 * sum(abs(x)) + l2 * sum(square(x))`, as `keras.regularizers.L1L2`; a zero factor adds no term. */
export class L1L2 extends Regularizer {
  static override className = 'L1L2';
  static override readonly signature = signature<L1L2Args>()({ l1: 0, l2: 0 });
  readonly l1: number;
  readonly l2: number;
  /** `new L1L2(1e-5, 1e-4)` or `new L1L2({ l1: 1e-5, l2: 1e-4 })`. */
  constructor(...args: KerasArgs<[l1: number | null, l2: number | null], L1L2Args>) {
    super();
    const a = L1L2.signature.resolve(args, new.target);
    this.l1 = validateFloatArg(a.l1 ?? L1L2.signature.defaultOf('l1'), 'l1');
    this.l2 = validateFloatArg(a.l2 ?? L1L2.signature.defaultOf('l2'), 'l2');
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
 * Encourages the rows (or columns) of a rank-2 weight to be orthogonal, as
 * `keras.regularizers.OrthogonalRegularizer`: `factor * 0.5 * mean over pairs of |<u_i, u_j>|`,
 * where the u are the L2-normalised rows (columns), i.e.
 * `factor * 0.5 * sum(|P - diag(P)|) / (n (n - 1) / 2)` with `P` their Gram matrix.
 */
export class OrthogonalRegularizer extends Regularizer {
  static override className = 'OrthogonalRegularizer';
  static override readonly signature = signature<OrthogonalRegularizerArgs>()({ factor: 0.01, mode: 'rows' });
  /** The factor, in float32 as Keras holds it (a tensor). */
  readonly factor: number;
  readonly mode: 'rows' | 'columns';
  /** `new OrthogonalRegularizer(0.1, 'columns')` or `new OrthogonalRegularizer({ factor: 0.1, mode: 'columns' })`. */
  constructor(...args: KerasArgs<[factor: number, mode: 'rows' | 'columns'], OrthogonalRegularizerArgs>) {
    super();
    const a = OrthogonalRegularizer.signature.resolve(args, new.target);
    this.factor = Math.fround(validateFloatArg(a.factor, 'factor'));
    if (a.mode !== 'rows' && a.mode !== 'columns') {
      throw new ValueError(`Invalid value for argument \`mode\`. Expected one of {"rows", "columns"}. Received: mode=${pythonStr(a.mode)}`);
    }
    this.mode = a.mode;
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

// Keras's snake_case names (`keras.regularizers.l1`, `l1_l2`, …) are the classes themselves; these
// build them without `new`, with the same arguments.
/** `l1(0.001)` ≡ `new L1(0.001)`, as `keras.regularizers.l1`. */
export const l1 = (...args: KerasArgs<[l1: number | null], L1Args>): L1 => new L1(...args);
/** `l2(0.001)` ≡ `new L2(0.001)`, as `keras.regularizers.l2`. */
export const l2 = (...args: KerasArgs<[l2: number | null], L2Args>): L2 => new L2(...args);
/** `l1L2(1e-5, 1e-4)` ≡ `new L1L2(1e-5, 1e-4)`, as `keras.regularizers.l1_l2` (both factors default to 0, as the class). */
export const l1L2 = (...args: KerasArgs<[l1: number | null, l2: number | null], L1L2Args>): L1L2 => new L1L2(...args);
/** `orthogonalRegularizer(0.1)` ≡ `new OrthogonalRegularizer(0.1)`, as `keras.regularizers.orthogonal_regularizer`. */
export const orthogonalRegularizer = (...args: KerasArgs<[factor: number, mode: 'rows' | 'columns'], OrthogonalRegularizerArgs>): OrthogonalRegularizer =>
  new OrthogonalRegularizer(...args);

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
// The id Keras's L1L2 docstring documents ("the default values used are l1=0.01 and l2=0.01").
BY_NAME.set('l1_l2', () => new L1L2(0.01, 0.01));

/** Keras's `from_config` is `cls(**config)`: the config's keys are the options. */
const CONFIG_CLASSES = new Map<string, (config: Record<string, unknown>) => Regularizer>([
  ['L1', (c) => new L1(c)],
  ['L2', (c) => new L2(c)],
  ['L1L2', (c) => new L1L2(c)],
  ['OrthogonalRegularizer', (c) => new OrthogonalRegularizer(c)],
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
