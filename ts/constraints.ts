/**
 * Weight constraints, as `keras.constraints`: projections that the optimizer applies to a weight
 * after each update (`kernelConstraint`, `biasConstraint`). Each is composed from ops. Class
 * names, string ids, defaults and configs are Keras 3's; `RadialConstraint` is tf.keras 2's.
 *
 * @example
 * new layers.Dense(8, { kernelConstraint: constraints.maxNorm(3) });
 * new layers.Dense(8, { kernelConstraint: new constraints.MinMaxNorm({ minValue: 0.5, maxValue: 2 }) });
 * new layers.Dense(8, { kernelConstraint: 'non_neg' });
 */
import { type KerasArgs, type Signature, signature } from './arguments/signature.js';
import * as ops from './ops/index.js';
import { type Tensor, formatShape } from './tensor/tensor.js';
import { ValueError } from './utils/errors.js';
import { toCamelCase, toSnakeCase } from './utils/naming.js';

/** Keras's `backend.epsilon()`, which keeps the norm divisions finite. */
const EPSILON = 1e-7;

/** What a weight's constraint must do (any object with these two methods serves): a projection applied after each optimizer update. */
export interface ConstraintLike {
  /** The projected weight. */
  call(w: Tensor): Tensor;
  /** The arguments, with Keras's snake_case keys. */
  getConfig(): Record<string, unknown>;
}

/** Keras's `Constraint()`, `NonNeg()` and tf.keras's `RadialConstraint()` take no arguments. */
type NoArgs = Record<string, never>;

