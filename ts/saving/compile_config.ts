/**
 * A model's `compile()` arguments as Keras 3's `compile_config` (and the legacy `training_config`
 * of `.h5` files), and back. Names stay names (`'mse'`, `'accuracy'`); loss and metric objects
 * become `{module, class_name, config, registered_name}`; the optimizer is always an object.
 */
import type { Model } from '../models/model.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { CompileArgs } from '../training/compile.js';
import { ValueError } from '../utils/errors.js';
import { registeredFunction, registeredNameOf, serializeFunction } from '../engine/function_registry.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keras 3's `compile_config` of a compiled model. */
export function compileConfig(model: Model, args: CompileArgs): Record<string, Json> {
  return {
    optimizer: serializeOptimizer(model.optimizer),
    loss: serializeIdentifiers(args.loss ?? null, 'keras.losses'),
    loss_weights: (args.lossWeights ?? null) as Json,
    metrics: serializeIdentifiers(args.metrics ?? null, 'keras.metrics'),
    weighted_metrics: serializeIdentifiers(args.weightedMetrics ?? null, 'keras.metrics'),
    run_eagerly: false,
    steps_per_execution: args.stepsPerExecution ?? 1,
    jit_compile: false,
  };
}

function serializeOptimizer(optimizer: Optimizer): Json {
  const className = (optimizer.constructor as { className?: string }).className ?? optimizer.constructor.name;
  return { module: 'keras.optimizers', class_name: className, config: optimizer.getConfig() as Json, registered_name: null };
}

/** Names as they are, objects with a config as Keras's serialized form, functions by their registered name (as Keras) or their own. */
function serializeIdentifiers(value: unknown, module: string): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => serializeIdentifiers(v, module));
  if (typeof value === 'function') {
    const fn = value as (...args: never[]) => unknown;
    if (registeredNameOf(fn) !== undefined) return serializeFunction(fn, 'a compiled function') as Json;
    if (value.name) return value.name;
    throw new ValueError('Cannot save the compile configuration: an anonymous loss or metric function has no name to save it by.');
  }
  const object = value as { getConfig?: () => Record<string, unknown>; constructor: { className?: string; name: string } };
  if (typeof object.getConfig === 'function') {
    return { module, class_name: object.constructor.className ?? object.constructor.name, config: object.getConfig() as Json, registered_name: null };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serializeIdentifiers(v, module)]));
}

/**
 * The saved `compile_config` that compiles a loaded model, or null. Keras compiles only from a
 * non-empty one (`if compile_config:`): a model that was never compiled is written with `{}`
 * (Keras Applications' models, for one) or null, or without the key.
 */
export function savedCompileConfig(serialized: Record<string, unknown>): Record<string, unknown> | null {
  const config = serialized.compile_config;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return null;
  return Object.keys(config).length > 0 ? (config as Record<string, unknown>) : null;
}

/** `compile()` arguments from a Keras 3 `compile_config`. */
export function compileArgsFromConfig(config: Record<string, unknown>): CompileArgs {
  return {
    optimizer: optimizerIdentifier(config.optimizer),
    loss: deserializeIdentifiers(config.loss, 'loss') as CompileArgs['loss'],
    lossWeights: (config.loss_weights ?? undefined) as CompileArgs['lossWeights'],
    metrics: (deserializeIdentifiers(config.metrics, 'metric') ?? undefined) as CompileArgs['metrics'],
    weightedMetrics: (deserializeIdentifiers(config.weighted_metrics, 'metric') ?? undefined) as CompileArgs['weightedMetrics'],
    stepsPerExecution: (config.steps_per_execution ?? undefined) as CompileArgs['stepsPerExecution'],
  };
}

/**
 * The optimizer as `compile()` takes it. tf.keras 2.11+ names its optimizers `Custom>Adam` and
 * writes two config keys that are no arguments of Keras 3's optimizers (which refuse unknown
 * ones): `is_legacy_optimizer`, a marker, and `jit_compile`, an XLA switch that changes no update.
 */
function optimizerIdentifier(optimizer: unknown): CompileArgs['optimizer'] {
  if (optimizer === null || optimizer === undefined) return 'rmsprop';
  if (typeof optimizer === 'string') return optimizer;
  const record = optimizer as { class_name?: unknown; config?: Record<string, unknown> };
  if (typeof record.class_name === 'string' && record.class_name.startsWith('Custom>')) {
    const { is_legacy_optimizer: _marker, jit_compile: _xla, ...config } = record.config ?? {};
    return { ...record, class_name: record.class_name.slice('Custom>'.length), config } as CompileArgs['optimizer'];
  }
  return optimizer as CompileArgs['optimizer'];
}

/** `compile()` arguments from a legacy `.h5` `training_config` (Keras 2). */
export function compileArgsFromTrainingConfig(config: Record<string, unknown>): CompileArgs {
  return compileArgsFromConfig({ ...config, optimizer: config.optimizer_config });
}

/**
 * Keras's forms back to identifiers kerasm's `compile()` takes: a named function
 * (`{class_name: 'function', config: name}`) becomes the function registered under that name, or
 * the name; metric objects stay serialized, restored from their config by `metrics.get` (Keras 2's
 * `MeanMetricWrapper` of a named function becomes that name); a Python lambda is refused.
 */
function deserializeIdentifiers(value: unknown, kind: 'loss' | 'metric'): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => deserializeIdentifiers(v, kind));
  const record = value as Record<string, unknown>;
  if (typeof record.class_name !== 'string') return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, deserializeIdentifiers(v, kind)]));
  if (record.class_name === '__lambda__') throw new ValueError(`The saved ${kind} is a Python lambda (bytecode), which kerasm never runs: compile the loaded model yourself, or load it with { compile: false }.`);
  if (record.class_name === 'function') return (typeof record.config === 'string' && registeredFunction(record.config)) || record.config;
  if (kind === 'loss') return record;
  const config = (record.config ?? {}) as Record<string, unknown>;
  if (record.class_name === 'MeanMetricWrapper' && typeof config.fn === 'string') return config.fn;
  return record;
}
