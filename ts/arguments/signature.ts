/**
 * Keras's constructor signatures, so that every class takes its arguments as Keras's does:
 * positional arguments in Keras's order (`new UpSampling2D(3)`), an options object with the
 * camelCase keys (`new UpSampling2D({ size: 3 })`), or both (`new Dense(64, { activation: 'relu' })`);
 * Keras's defaults; and an error naming the class and the key for anything it does not take
 * (a JavaScript caller has no type checker to catch `{ kernel_size: 3 }` or `{ unit: 64 }`).
 *
 * A class declares its signature once, as a static `signature`, and resolves its raw
 * constructor arguments with it. `tests/signatures.test.ts` checks every declaration against
 * Keras's own `inspect.signature` and default `get_config()`.
 */
import { ValueError } from '../utils/errors.js';
import { toCamelCase, toSnakeCase } from '../utils/naming.js';
import { pythonRepr } from '../utils/python_repr.js';

/** The default of a parameter that Keras requires (it has none). */
export const REQUIRED: unique symbol = Symbol('required');

/**
 * The default of a Keras parameter that kerasm takes only at that default (Dense's `loraRank`,
 * for example): any other value is refused by name instead of being ignored.
 */
export class OnlyDefault<T> {
  constructor(readonly value: T) {}
}

/** `onlyDefault(null)`: see `OnlyDefault`. */
export function onlyDefault<T>(value: T): OnlyDefault<T> {
  return new OnlyDefault(value);
}

/** Each parameter's default: a value, `REQUIRED`, or `onlyDefault(value)`. */
export type ParamSpec<A> = { readonly [K in keyof A]?: A[K] | typeof REQUIRED | OnlyDefault<A[K]> };

/**
 * The arguments once resolved: every parameter that has a default (or is required) is present;
 * options outside the signature stay optional.
 */
export type Resolved<A, P> = { [K in keyof A & keyof P]-?: Exclude<A[K], undefined> } & { [K in Exclude<keyof A, keyof P>]?: A[K] };

/**
 * A constructor's argument list: the leading positional parameters `P` in Keras's order, any
 * prefix of them, each optionally followed by the options object `O`.
 */
export type KerasArgs<P extends unknown[], O> = P extends [...infer Init, unknown] ? [...P, O?] | KerasArgs<Init, O> : [O?];

/** A class that has a signature (its own `className` static, when it declares one, names it). */
export interface SignedClass {
  readonly name: string;
  readonly className?: string;
  readonly signature: Signature<object>;
}

export class Signature<A extends object, P extends ParamSpec<A> = ParamSpec<A>> {
  /** Keras's explicit positional-or-keyword parameters, in order. */
  readonly positional: readonly string[];

  /**
   * `params`: Keras's positional-or-keyword parameters in Keras's order, with defaults;
   * `keywords`: the keyword-only ones and those the base class takes as `**kwargs`.
   */
  constructor(readonly params: P, readonly keywords: ParamSpec<A> = {}) {
    this.positional = Object.keys(params);
  }

  /** The default of `name`, `REQUIRED`, or undefined when the signature has no such parameter. */
  defaultOf(name: string): unknown {
    const spec = { ...(this.keywords as Record<string, unknown>), ...(this.params as Record<string, unknown>) };
    const value = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    return value instanceof OnlyDefault ? value.value : value;
  }

