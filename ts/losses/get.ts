/** Resolving loss identifiers as `keras.losses.get` does: names of functions and classes, aliases, instances. */
import { ValueError } from '../utils/errors.js';
import { toCamelCase } from '../utils/naming.js';
import { BinaryCrossentropy, binaryCrossentropy } from './binary_crossentropy.js';
import { BinaryFocalCrossentropy, binaryFocalCrossentropy } from './binary_focal_crossentropy.js';
import { CategoricalCrossentropy, categoricalCrossentropy } from './categorical_crossentropy.js';
import { CategoricalFocalCrossentropy, categoricalFocalCrossentropy } from './categorical_focal_crossentropy.js';
import { CategoricalHinge, categoricalHinge } from './categorical_hinge.js';
import { CosineSimilarity, cosineSimilarity } from './cosine_similarity.js';
import { CTC, ctc } from './ctc.js';
import { Dice, dice } from './dice.js';
import { Hinge, hinge } from './hinge.js';
import { Huber, huber } from './huber.js';
import { KLDivergence, klDivergence } from './kl_divergence.js';
import { LogCosh, logCosh } from './log_cosh.js';
import { Loss, type LossFn } from './loss.js';
import { MeanAbsoluteError, meanAbsoluteError } from './mean_absolute_error.js';
import { MeanAbsolutePercentageError, meanAbsolutePercentageError } from './mean_absolute_percentage_error.js';
import { MeanSquaredError, meanSquaredError } from './mean_squared_error.js';
import { MeanSquaredLogarithmicError, meanSquaredLogarithmicError } from './mean_squared_logarithmic_error.js';
import { Poisson, poisson } from './poisson.js';
import { SquaredHinge, squaredHinge } from './squared_hinge.js';
import { SparseCategoricalCrossentropy, sparseCategoricalCrossentropy } from './sparse_categorical_crossentropy.js';
import { Tversky, tversky } from './tversky.js';

/** A loss as `compile()` accepts it: a Keras name, a `Loss` instance, a function, or a `{class_name, config}` object. */
export type LossIdentifier = string | Loss | LossFn | { class_name: string; config?: Record<string, unknown> };

/**
 * Function identifiers → [per-sample function, Keras's function name]: Keras 3.15.1's function
 * names and the aliases of its `ALL_OBJECTS_DICT` (legacy spellings such as `logcosh` are not among them).
 */
const FUNCTIONS: Record<string, [LossFn, string]> = {
  mean_squared_error: [meanSquaredError, 'mean_squared_error'],
  mse: [meanSquaredError, 'mean_squared_error'],
  MSE: [meanSquaredError, 'mean_squared_error'],
  binary_crossentropy: [(t, p) => binaryCrossentropy(t, p), 'binary_crossentropy'],
  bce: [(t, p) => binaryCrossentropy(t, p), 'binary_crossentropy'],
  BCE: [(t, p) => binaryCrossentropy(t, p), 'binary_crossentropy'],
  binary_focal_crossentropy: [(t, p) => binaryFocalCrossentropy(t, p), 'binary_focal_crossentropy'],
  categorical_crossentropy: [(t, p) => categoricalCrossentropy(t, p), 'categorical_crossentropy'],
  categorical_focal_crossentropy: [(t, p) => categoricalFocalCrossentropy(t, p), 'categorical_focal_crossentropy'],
  sparse_categorical_crossentropy: [(t, p) => sparseCategoricalCrossentropy(t, p), 'sparse_categorical_crossentropy'],
  mean_absolute_error: [meanAbsoluteError, 'mean_absolute_error'],
  mae: [meanAbsoluteError, 'mean_absolute_error'],
  MAE: [meanAbsoluteError, 'mean_absolute_error'],
  mean_absolute_percentage_error: [meanAbsolutePercentageError, 'mean_absolute_percentage_error'],
  mape: [meanAbsolutePercentageError, 'mean_absolute_percentage_error'],
  MAPE: [meanAbsolutePercentageError, 'mean_absolute_percentage_error'],
  mean_squared_logarithmic_error: [meanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
  msle: [meanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
  MSLE: [meanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
  huber: [(t, p) => huber(t, p), 'huber'],
  log_cosh: [logCosh, 'log_cosh'],
  kl_divergence: [klDivergence, 'kl_divergence'],
  kld: [klDivergence, 'kl_divergence'],
  KLD: [klDivergence, 'kl_divergence'],
  poisson: [poisson, 'poisson'],
  hinge: [hinge, 'hinge'],
  squared_hinge: [squaredHinge, 'squared_hinge'],
  categorical_hinge: [categoricalHinge, 'categorical_hinge'],
  cosine_similarity: [(t, p) => cosineSimilarity(t, p), 'cosine_similarity'],
  dice: [(t, p) => dice(t, p), 'dice'],
  tversky: [(t, p) => tversky(t, p), 'tversky'],
  ctc: [ctc, 'ctc'],
};

type LossClass = new (options: Record<string, unknown>) => Loss;

const CLASSES = {
  MeanSquaredError,
  BinaryCrossentropy,
  BinaryFocalCrossentropy,
  CategoricalCrossentropy,
  CategoricalFocalCrossentropy,
  SparseCategoricalCrossentropy,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError,
  Huber,
  LogCosh,
  KLDivergence,
  Poisson,
  Hinge,
  SquaredHinge,
  CategoricalHinge,
  CosineSimilarity,
  Dice,
  Tversky,
  CTC,
} as unknown as Record<string, LossClass>;

/**
 * A loss function or `Loss` instance from an identifier: `'mse'` and `'categorical_crossentropy'`
 * give functions, `'MeanSquaredError'` an instance, as Keras. Unknown names throw a ValueError
 * (Keras's message, then the known names).
 */
export function get(identifier: LossIdentifier): Loss | LossFn {
  if (identifier instanceof Loss || typeof identifier === 'function') return identifier;
  if (typeof identifier === 'string') {
    const entry = Object.hasOwn(FUNCTIONS, identifier) ? FUNCTIONS[identifier] : undefined;
    if (entry) return named(entry[0], entry[1]);
    const cls = Object.hasOwn(CLASSES, identifier) ? CLASSES[identifier] : undefined;
    if (cls) return new cls({});
  } else if (identifier && typeof identifier === 'object' && typeof identifier.class_name === 'string') {
    const cls = Object.hasOwn(CLASSES, identifier.class_name) ? CLASSES[identifier.class_name] : undefined;
    // Keras's `from_config` is `cls(**config)`: the config's keys are the options, in camelCase.
    if (cls) return new cls(Object.fromEntries(Object.entries(identifier.config ?? {}).map(([key, value]) => [toCamelCase(key), value])));
  }
  throw new ValueError(`Could not interpret loss identifier: ${describe(identifier)}. Known losses: ${knownNames()}.`);
}

/** Every name `get` takes, function names and aliases first, then class names. */
function knownNames(): string {
  return [...Object.keys(FUNCTIONS).sort(), ...Object.keys(CLASSES).sort()].map((name) => `'${name}'`).join(', ');
}

/** The function with Keras's name, so History and error messages can name it. */
function named(fn: LossFn, name: string): LossFn {
  const wrapper: LossFn = (t, p) => fn(t, p);
  Object.defineProperty(wrapper, 'name', { value: name });
  return wrapper;
}

function describe(identifier: unknown): string {
  return typeof identifier === 'string' ? identifier : JSON.stringify(identifier) ?? String(identifier);
}
