/**
 * Schedules in configs, as `keras.optimizers.schedules.serialize` / `deserialize` write and read
 * them: `{ module, class_name, config, registered_name }`. A schedule class of your own is found by
 * the name `registerKerasSerializable` gave it (`package>ClassName`), or in `customObjects`.
 */
import { registerSerializableFamily } from '../../engine/registry.js';
import { ValueError } from '../../utils/errors.js';
import { isPlainObject, ownValue } from '../../utils/config_reader.js';
import { pythonRepr } from '../../utils/python_repr.js';
import { CosineDecay } from './cosine_decay.js';
import { CosineDecayRestarts } from './cosine_decay_restarts.js';
import { ExponentialDecay } from './exponential_decay.js';
import { InverseTimeDecay } from './inverse_time_decay.js';
import { LearningRateSchedule } from './learning_rate_schedule.js';
import { PiecewiseConstantDecay } from './piecewise_constant_decay.js';
import { PolynomialDecay } from './polynomial_decay.js';

/** A schedule class that configs can rebuild. */
export type ScheduleClass = (abstract new (...args: never) => LearningRateSchedule) & {
  readonly className: string;
  fromConfig(config: Record<string, unknown>): LearningRateSchedule;
};

// `registerKerasSerializable` (in the engine, below the optimizers) hands schedule classes to this registry.
registerSerializableFamily({ accepts: isScheduleClass, register: (cls, name) => registerSchedule(cls as ScheduleClass, name) });

/** Keras's serialized schedule. */
export interface SerializedSchedule {
  module: string | null;
  class_name: string;
  config: Record<string, unknown>;
  registered_name: string | null;
}

const BUILT_IN: Record<string, ScheduleClass> = Object.fromEntries(
  [ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay, CosineDecayRestarts].map((cls) => [cls.className, cls as ScheduleClass]),
);

const registered = new Map<string, ScheduleClass>();
const registeredNames = new Map<ScheduleClass, string>();

/** Registers a user's schedule class under `package>Name` (see `registerKerasSerializable`). */
export function registerSchedule(cls: ScheduleClass, registeredName: string): void {
  registered.set(registeredName, cls);
  registeredNames.set(cls, registeredName);
}

/** Whether `value` is a schedule class (for `registerKerasSerializable`). */
export function isScheduleClass(value: unknown): value is ScheduleClass {
  return typeof value === 'function' && value.prototype instanceof LearningRateSchedule;
}

/** `schedule` as Keras serializes it. */
export function serialize(schedule: LearningRateSchedule): SerializedSchedule {
  const cls = schedule.constructor as ScheduleClass;
  const className = Object.hasOwn(cls, 'className') ? cls.className : cls.name;
  const builtIn = Object.hasOwn(BUILT_IN, className) && BUILT_IN[className] === cls;
  return {
    module: builtIn ? 'keras.optimizers.schedules' : null,
    class_name: className,
    config: schedule.getConfig(),
    registered_name: builtIn ? null : registeredNames.get(cls) ?? className,
  };
}

/** The schedule a serialized config describes: a built-in one by class name, a user's by its registered name or in `customObjects`. */
export function deserialize(serialized: unknown, customObjects: Record<string, unknown> = {}): LearningRateSchedule {
  if (!isPlainObject(serialized) || typeof serialized.class_name !== 'string') {
    throw new ValueError(`Could not interpret learning rate schedule: ${pythonRepr(serialized)}. Expected a serialized schedule { class_name, config }.`);
  }
  const className = serialized.class_name;
  const registeredName = typeof serialized.registered_name === 'string' ? serialized.registered_name : className;
  const candidates = [ownValue(customObjects, registeredName), ownValue(customObjects, className), registered.get(registeredName), Object.hasOwn(BUILT_IN, className) ? BUILT_IN[className] : undefined];
  const cls = candidates.find(isScheduleClass);
  if (!cls) {
    throw new ValueError(
      `Could not locate learning rate schedule '${registeredName}'. Known schedules: ${[...Object.keys(BUILT_IN), ...registered.keys()].join(', ')}. Register a schedule of your own with registerKerasSerializable(cls, { package }) or pass it in customObjects.`,
    );
  }
  const config = serialized.config ?? {};
  if (!isPlainObject(config)) throw new ValueError(`The config of learning rate schedule '${className}' must be an object. Received: ${pythonRepr(config)}`);
  return cls.fromConfig(config);
}
