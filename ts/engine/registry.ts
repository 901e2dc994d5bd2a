/**
 * The class registry behind `fromConfig`: Keras class names (and `registered_name`s of custom
 * classes) to constructors, plus Keras's serialized form `{ module, class_name, config,
 * registered_name }`. Config keys are Keras's snake_case; constructor options are camelCase, so
 * the generic `fromConfig` converts the keys (only the keys) and unwraps Keras's dtype policy.
 * The op classes of Functional graphs (`keras.src.ops.numpy.NotEqual`, …) are found by module and
 * name among those `ts/ops` defines, since a layer and an op may share a name (`Add`).
 */
import { Layer, type LayerConfig, classNameOf } from './layer.js';
import { registerFunction } from './function_registry.js';
import { Op, findOpClass } from '../ops/symbolic/op.js';
import type { Operation } from '../ops/symbolic/operation.js';
import { ValueError } from '../utils/errors.js';
import { toCamelCase } from '../utils/naming.js';
import { pythonRepr } from '../utils/python_repr.js';
import { standardizeShape } from '../arguments/shape.js';
import { ownValue, readObject, readOptionalString } from '../utils/config_reader.js';

/** A layer class that the registry can rebuild: its Keras name and, optionally, its own `fromConfig`. */
export interface LayerClass {
  className: string;
  fromConfig?(config: LayerConfig, customObjects?: CustomObjects): Layer;
  new (...args: never): Layer;
}

/** User classes and functions, by the name a config uses (`class_name` or `registered_name`). */
export type CustomObjects = Record<string, LayerClass | ((...args: never[]) => unknown)>;

/** Keras's serialized object. */
export interface SerializedObject {
  module: string | null;
  class_name: string;
  config: LayerConfig;
  registered_name: string | null;
  [key: string]: unknown;
}

const builtIns = new Map<string, { cls: LayerClass; module: string; registeredName: string | null }>();
const registered = new Map<string, LayerClass>();

/**
 * Registers a built-in Keras layer class under its Keras name and module (e.g. 'keras.layers').
 * `registeredName` is what Keras writes as `registered_name` (null for its public modules; the
 * class name for `Functional`, whose module `keras.src.models.functional` is not public).
 */
export function registerBuiltIn(cls: LayerClass, module = 'keras.layers', registeredName: string | null = null): void {
  builtIns.set(cls.className, { cls, module, registeredName });
}

/**
 * A family of serializable classes defined above the engine (the learning-rate schedules), which
 * registers itself here so that `registerKerasSerializable` hands its classes over to it.
 */
export interface SerializableFamily {
  accepts(target: unknown): boolean;
  register(target: unknown, registeredName: string): void;
}

const families: SerializableFamily[] = [];

/** Adds a family of classes that `registerKerasSerializable` registers with their own registry. */
export function registerSerializableFamily(family: SerializableFamily): void {
  families.push(family);
}

/** A class that is not a layer (a schedule), as `registerKerasSerializable` takes it. */
type OtherClass = (abstract new (...args: never) => object) & { readonly className?: string };

/**
 * Registers a custom class, as `@keras.saving.register_keras_serializable(package)`: it is then
 * saved as `registered_name: 'package>ClassName'` and found again by that name. A learning-rate
 * schedule class is registered for optimizer configs. A function (not a layer class) is
 * registered as `package>name` (by default its JavaScript name) for the layer options that take
 * one, as TextVectorization's `standardize`.
 */
export function registerKerasSerializable<C extends LayerClass | OtherClass>(cls: C, options?: { package?: string; name?: string }): C;
export function registerKerasSerializable<F extends (...args: never[]) => unknown>(fn: F, options?: { package?: string; name?: string }): F;
export function registerKerasSerializable(target: LayerClass | OtherClass | ((...args: never[]) => unknown), options: { package?: string; name?: string } = {}): unknown {
  const pkg = options.package ?? 'Custom';
  const family = families.find((f) => f.accepts(target));
  if (family) {
    const cls = target as OtherClass;
    family.register(cls, `${pkg}>${options.name ?? (Object.hasOwn(cls, 'className') ? cls.className : cls.name)}`);
    return target;
  }
  if (!(target.prototype instanceof Layer)) {
    const name = options.name ?? target.name;
    if (name === '') throw new ValueError('registerKerasSerializable: an anonymous function needs a `name` option.');
    registerFunction(target as (...args: never[]) => unknown, `${pkg}>${name}`);
    return target;
  }
  const cls = target as LayerClass;
  const name = `${pkg}>${options.name ?? ownClassName(cls)}`;
  registered.set(name, cls);
  registeredNames.set(cls, name);
  return cls;
}

const registeredNames = new Map<LayerClass, string>();