/** The base class of constraints, as `keras.constraints.Constraint`: `call(w)` returns the projected weight. */
export abstract class Constraint implements ConstraintLike {
  static className = 'Constraint';
  /** Keras's `Constraint()` takes no arguments; each subclass declares its own. */
  static readonly signature: Signature<object> = signature<object>()({});
  /** The projected weight (a new tensor of the same shape). */
  abstract call(w: Tensor): Tensor;
  /** The constructor arguments, with Keras's snake_case keys. */
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** An axis or axes along which a norm is taken. */
export type NormAxis = number | number[];

function norms(w: Tensor, axis: NormAxis): Tensor {
  return ops.sqrt(ops.sum(ops.square(w), axis, true));
}

/** Options of `MaxNorm`. */
export interface MaxNormArgs {
  /** The largest norm allowed. Default 2. */
  maxValue?: number;
  /**
   * Axis (or axes) along which norms are taken. Default 0: for a Dense kernel `(inputDim, units)`,
   * each unit's incoming weight vector; for a Conv2D kernel use `[0, 1, 2]`.
   */
  axis?: NormAxis;
}

/** Rescales each weight vector whose norm exceeds `maxValue` to norm `maxValue`, as `keras.constraints.MaxNorm`. */
export class MaxNorm extends Constraint {
  static override className = 'MaxNorm';
  static override readonly signature = signature<MaxNormArgs>()({ maxValue: 2, axis: 0 });
  readonly maxValue: number;
  readonly axis: NormAxis;
  /** `new MaxNorm(2)`, `new MaxNorm(3, [0, 1, 2])` or `new MaxNorm({ maxValue: 3, axis: [0, 1, 2] })`. */
  constructor(...args: KerasArgs<[maxValue: number, axis: NormAxis], MaxNormArgs>) {
    super();
    const a = MaxNorm.signature.resolve(args, new.target);
    this.maxValue = a.maxValue;
    this.axis = a.axis;
  }
  call(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    const desired = ops.clip(n, 0, this.maxValue);
    return ops.multiply(w, ops.divide(desired, ops.add(n, EPSILON)));
  }
  override getConfig() {
    return { max_value: this.maxValue, axis: this.axis };
  }
}

/** Clips weights at zero from below, `max(w, 0)`, as `keras.constraints.NonNeg`. */
export class NonNeg extends Constraint {
  static override className = 'NonNeg';
  constructor(...args: KerasArgs<[], NoArgs>) {
    super();
    NonNeg.signature.resolve(args, new.target);
  }
  call(w: Tensor): Tensor {
    return ops.maximum(w, 0);
  }
}

/** Options of `UnitNorm`. */
export interface UnitNormArgs {
  /** Axis (or axes) along which norms are taken, as in `MaxNorm`. Default 0. */
  axis?: NormAxis;
}

/** Divides each weight vector by its norm (plus epsilon), as `keras.constraints.UnitNorm`. */
export class UnitNorm extends Constraint {
  static override className = 'UnitNorm';
  static override readonly signature = signature<UnitNormArgs>()({ axis: 0 });
  readonly axis: NormAxis;
  /** `new UnitNorm(1)` or `new UnitNorm({ axis: 1 })`. */
  constructor(...args: KerasArgs<[axis: NormAxis], UnitNormArgs>) {
    super();
    this.axis = UnitNorm.signature.resolve(args, new.target).axis;
  }
  call(w: Tensor): Tensor {
    return ops.divide(w, ops.add(norms(w, this.axis), EPSILON));
  }
  override getConfig() {
    return { axis: this.axis };
  }
}

/** Options of `MinMaxNorm`. */
export interface MinMaxNormArgs {
  /** The smallest norm allowed. Default 0. */
  minValue?: number;
  /** The largest norm allowed. Default 1. */
  maxValue?: number;
  /**
   * How far to move towards the interval each step: norms become
   * `rate * clip(norm, min, max) + (1 - rate) * norm`. Default 1 (strict).
   */
  rate?: number;
  /** Axis (or axes) along which norms are taken, as in `MaxNorm`. Default 0. */
  axis?: NormAxis;
}

/** Rescales each weight vector so that its norm lies in `[minValue, maxValue]` (at `rate`), as `keras.constraints.MinMaxNorm`. */
export class MinMaxNorm extends Constraint {
  static override className = 'MinMaxNorm';
  static override readonly signature = signature<MinMaxNormArgs>()({ minValue: 0, maxValue: 1, rate: 1, axis: 0 });
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: NormAxis;
  /** `new MinMaxNorm(0.5, 2)` or `new MinMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.5 })`. */
  constructor(...args: KerasArgs<[minValue: number, maxValue: number, rate: number, axis: NormAxis], MinMaxNormArgs>) {
    super();
    const a = MinMaxNorm.signature.resolve(args, new.target);
    this.minValue = a.minValue;
    this.maxValue = a.maxValue;
    this.rate = a.rate;
    this.axis = a.axis;
  }
  call(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    const desired = ops.add(ops.multiply(ops.clip(n, this.minValue, this.maxValue), this.rate), ops.multiply(n, 1 - this.rate));
    return ops.multiply(w, ops.divide(desired, ops.add(n, EPSILON)));
  }
  override getConfig() {
    return { min_value: this.minValue, max_value: this.maxValue, rate: this.rate, axis: this.axis };
  }
}

/**
 * Makes each 2-D kernel slice of a rank-4 `(rows, cols, inputDepth, outputDepth)` weight the same
 * on every ring around its centre, as tf.keras 2's `RadialConstraint` computes it: an odd size
 * `2s+1` takes the centre from `k[s-1, s-1]` and ring `d` from `k[s+d-1, s+d-1]`; an even size
 * `2s` takes the inner 2x2 block from `k[s-1, s-1]` and ring `d` from `k[s+d, s+d]` (so a 4x4
 * kernel becomes `v11` inside and `v33` outside; tf.keras's docstring shows the reverse, but its
 * code, which is what trained models used, does this).
 */
export class RadialConstraint extends Constraint {
  static override className = 'RadialConstraint';
  constructor(...args: KerasArgs<[], NoArgs>) {
    super();
    RadialConstraint.signature.resolve(args, new.target);
  }
  call(w: Tensor): Tensor {
    if (w.shape.length !== 4) {
      throw new ValueError(`The weight tensor must have rank 4. Received weight tensor with shape: ${formatShape(w.shape)}`);
    }
    const [height, width, channels, kernels] = w.shape as [number, number, number, number];
    if (height !== width || height < 2) {
      throw new ValueError(`RadialConstraint needs square kernels of size 2 or more. Received weight tensor with shape: ${formatShape(w.shape)}`);
    }
    const flat = ops.reshape(w, [height * width, channels * kernels]);
    const picked = ops.take(flat, radialSources(height), 0);
    return ops.reshape(picked, [height, width, channels, kernels]);
  }
}

/** For each position of an n x n kernel, the flat index of the diagonal entry it copies. */
function radialSources(n: number): number[] {
  const s = Math.floor(n / 2);
  const odd = n % 2 === 1;
  const ring = (i: number) => (odd ? Math.abs(i - s) : i < s ? s - 1 - i : i - s);
  const sources: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const d = Math.max(ring(r), ring(c));
      const k = d === 0 ? s - 1 : odd ? s + d - 1 : s + d;
      sources.push(k * n + k);
    }
  }
  return sources;
}