  /** Whether the signature takes `name`. */
  accepts(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.params, name) || Object.prototype.hasOwnProperty.call(this.keywords, name);
  }

  /**
   * Resolves raw constructor arguments (`...args` of the constructor) for `cls` (the class
   * being built, `new.target`, which names it in errors): positional values in Keras's order,
   * then the options object, then the defaults.
   */
  resolve(args: readonly unknown[], cls: { readonly name: string; readonly className?: string }): Resolved<A, P> {
    const className = kerasClassName(cls);
    const last = args[args.length - 1];
    const options = isOptionsObject(last) ? last : {};
    const values = isOptionsObject(last) ? args.slice(0, -1) : args;
    if (values.length > this.positional.length) {
      throw new ValueError(`${className} takes at most ${this.positional.length} positional arguments (${this.positional.join(', ')}), but ${values.length} were given.`);
    }
    const resolved: Record<string, unknown> = {};
    values.forEach((value, i) => {
      const name = this.positional[i]!;
      if (options[name] !== undefined) throw new ValueError(`${className} got multiple values for argument '${name}'.`);
      if (value !== undefined) resolved[name] = value;
    });
    const unknown: [string, unknown][] = [];
    for (const [key, value] of Object.entries(options)) {
      if (value === undefined) continue;
      if (!this.accepts(key)) unknown.push([key, value]);
      else resolved[key] = value;
    }
    if (unknown.length > 0) throw new ValueError(unrecognized(className, unknown, this));
    this.fillDefaults(resolved, className);
    this.checkNumbers(resolved, className);
    return resolved as Resolved<A, P>;
  }

  /**
   * A parameter whose default is a number takes no string: `new LeakyReLU('0.1')` (a value read
   * from a form or a command line) is refused by name instead of failing later, or never.
   */
  private checkNumbers(resolved: Record<string, unknown>, className: string): void {
    for (const spec of [this.params, this.keywords] as Record<string, unknown>[]) {
      for (const [name, value] of Object.entries(spec)) {
        if (typeof value !== 'number' || typeof resolved[name] !== 'string') continue;
        const key = toSnakeCase(name);
        throw new ValueError(`${className}: \`${key}\` must be a number. Received: ${key}=${pythonRepr(resolved[name])} (of type str)`);
      }
    }
  }

  private fillDefaults(resolved: Record<string, unknown>, className: string): void {
    for (const spec of [this.params, this.keywords] as Record<string, unknown>[]) {
      for (const [name, value] of Object.entries(spec)) {
        if (value instanceof OnlyDefault) {
          if (name in resolved && !sameValue(resolved[name], value.value)) {
            throw new ValueError(`${className}: kerasm does not support the argument \`${toSnakeCase(name)}\` (${name}) other than at its default ${pythonRepr(value.value)}. Received: ${name}=${pythonRepr(resolved[name])}`);
          }
          if (!(name in resolved)) resolved[name] = copy(value.value);
        } else if (!(name in resolved)) {
          if (value === REQUIRED) throw new ValueError(`${className} missing required argument: '${name}'.`);
          resolved[name] = copy(value);
        }
      }
    }
  }
}

/** `signature<DenseArgs>()({ units: REQUIRED, activation: null, … }, keywords)`: typed by the options interface. */
export function signature<A extends object>() {
  return <const P extends ParamSpec<A>>(params: P, keywords: ParamSpec<A> = {}): Signature<A, P> => new Signature<A, P>(params, keywords);
}

/** The Keras name of a class: its own static `className`, else its JavaScript name (a user's subclass). */
export function kerasClassName(cls: { readonly name: string; readonly className?: string }): string {
  return Object.prototype.hasOwnProperty.call(cls, 'className') && cls.className ? cls.className : cls.name;
}

/** Whether `value` is an options object (a plain object), as opposed to a positional value. */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === Object.prototype || proto === null;
}

/** Keras's message, with the camelCase option suggested when a snake_case key was given. */
function unrecognized(className: string, unknown: [string, unknown][], signature: Signature<object>): string {
  const listed = unknown.map(([k, v]) => `'${k}': ${pythonRepr(v)}`).join(', ');
  const hints = unknown.map(([k]) => toCamelCase(k)).filter((k, i) => k !== unknown[i]![0] && signature.accepts(k));
  const hint = hints.length > 0 ? ` Options take camelCase keys: did you mean ${hints.map((h) => `'${h}'`).join(', ')}?` : '';
  return `Unrecognized keyword arguments passed to ${className}: {${listed}}.${hint}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Defaults are copied so that no instance shares (and mutates) another's array. */
function copy<T>(value: T): T {
  return Array.isArray(value) ? (structuredClone(value) as T) : value;
}
