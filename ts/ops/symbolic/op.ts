/**
 * The `ops` functions as graph operations, as Keras 3 does it: given a KerasTensor anywhere in
 * its arguments, an op computes nothing; it infers its output's shape and dtype by arithmetic,
 * returns a KerasTensor (one per output for ops of several, such as `split` and `topK`), and
 * records a node whose operation is an instance of the op's class
 * (`Add`, `NotEqual`, … with Keras's class names and modules, so that configs are Keras's).
 * Given only concrete tensors, it runs its kernel. `defineOp` makes one such class per op from a
 * short definition: Keras's name, module and constructor parameters (the config), the
 * computation, and the shape rule.
 */
import { type Signature, signature } from '../../arguments/signature.js';
import { call } from '../../runtime/binding.js';
import { wrap } from '../../tensor/create.js';
import { keep } from '../../tensor/scope.js';
import { Tensor } from '../../tensor/tensor.js';
import { toCamelCase, toSnakeCase, uniqueName } from '../../utils/naming.js';
import { KerasTensor, holdsKerasTensor } from './keras_tensor.js';
import { Node, isRecording } from './node.js';
import { Operation } from './operation.js';
import type { Specs, Symbolic, TensorSpec } from './spec.js';

/** What an op class needs of its config's signature: the parameters' order, and resolving a config. */
type ConfigSignature = Pick<Signature<object>, 'positional' | 'resolve'>;

/** The Keras modules that hold the op classes kerasm mirrors. */
export type OpModule = 'keras.src.ops.numpy' | 'keras.src.ops.nn' | 'keras.src.ops.core' | 'keras.src.ops.math' | 'keras.src.ops.image';

/** What `defineOp` needs to know of an op: `A` its positional arguments, `K` its keyword ones, `C` its config. */
export interface OpDefinition<A extends readonly unknown[], K extends object, C extends object> {
  /** Keras's class name, e.g. 'NotEqual'. */
  className: string;
  /** Keras's module, e.g. 'keras.src.ops.numpy'. */
  module: OpModule;
  /** Keras's constructor parameters other than `name`, in order, with Keras's defaults (the op's config). */
  config?: ConfigSignature;
  /** The computation on concrete tensors: one output, or several (`split`, `topK`). */
  compute(args: A, kwargs: K, config: C): Tensor | Tensor[];
  /** The output's shape and dtype (one per output), from those of the arguments (Keras's `compute_output_spec`). */
  outputSpec(args: Specs<A>, kwargs: Specs<K>, config: C): TensorSpec | TensorSpec[];
}

/** A KerasTensor when any argument is one, else a Tensor: what an op returns for arguments of type `T`. */
export type OpResult<T> = true extends HoldsKerasTensor<T> ? KerasTensor : Tensor;
type HoldsKerasTensor<T> = T extends KerasTensor ? true : T extends readonly (infer E)[] ? HoldsKerasTensor<E> : false;

/** An op's class, as `defineOp` makes it. */
export interface OpClass<A extends readonly unknown[] = readonly unknown[], K extends object = object, C extends object = object> {
  readonly className: string;
  readonly module: OpModule;
  readonly signature: ConfigSignature;
  new (config: C, name?: string | null): Op;
  /** Runs the op on concrete arguments, or records it on symbolic ones (a KerasTensor among the positional ones makes the result one). */
  invoke<S extends Symbolic<A>>(config: C, args: S, kwargs?: Symbolic<K>): OpResult<S[number]>;
  /** The op rebuilt from its Keras config (`{ name, ...constructor arguments }`). */
  fromConfig(config: Record<string, unknown>): Op;
}

/** An instance of an op's class: one recorded call, with its config. */
export abstract class Op extends Operation {
  static readonly className: string = 'Op';
  static readonly module: OpModule;
  readonly name: string;
  /** Copies of the concrete tensors the recorded call was given: constants of the graph, freed by `dispose`. */
  private readonly constants: Tensor[] = [];

  /** The constructor arguments (camelCase keys), as the class's signature resolved them. */
  readonly config: Record<string, unknown>;