// Keras's snake_case names (`keras.constraints.max_norm`, …) are the classes themselves; these
// build them without `new`, with the same arguments.
/** `maxNorm(2)` ≡ `new MaxNorm(2)`, as `keras.constraints.max_norm`. */
export const maxNorm = (...args: KerasArgs<[maxValue: number, axis: NormAxis], MaxNormArgs>): MaxNorm => new MaxNorm(...args);
/** `minMaxNorm(0.5, 2)` ≡ `new MinMaxNorm(0.5, 2)`, as `keras.constraints.min_max_norm`. */
export const minMaxNorm = (...args: KerasArgs<[minValue: number, maxValue: number, rate: number, axis: NormAxis], MinMaxNormArgs>): MinMaxNorm =>
  new MinMaxNorm(...args);
/** `nonNeg()` ≡ `new NonNeg()`, as `keras.constraints.non_neg`. */
export const nonNeg = (...args: KerasArgs<[], NoArgs>): NonNeg => new NonNeg(...args);
/** `unitNorm(1)` ≡ `new UnitNorm(1)`, as `keras.constraints.unit_norm`. */
export const unitNorm = (...args: KerasArgs<[axis: NormAxis], UnitNormArgs>): UnitNorm => new UnitNorm(...args);

type ConstraintClass = (new (options: Record<string, unknown>) => Constraint) & { className: string };
const CLASSES = [MaxNorm, NonNeg, UnitNorm, MinMaxNorm, RadialConstraint] as unknown as ConstraintClass[];
/** Keras looks classes up by name and by `to_snake_case(name)`: `'MaxNorm'`, `'max_norm'`. */
const BY_NAME = new Map<string, ConstraintClass>();
for (const cls of CLASSES) {
  BY_NAME.set(cls.className, cls);
  BY_NAME.set(toSnakeCase(cls.className), cls);
}

/** What `get` accepts: an id, an instance, a Keras config object, or null. */
export type ConstraintIdentifier = string | ConstraintLike | { class_name: string; config?: Record<string, unknown> } | null | undefined;

/** Resolves `'max_norm'`, `'NonNeg'`, an instance, or a Keras config object; null gives null. */
export function get(identifier: ConstraintIdentifier): ConstraintLike | null {
  if (identifier === null || identifier === undefined) return null;
  if (typeof identifier === 'object' && 'call' in identifier && typeof identifier.call === 'function') return identifier as ConstraintLike;
  const name = typeof identifier === 'string' ? identifier : (identifier as { class_name?: unknown })?.class_name;
  const cls = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  if (!cls) throw new ValueError(`Could not interpret constraint identifier: ${typeof identifier === 'string' ? identifier : JSON.stringify(identifier)}`);
  const config = typeof identifier === 'string' ? {} : (identifier as { config?: Record<string, unknown> }).config ?? {};
  // Keras's `from_config` is `cls(**config)`: the config's keys are the options, in camelCase.
  return new cls(Object.fromEntries(Object.entries(config).map(([key, value]) => [toCamelCase(key), value])));
}

/** Keras's serialized form `{ module, class_name, config, registered_name }`, or null for none. */
export function serialize(constraint: ConstraintLike | null | undefined) {
  if (constraint === null || constraint === undefined) return null;
  const cls = constraint.constructor as { className?: string; name: string };
  const className = cls.className ?? cls.name;
  const builtIn = BY_NAME.get(className) === (cls as unknown);
  return { module: builtIn ? 'keras.constraints' : null, class_name: className, config: constraint.getConfig(), registered_name: builtIn ? null : className };
}