/** The Keras serialized form of `layer` (or of an op of a Functional graph). */
export function serializeLayer(layer: Operation): SerializedObject {
  if (layer instanceof Op) {
    const op = layer.constructor as typeof Op;
    // Keras's op modules are not public, so it writes the class name as `registered_name` too.
    return { module: op.module, class_name: op.className, config: layer.getConfig(), registered_name: op.className };
  }
  const cls = layer.constructor as unknown as LayerClass;
  const className = classNameOf(layer);
  const builtIn = builtIns.get(className);
  const isBuiltIn = builtIn?.cls === cls;
  return {
    module: isBuiltIn ? builtIn.module : null,
    class_name: className,
    config: layer.getConfig(),
    registered_name: isBuiltIn ? builtIn.registeredName : registeredNames.get(cls) ?? className,
  };
}

function ownClassName(cls: LayerClass): string {
  return Object.prototype.hasOwnProperty.call(cls, 'className') ? cls.className : cls.name;
}

/** Rebuilds a layer from its serialized form, looking in `customObjects`, then the registry. */
export function deserializeLayer(serialized: SerializedObject, customObjects: CustomObjects = {}): Layer {
  const layer = deserializeOperation(serialized, customObjects);
  if (!(layer instanceof Layer)) throw new ValueError(`Expected a layer config, received the op '${serialized.class_name}' (${serialized.module}).`);
  return layer;
}

/** Rebuilds a layer, or an op of a Functional graph, from its serialized form. */
export function deserializeOperation(serialized: SerializedObject, customObjects: CustomObjects = {}): Operation {
  const { module, className, config } = readSerialized(serialized);
  const op = findOpClass(module, className);
  if (op) return rebuilding(className, config, () => op.fromConfig(config));
  const cls = resolveClass(serialized, customObjects);
  return rebuilding(className, config, () => (cls.fromConfig ? cls.fromConfig(config, customObjects) : construct(cls, config)));
}

/** The parts of a serialized object, checked: a string `class_name`, an object `config`, a string or null `module`. */
function readSerialized(serialized: unknown): { module: string | null; className: string; config: LayerConfig } {
  const what = 'A serialized Keras object';
  const object = readObject(serialized, what);
  const className = ownValue(object, 'class_name');
  if (typeof className !== 'string') throw new ValueError(`${what} needs a string \`class_name\`, received ${pythonRepr(className ?? null).slice(0, 120)}.`);
  const where = `${what} of class '${className}'`;
  return { module: readOptionalString(object, 'module', where) ?? null, className, config: readObject(ownValue(object, 'config'), `${where}: \`config\``) };
}

/** Errors whose message already names the layer being rebuilt (so that the models around it do not name themselves too). */
const located = new WeakSet<Error>();

/**
 * Runs `rebuild` (the constructor or `fromConfig` of `className`); an error names the layer whose
 * config it came from. A TypeError or RangeError (a value of the wrong type in the config, met
 * inside a constructor) becomes a ValueError.
 */
function rebuilding<T>(className: string, config: LayerConfig, rebuild: () => T): T {
  try {
    return rebuild();
  } catch (e) {
    const layer = `${className}${typeof config.name === 'string' ? ` '${config.name}'` : ''}`;
    if (e instanceof TypeError || e instanceof RangeError) {
      const error = new ValueError(`${layer} could not be rebuilt from its config (${e.message}). Config: ${JSON.stringify(config).slice(0, 300)}`);
      located.add(error);
      throw error;
    }
    if (e instanceof ValueError && !located.has(e)) {
      e.message += ` (in the config of ${layer})`;
      located.add(e);
    }
    throw e;
  }
}

function resolveClass(serialized: SerializedObject, customObjects: CustomObjects): LayerClass {
  const names = [serialized.registered_name, serialized.class_name].filter((n): n is string => typeof n === 'string');
  for (const name of names) {
    const custom = ownValue(customObjects, name);
    if (typeof custom === 'function' && custom.prototype !== undefined) return custom as LayerClass;
  }
  for (const name of names) {
    const found = registered.get(name) ?? builtIns.get(name)?.cls;
    if (found) return found;
  }
  throw new ValueError(
    `Could not locate class '${serialized.class_name}'. Make sure custom classes are registered with registerKerasSerializable() or passed in customObjects. Full object config: ${JSON.stringify(serialized).slice(0, 300)}`,
  );
}

/** The generic `fromConfig`: snake_case keys to camelCase options, then the constructor. */
export function construct(cls: LayerClass, config: LayerConfig): Layer {
  return new (cls as unknown as new (args: Record<string, unknown>) => Layer)(configToArgs(config));
}

/** Keras config → constructor options: camelCase keys, dtype policy → dtype, batch_input_shape → inputShape. */
export function configToArgs(config: LayerConfig): Record<string, unknown> {
  // Without a prototype, a `__proto__` key in a config is an unknown argument like any other.
  const args: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(config)) {
    if (key === 'dtype') args.dtype = dtypeName(value);
    else if (key === 'batch_input_shape' || key === 'batch_shape') {
      if (value === null) continue;
      const shape = standardizeShape(value);
      args.inputShape = shape.slice(1);
      if (shape[0] !== null && shape[0] !== undefined) args.batchSize = shape[0];
    } else args[toCamelCase(key)] = value;
  }
  return args;
}

function dtypeName(value: unknown): unknown {
  if (value && typeof value === 'object' && 'config' in value) return (value as { config: { name: string } }).config.name;
  return value;
}
