/**
 * Every exported class with a Keras twin takes Keras's arguments: the same positional
 * parameters in Keras's order with Keras's defaults, Keras's keyword-only ones, and, built with
 * only its required arguments, Keras's `get_config()`. The reference is Keras 3 itself:
 * `tests/fixtures/signatures/keras_signatures.json`, written by `scripts/keras/signature_fixtures.py`.
 * A new exported class is covered by this test as soon as it is exported.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as keras from '../ts/index.js';
import { REQUIRED, type SignedClass, isOptionsObject } from '../ts/arguments/signature.js';
import { deserializeLayer } from '../ts/engine/registry.js';
import { toCamelCase } from '../ts/utils/naming.js';

interface KerasParam { name: string; kind: string; default?: unknown }
interface KerasClass { params?: KerasParam[]; required?: Record<string, unknown>; config?: Record<string, unknown>; alias_of?: string }
const fixture = JSON.parse(readFileSync(new URL('./fixtures/signatures/keras_signatures.json', import.meta.url), 'utf8')) as {
  keras_version: string;
  classes: Record<string, Record<string, KerasClass>>;
};

const namespaces: Record<string, Record<string, unknown>> = {
  layers: keras.layers, initializers: keras.initializers, regularizers: keras.regularizers, constraints: keras.constraints,
  optimizers: keras.optimizers, losses: keras.losses, metrics: keras.metrics, callbacks: keras.callbacks, models: keras.models,
  schedules: keras.optimizers.schedules,
};

/** Exported classes that Keras 3 does not have, each with the reason. */
const KERASM_ONLY: Record<string, Record<string, string>> = {
  layers: {
    AbstractRNNCell: "tf.keras 2's base of RNN cells (Keras 3 duck-types cells); a TypeScript cell extends it to declare Keras's call(inputs, states)",
    LocallyConnected1D: 'tf.keras 2 layer (Keras 3 dropped it); signature as tf_keras',
    LocallyConnected2D: 'tf.keras 2 layer (Keras 3 dropped it); signature as tf_keras',
    Merge: 'the base of the merge layers (Keras keeps it in keras.src.layers.merging.base_merge)',
    ThresholdedReLU: 'tf.keras 2 layer (Keras 3 dropped it for ReLU(threshold=...)); signature as tf_keras: ThresholdedReLU(theta=1.0, **kwargs)',
  },
  losses: {
    LossFunctionWrapper: "the base of the built-in losses (Keras keeps it in keras.src.losses.losses); signature as Keras's (fn, reduction, name, dtype)",
  },
  metrics: {
    MeanTensor: "tf.keras 2 metric (Keras 3 dropped it); signature as tf_keras: MeanTensor(name='mean_tensor', dtype=None, shape=None)",
  },
  constraints: {
    RadialConstraint: 'tf.keras 2 constraint (Keras 3 dropped it), kept to load tf.keras 2 models; no arguments, as tf.keras',
  },
};

/** Classes whose default config is not compared, each with the reason. */
const CONFIG_NOT_COMPARED: Record<string, Record<string, string>> = {
  layers: {
    Layer: "a bare Keras Layer() writes its auto-config (every __init__ argument); kerasm's Layer is abstract, each subclass writes its own",
    RandomCrop: 'without a seed Keras draws one at construction and writes it in the config (a different one each run); tests/layers/preprocessing/image compares a seeded config',
  },
};

/** The exported classes of a namespace: constructors whose name starts with a capital. */
function exportedClasses(namespace: Record<string, unknown>): [string, SignedClass & (new (...args: unknown[]) => unknown)][] {
  return Object.entries(namespace).filter(([name, value]) => /^[A-Z]/.test(name) && typeof value === 'function' && value.prototype !== undefined) as never;
}

function twinOf(ns: string, name: string): KerasClass | undefined {
  const entry = fixture.classes[ns]?.[name];
  return entry?.alias_of ? fixture.classes[ns]![entry.alias_of] : entry;
}

/** A JSON value as it compares: numbers, strings, arrays, plain objects. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

/**
 * Keras's required arguments as kerasm's options: camelCase keys, serialized layers (alone or in a
 * list) rebuilt; in `optimizers`, serialized optimizers (LossScaleOptimizer's inner one).
 */
function requiredOptions(required: Record<string, unknown> = {}, ns = ''): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const isSerialized = (value: unknown) => isOptionsObject(value) && typeof value.class_name === 'string';
  const deserialize = (value: unknown) => (ns === 'optimizers' ? keras.optimizers.get(value as never) : deserializeLayer(value as never));
  const rebuilt = (value: unknown) => (isSerialized(value) ? deserialize(value) : value);
  for (const [key, value] of Object.entries(required)) {
    options[toCamelCase(key)] = Array.isArray(value) ? value.map(rebuilt) : rebuilt(value);
  }
  return options;
}

/** A config with layer names reduced to their base (`dense_3` → `dense`), which counters make unique. */
function withoutCounters(config: unknown): unknown {
  if (Array.isArray(config)) return config.map(withoutCounters);
  if (!isOptionsObject(config)) return config;
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, k === 'name' && typeof v === 'string' ? v.replace(/_\d+$/, '') : withoutCounters(v)]));
}

describe(`signatures and default configs match Keras ${fixture.keras_version}`, () => {
  for (const [ns, namespace] of Object.entries(namespaces)) {
    describe(ns, () => {
      for (const [name, cls] of exportedClasses(namespace)) {
        const twin = twinOf(ns, name);
        if (!twin) {
          it(`${name} is kerasm's own (not in Keras 3)`, () => {
            expect(KERASM_ONLY[ns]?.[name], `${ns}.${name} has no Keras twin: list it in KERASM_ONLY with the reason`).toBeDefined();
          });
          continue;
        }
        it(`${name} takes Keras's parameters in Keras's order with Keras's defaults`, () => {
          const signature = cls.signature;
          expect(signature, `${name} declares no static signature`).toBeDefined();
          const positional = twin.params!.filter((p) => p.kind === 'POSITIONAL_OR_KEYWORD');
          // Keras's `*args` (Model) takes any positional arguments: only the named ones are compared.
          const takesAnyPositional = twin.params!.some((p) => p.kind === 'VAR_POSITIONAL');
          if (!takesAnyPositional) expect(signature.positional).toEqual(positional.map((p) => toCamelCase(p.name)));
          for (const p of positional) {
            const expected = 'default' in p ? p.default : REQUIRED;
            const actual = signature.defaultOf(toCamelCase(p.name));
            expect(actual === REQUIRED ? REQUIRED : plain(actual), `default of ${p.name}`).toEqual(expected === REQUIRED ? REQUIRED : expected);
          }
          for (const p of twin.params!.filter((q) => q.kind === 'KEYWORD_ONLY')) {
            expect(signature.accepts(toCamelCase(p.name)), `keyword ${p.name}`).toBe(true);
          }
        });
        if (twin.config && !('error' in twin.config) && !CONFIG_NOT_COMPARED[ns]?.[name]) {
          it(`${name} built with only its required arguments has Keras's config`, () => {
            const instance = new cls(requiredOptions(twin.required, ns)) as { getConfig(): Record<string, unknown>; dispose?(): void };
            expect(withoutCounters(plain(instance.getConfig()))).toEqual(withoutCounters(twin.config));
            instance.dispose?.();
          });
        }
      }
    });
  }
});
