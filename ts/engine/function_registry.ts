/**
 * Functions a config names, as Keras's `register_keras_serializable` on a function: a layer option
 * that is a function (TextVectorization's `standardize` and `split`) is saved as Keras saves a
 * registered function, `{ module: 'builtins', class_name: 'function', config: 'package>name',
 * registered_name: 'function' }`, and found again by that name, in `customObjects` first. kerasm
 * never runs code from a file: an unregistered function cannot be saved.
 */
import type { CustomObjects } from './registry.js';
import { ValueError } from '../utils/errors.js';
import { ownValue } from '../utils/config_reader.js';

type AnyFunction = (...args: never[]) => unknown;

const functionsByName = new Map<string, AnyFunction>();
const namesByFunction = new Map<AnyFunction, string>();

/** Registers `fn` as `package>name`; a name taken again is given to the newer function. */
export function registerFunction(fn: AnyFunction, registeredName: string): void {
  const previous = functionsByName.get(registeredName);
  if (previous) namesByFunction.delete(previous);
  functionsByName.set(registeredName, fn);
  namesByFunction.set(fn, registeredName);
}

/** The name `fn` was registered under, if it was. */
export function registeredNameOf(fn: AnyFunction): string | undefined {
  return namesByFunction.get(fn);
}

/** The function registered under `registeredName` (`package>name`), if any. */
export function registeredFunction(registeredName: string): AnyFunction | undefined {
  return functionsByName.get(registeredName);
}

/**
 * Keras's serialized form of a function: by its registered name, or, as Keras writes a function it
 * does not know, by its own name (found again only through `customObjects`); an anonymous one throws.
 */
export function serializeNamedFunction(fn: AnyFunction, what: string): Record<string, unknown> {
  if (namesByFunction.has(fn) || fn.name === '') return serializeFunction(fn, what);
  return { module: 'builtins', class_name: 'function', config: fn.name, registered_name: 'function' };
}

/** Keras's serialized form of a registered function; `what` names the option in the error for an unregistered one. */
export function serializeFunction(fn: AnyFunction, what: string): Record<string, unknown> {
  const name = namesByFunction.get(fn);
  if (name === undefined) {
    throw new ValueError(
      `Cannot serialize ${what}: kerasm saves functions by name only. Register it first with registerKerasSerializable(fn, { package: 'my_package', name: 'my_function' }).`,
    );
  }
  return { module: 'builtins', class_name: 'function', config: name, registered_name: 'function' };
}

/** The function a config names (its `config`, or a plain string), from `customObjects` or the registry. */
export function deserializeFunction(config: unknown, customObjects: CustomObjects, what: string): AnyFunction {
  const name = typeof config === 'string' ? config : (config as { config?: unknown } | null)?.config;
  if (typeof name !== 'string') throw new ValueError(`Cannot read ${what} from the config: ${JSON.stringify(config)}`);
  const custom = ownValue(customObjects, name);
  const found = typeof custom === 'function' && !('className' in custom) ? custom : functionsByName.get(name);
  if (found === undefined) {
    throw new ValueError(`Could not locate function '${name}' for ${what}. Register it with registerKerasSerializable(fn, { package, name }) or pass it in customObjects before loading.`);
  }
  return found;
}
