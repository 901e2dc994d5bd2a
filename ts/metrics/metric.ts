/**
 * The base of stateful metrics, as `keras.metrics.Metric`: state variables that live in
 * WebAssembly memory, updated batch by batch with ops (`updateState`), read as a scalar
 * (`result`), and zeroed (`resetState`).
 */
import { type KerasArgs, type Signature, kerasClassName, signature } from '../arguments/signature.js';
import { standardizeDtype } from '../arguments/dtype.js';
import { Variable } from '../engine/variable.js';
import { tensor } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { toSnakeCase, uniqueName } from '../utils/naming.js';
import { pythonStr } from '../utils/python_repr.js';

/** Options every metric takes. */
export interface MetricArgs {
  /** The metric's name, used as its History key. Default: each metric's Keras name; for a `Metric` subclass of your own, its snake_case class name. */
  name?: string | null;
  /** The dtype of the state: null (Keras's `floatx()`) or `'float32'`, the one kerasm keeps metrics in. */
  dtype?: DType | null;
}

const metricSignature = signature<MetricArgs>()({ dtype: null, name: null });

/** The signature of a metric that takes only Keras's `(name, dtype)`, named `defaultName` by default. */
export function nameDtypeSignature(defaultName: string | null) {
  return signature<MetricArgs>()({ name: defaultName, dtype: null });
}

/** The arguments of such a metric: `()`, `('acc')`, `({ name: 'acc' })`. */
export type NameDtypeArgs = KerasArgs<[name: string | null, dtype: DType | null], MetricArgs>;

/**
 * A stateful metric. Subclasses create state with `addVariable` and implement the three methods;
 * a subclass of your own passes its options on: `super({ name: 'my_metric' })`.
 */
export abstract class Metric {
  static className = 'Metric';
  /** Keras's `Metric.__init__(dtype, name)`; typed as any signature, so that each metric declares its own. */
  static readonly signature: Signature<object> = metricSignature;
  /**
   * The dtypes a metric's state may be declared with (its variables are float32 in any case): float32;
   * the IoU metrics also take Keras's int32, under which their sample weights are truncated to integers.
   */
  static readonly stateDtypes: readonly DType[] = ['float32'];
  /** The name shown in logs and History (`accuracy`, `val_accuracy`, …). */
  name: string;
  readonly dtype: DType;
  private readonly stateVariables: Variable[] = [];

  constructor(...args: KerasArgs<[dtype: DType | null, name: string | null], MetricArgs>) {
    const a = metricSignature.resolve(args, new.target);
    this.name = a.name || uniqueName(toSnakeCase(kerasClassName(new.target)));
    this.dtype = standardizeDtype(a.dtype);
    const { stateDtypes } = new.target as typeof Metric;
    if (!stateDtypes.includes(this.dtype)) throw new ValueError(`${kerasClassName(new.target)}: kerasm keeps metrics in ${stateDtypes.join(' or ')}. Received: dtype=${pythonStr(a.dtype)}`);
  }

  /** Accumulates a batch into the state (inside WebAssembly; nothing is read back). */
  abstract updateState(...args: (Tensor | number | undefined)[]): void;

  /** The metric's current value as a tensor: a scalar, or one value per class (`F1Score` without `average`). */
  abstract result(): Tensor;

  /**
   * The current value, read back as a number (a result of one value, whatever its shape). A result
   * of several values (`F1Score` without `average`, `R2Score` without `classAggregation`) is refused
   * here instead of giving its first value: read it with `logValue()`, or `result()` as a tensor.
   */
  resultValue(): number {
    const value = this.logValue();
    if (typeof value === 'number') return value;
    if (value.length !== 1) {
      throw new ValueError(
        `${kerasClassName(this.constructor as typeof Metric)} '${this.name}' has a result of ${value.length} values, not one number: read it with logValue() or result(), or make it one value (as F1Score's average: 'macro' does).`,
      );
    }
    return value[0]!;
  }

  /**
   * The current value as the logs hold it (the only download a metric makes): a number, or the
   * result's values as an array when it has a shape, as Keras logs a metric's array.
   */
  logValue(): number | number[] {
    return tidy(() => {
      const result = this.result();
      const values = result.dataSync();
      return result.shape.length === 0 ? values[0]! : Array.from(values);
    });
  }

  /** Zeroes every state variable. */
  resetState(): void {
    for (const v of this.stateVariables) v.assign(tensor(new Float32Array(v.value.size), v.shape));
  }

  /** The state variables. */
  get variables(): readonly Variable[] {
    return this.stateVariables;
  }

  /** Keras's config keys: `name` and `dtype`, then the metric's own. */
  getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: this.dtype };
  }

  /** Frees the state. */
  dispose(): void {
    for (const v of this.stateVariables) v.dispose();
  }

  /** A zero-initialised float32 state variable. */
  protected addVariable(name: string, shape: number[] = []): Variable {
    const size = shape.reduce((a, b) => a * b, 1);
    const v = new Variable({ name, path: `${this.name}/${name}`, value: tensor(new Float32Array(size), shape), trainable: false });
    this.stateVariables.push(v);
    return v;
  }
}