  /** An unnamed op takes Keras's automatic name (`add`, `add_1`, …), except inside a trace, which records nothing. */
  constructor(config: object, name: string | null = null) {
    super();
    this.config = config as Record<string, unknown>;
    const base = toSnakeCase((this.constructor as typeof Op).className);
    this.name = name ?? (isRecording() ? uniqueName(base) : base);
  }

  /** The computation on concrete arguments (a node's arguments, once its inputs are known). */
  abstract compute(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): Tensor | Tensor[];

  /** The output's shape and dtype (one per output) for arguments whose tensors are specs (KerasTensors or Tensors). */
  abstract outputSpec(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): TensorSpec | TensorSpec[];

  /** Infers the output(s) and records the call as a node of the graph; concrete tensors become constants. */
  symbolicCall(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>> = {}): KerasTensor | KerasTensor[] {
    const spec = this.outputSpec(args, kwargs);
    const specs = Array.isArray(spec) ? spec : [spec];
    const outputs = specs.map((s, i) => new KerasTensor([...s.shape], s.dtype, Array.isArray(spec) ? `${this.name}_${i}` : this.name));
    if (!isRecording()) {
      new Node(this, args, kwargs, outputs);
    } else {
      const ownKwargs = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, this.ownConstants(v)]));
      new Node(this, args.map((v) => this.ownConstants(v)), ownKwargs, outputs);
    }
    return Array.isArray(spec) ? outputs : outputs[0]!;
  }

  /** Keras's config: the name, then the constructor arguments in Keras's order and spelling. */
  getConfig(): Record<string, unknown> {
    const cls = this.constructor as unknown as OpClass;
    const config: Record<string, unknown> = { name: this.name };
    for (const key of cls.signature.positional) config[toSnakeCase(key)] = this.config[key];
    return config;
  }

  dispose(): void {
    for (const t of this.constants) t.dispose();
  }

  /** An argument with each Tensor in it replaced by a copy that this op keeps (the caller may free its own). */
  private ownConstants(value: unknown): unknown {
    if (value instanceof Tensor) {
      const copy = keep(wrap('constant', call('constant', (w) => w.reshape(value.handle, Int32Array.from(value.shape)))));
      this.constants.push(copy);
      return copy;
    }
    return Array.isArray(value) ? value.map((v: unknown) => this.ownConstants(v)) : value;
  }
}

const NO_CONFIG = signature<object>()({});
const classes = new Map<string, OpClass>();

/** The class of `def`'s op, registered under its Keras module and name. */
export function defineOp<A extends readonly unknown[], K extends object = Record<string, never>, C extends object = Record<string, never>>(
  def: OpDefinition<A, K, C>,
): OpClass<A, K, C> {
  const configSignature = def.config ?? NO_CONFIG;
  const cls = class extends Op {
    static override readonly className = def.className;
    static override readonly module = def.module;
    static readonly signature = configSignature;

    compute(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): Tensor | Tensor[] {
      return def.compute(args as unknown as A, kwargs as K, this.config as C);
    }

    outputSpec(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): TensorSpec | TensorSpec[] {
      return def.outputSpec(args as unknown as Specs<A>, kwargs as Specs<K>, this.config as C);
    }

    static invoke(config: C, args: readonly unknown[], kwargs: object = {}): Tensor | Tensor[] | KerasTensor | KerasTensor[] {
      if (holdsKerasTensor(args) || holdsKerasTensor(kwargs)) return new cls(config, null).symbolicCall(args, kwargs as Record<string, unknown>);
      return def.compute(args as unknown as A, kwargs as K, config);
    }

    static fromConfig(config: Record<string, unknown>): Op {
      const { name, ...rest } = config;
      const options = Object.fromEntries(Object.entries(rest).map(([k, v]) => [toCamelCase(k), v]));
      return new cls(configSignature.resolve([options], cls) as C, typeof name === 'string' ? name : null);
    }
  };
  Object.defineProperty(cls, 'name', { value: def.className });
  const opClass = cls as unknown as OpClass<A, K, C>;
  classes.set(`${def.module}.${def.className}`, opClass as unknown as OpClass);
  return opClass;
}

/** The op class Keras saves as `module` + `className` (e.g. 'keras.src.ops.numpy' + 'NotEqual'), if kerasm has it. */
export function findOpClass(module: string | null, className: string): OpClass | undefined {
  return classes.get(`${module}.${className}`);
}
