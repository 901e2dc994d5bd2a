/** Resolving optimizer identifiers as `keras.optimizers.get` does. */
import { kerasClassName } from '../arguments/signature.js';
import { ValueError } from '../utils/errors.js';
import { toCamelCase } from '../utils/naming.js';
import { isPlainObject } from '../utils/config_reader.js';
import { Adafactor } from './adafactor.js';
import { Adam } from './adam.js';
import { Ftrl } from './ftrl.js';
import { Lamb } from './lamb.js';
import { LossScaleOptimizer } from './loss_scale_optimizer.js';
import { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { deserialize as deserializeSchedule } from './schedules/serialize.js';
import { SGD } from './sgd.js';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';

/** An optimizer as `compile()` accepts it: an instance, a name (`'adam'`, `'Adam'`), or a `{class_name, config}` object. */
export type OptimizerIdentifier = Optimizer | string | { class_name: string; config?: Record<string, unknown> };

type OptimizerClass = new (config: Record<string, unknown>) => Optimizer;

/** Keyed by lower-case class name: Keras matches names case-insensitively (`'adam'`, `'Adam'`, `'ADAM'`). */
const CLASSES: Record<string, OptimizerClass> = {
  sgd: SGD as OptimizerClass,
  adam: Adam as OptimizerClass,
  rmsprop: RMSprop as OptimizerClass,
  adamw: AdamW as OptimizerClass,
  adagrad: Adagrad as OptimizerClass,
  adadelta: Adadelta as OptimizerClass,
  adamax: Adamax as OptimizerClass,
  nadam: Nadam as OptimizerClass,
  lion: Lion as OptimizerClass,
  ftrl: Ftrl as OptimizerClass,
  lamb: Lamb as OptimizerClass,
  adafactor: Adafactor as OptimizerClass,
  lossscaleoptimizer: LossScaleOptimizer as OptimizerClass,
};

/** An optimizer from an identifier; a name gives a new instance with Keras's defaults. */
export function get(identifier: OptimizerIdentifier): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  const name = typeof identifier === 'string' ? identifier : identifier && typeof identifier === 'object' ? identifier.class_name : undefined;
  const key = typeof name === 'string' ? name.toLowerCase() : undefined;
  const cls = key !== undefined && Object.hasOwn(CLASSES, key) ? CLASSES[key] : undefined;
  if (!cls) {
    // Keras's sentence, then the names it would have taken (matched without regard to case).
    const given = typeof identifier === 'string' ? identifier : JSON.stringify(identifier) ?? String(identifier);
    throw new ValueError(`Could not interpret optimizer identifier: ${given}. Known optimizers: ${Object.values(CLASSES).map((c) => `'${kerasClassName(c)}'`).join(', ')}.`);
  }
  const config = typeof identifier === 'object' ? identifier.config ?? {} : {};
  // Keras's `from_config` is `cls(**config)`, with a serialized schedule or wrapped optimizer (LossScaleOptimizer's) rebuilt
  // first: config keys (`learning_rate`, `beta_1`) are the options (`learningRate`, `beta1`).
  const options = Object.fromEntries(Object.entries(config).map(([key, value]) => [toCamelCase(key), key === 'inner_optimizer' ? get(value as OptimizerIdentifier) : value]));
  if (isPlainObject(options.learningRate)) options.learningRate = deserializeSchedule(options.learningRate);
  return new cls(options);
}
