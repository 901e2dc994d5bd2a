/** Resolving initializer identifiers (`'glorot_uniform'`, an instance, a config) and serializing them, as Keras. */
import { ValueError } from '../utils/errors.js';
import { toCamelCase, toSnakeCase } from '../utils/naming.js';
import { Constant, Ones, Zeros } from './constant.js';
import { Identity } from './identity.js';
import { Initializer } from './initializer.js';
import { Orthogonal } from './orthogonal.js';
import { RandomNormal, RandomUniform, TruncatedNormal } from './random.js';
import { GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, VarianceScaling } from './variance_scaling.js';

type InitializerClass = (new (options: Record<string, unknown>) => Initializer) & { className: string };

const CLASSES = [
  Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, VarianceScaling,
  GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, Identity, Orthogonal,
] as unknown as InitializerClass[];

const BY_NAME = new Map<string, InitializerClass>();
for (const cls of CLASSES) {
  BY_NAME.set(cls.className, cls);
  BY_NAME.set(toSnakeCase(cls.className), cls);
}
// Keras's aliases, including the class names older Keras 3 releases saved.
const ALIASES = [
  ['normal', RandomNormal], ['uniform', RandomUniform], ['one', Ones], ['zero', Zeros],
  ['IdentityInitializer', Identity], ['OrthogonalInitializer', Orthogonal],
] as unknown as [string, InitializerClass][];
for (const [name, cls] of ALIASES) BY_NAME.set(name, cls);

export type InitializerIdentifier = string | Initializer | { class_name: string; config?: Record<string, unknown> };

/** Resolves `'glorot_uniform'`, `'GlorotUniform'`, an instance, or a Keras config object. */
export function get(identifier: InitializerIdentifier): Initializer {
  if (identifier instanceof Initializer) return identifier;
  const name = typeof identifier === 'string' ? identifier : identifier?.class_name;
  const cls = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  if (!cls) throw new ValueError(`Could not interpret initializer identifier: ${typeof identifier === 'string' ? identifier : JSON.stringify(identifier)}`);
  const config = typeof identifier === 'string' ? {} : identifier.config ?? {};
  // Keras's `from_config` is `cls(**config)`: the config's keys are the options, in camelCase.
  return new cls(Object.fromEntries(Object.entries(config).map(([key, value]) => [toCamelCase(key), value])));
}

/** Keras's serialized form: `{ module, class_name, config, registered_name }`. */
export function serialize(initializer: Initializer) {
  const cls = initializer.constructor as typeof Initializer;
  return { module: 'keras.initializers', class_name: cls.className, config: initializer.getConfig(), registered_name: null };
}
