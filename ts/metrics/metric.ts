/**
 * The base of stateful metrics, as `keras.metrics.Metric`: state variables that live in
 * WebAssembly memory, updated batch by batch with ops (`updateState`), read as a scalar
 * (`result`), and zeroed (`resetState`).
 */
import { Variable } from '../engine/variable.js';
import { tensor } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';

/** Options every metric takes. */
export interface MetricArgs {
  /** The metric's name, used as its History key. Defaults to its snake_case Keras name. */
  name?: string;
}

/** A stateful metric. Subclasses create state with `addVariable` and implement the three methods. */
export abstract class Metric {
  /** The name shown in logs and History (`accuracy`, `val_accuracy`, …). */
  name: string;
  readonly dtype = 'float32';
  private readonly stateVariables: Variable[] = [];

  constructor(args: MetricArgs, defaultName: string) {
    this.name = args.name ?? defaultName;
  }

  /** Accumulates a batch into the state (inside WebAssembly; nothing is read back). */
  abstract updateState(...args: (Tensor | number | undefined)[]): void;

  /** The metric's current value as a scalar tensor. */
  abstract result(): Tensor;

  /** The current value, read back as a number (the only download a metric makes). */
  resultValue(): number {
    return tidy(() => this.result().dataSync()[0]!);
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
