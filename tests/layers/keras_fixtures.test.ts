/**
 * Layers against golden values from real Keras (Keras 3 on JAX; tf_keras 2 for the
 * LocallyConnected layers), written by scripts/keras/layer_fixtures.py into
 * tests/fixtures/layers/. Each fixture's layer is rebuilt from Keras's own serialized config
 * (which checks config compatibility too), given Keras's weights and input, and must match
 * Keras's output, the gradients of sum(output * upstream) with respect to the input and every
 * trainable weight, and, in training mode, the weights after the call (moving statistics).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Layer, memory, ops, type Tensor, tensor, tidy } from '../../ts/index.js';
import { deserializeLayer, type SerializedObject } from '../../ts/engine/registry.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { toCamelCase } from '../../ts/utils/naming.js';

interface FixtureWeight {
  name: string;
  shape: number[];
  values: number[];
  trainable: boolean;
  grad?: number[];
  after?: number[];
}

interface FixtureInput {
  shape: number[];
  values: number[];
  grad: number[];
}

/** A mask given as a tensor of its own (MultiHeadAttention's `attention_mask`, `value_mask`). */
interface FixtureMask {
  shape: number[];
  values: number[];
}

/** A further output (attention scores), with its own upstream. */
interface FixtureOutput {
  shape: number[];
  values: number[];
  upstream: number[];
}

interface Fixture {
  framework: string;
  layer: SerializedObject;
  training: boolean;
  /** One entry, or one per input of a merging layer. */
  inputs: FixtureInput[];
  weights: FixtureWeight[];
  output_shape: number[];
  output: number[];
  upstream: number[];
  /** The call's keyword arguments (attention layers: `return_attention_scores`, `use_causal_mask`). */
  call?: Record<string, boolean>;
  /** One 0/1 mask per input (the input's shape without the last axis), or null: the masks the inputs carry. */
  masks?: (number[] | null)[];
  attention_mask?: FixtureMask;
  value_mask?: FixtureMask;
  extra_outputs?: FixtureOutput[];
}

const dir = new URL('../fixtures/layers/', import.meta.url);
const fixtures: [string, Fixture][] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f.slice(0, -'.json'.length), JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Fixture]);

/**
 * |got - want| <= tol · scale element-wise, the scale being the reference's largest magnitude, at
 * least 0.1: a reference that is zero in exact arithmetic (attention's key bias gradient: a bias
 * shared by every key shifts each row of scores alike, which the softmax ignores) holds only
 * rounding noise, which is compared to 1e-6.
 */
function expectMatches(what: string, got: ArrayLike<number>, want: number[], tol = 1e-5): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  const scale = Math.max(0.1, ...want.map(Math.abs));
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i]! - want[i]!) <= tol * scale)) {
      throw new Error(`${what}[${i}]: got ${got[i]}, Keras ${want[i]} (scale ${scale})`);
    }
  }
}

/**
 * Whether two config values mean the same: equal JSON, where inside a nested object (an
 * initializer's config…) a key one side leaves out may be null on the other, as Keras's
 * `from_config` reads a missing argument as its default None.
 */
function sameConfigValue(a: unknown, b: unknown): boolean {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
    return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((k) => sameConfigValue(x[k] ?? null, y[k] ?? null));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** kerasm's config has Keras's keys, and the same values (the dtype is written in Keras 3's form). */
function expectSameConfig(layer: Layer, keras: Record<string, unknown>): void {
  const ours = layer.getConfig();
  expect(Object.keys(ours).sort()).toEqual(Object.keys(keras).sort());
  for (const key of Object.keys(keras).filter((k) => k !== 'dtype')) {
    if (!sameConfigValue(ours[key], keras[key])) throw new Error(`config ${key}: kerasm ${JSON.stringify(ours[key])}, Keras ${JSON.stringify(keras[key])}`);
  }
}

/** The fixture's call keywords as kerasm's call arguments: camelCase keys, masks as tensors. */
function callOptions(fx: Fixture): Record<string, unknown> {
  const options: Record<string, unknown> = Object.fromEntries(Object.entries(fx.call ?? {}).map(([k, v]) => [toCamelCase(k), v]));
  if (fx.attention_mask) options.attentionMask = tensor(Float32Array.from(fx.attention_mask.values), fx.attention_mask.shape);
  if (fx.value_mask) options.valueMask = tensor(Float32Array.from(fx.value_mask.values), fx.value_mask.shape);
  return options;
}

function check(fx: Fixture): void {
  const layer: Layer = deserializeLayer(fx.layer);
  const { config } = fx.layer as { config: Record<string, unknown> };
  expectSameConfig(layer, config);
  tidy(() => {
    const xs = fx.inputs.map((input) => tensor(Float32Array.from(input.values), input.shape));
    const inputs = xs.length === 1 ? xs[0]! : xs;
    fx.masks?.forEach((mask, i) => {
      if (mask) xs[i]!.kerasMask = tensor(Float32Array.from(mask), fx.inputs[i]!.shape.slice(0, -1));
    });
    const options = callOptions(fx);
    layer.apply(inputs); // builds; inference mode changes no state
    expect(layer.weights.map((w) => w.shape)).toEqual(fx.weights.map((w) => w.shape));
    layer.setWeights(fx.weights.map((w) => tensor(Float32Array.from(w.values), w.shape)));
    const upstream = tensor(Float32Array.from(fx.upstream), fx.output_shape);
    const extraUpstreams = (fx.extra_outputs ?? []).map((o) => tensor(Float32Array.from(o.upstream), o.shape));
    const trainable = layer.weights.map((w, i) => ({ w, fixture: fx.weights[i]! })).filter(({ fixture }) => fixture.trainable);
    expect(layer.trainableWeights.length).toBe(trainable.length);
    let outputs: Tensor[] = [];
    const { grads } = valueAndGrads(() => {
      const result = layer.apply(inputs, { training: fx.training, ...options }) as Tensor | Tensor[];
      outputs = Array.isArray(result) ? result : [result];
      return outputs.map((y, i) => ops.sum(ops.multiply(y, i === 0 ? upstream : extraUpstreams[i - 1]!))).reduce((a, b) => ops.add(a, b));
    }, [...xs, ...trainable.map(({ w }) => w.value)]);
    const output = outputs[0]!;
    expect(outputs.length).toBe(1 + extraUpstreams.length);
    fx.extra_outputs?.forEach((o, i) => {
      expect(outputs[i + 1]!.shape).toEqual(o.shape);
      expectMatches(`output ${i + 1}`, outputs[i + 1]!.dataSync(), o.values);
    });
    expect(output.shape).toEqual(fx.output_shape);
    expectMatches('output', output.dataSync(), fx.output);
    fx.inputs.forEach((input, i) => {
      expectMatches(`input ${i} gradient`, grads[i]?.dataSync() ?? new Float32Array(input.values.length), input.grad);
    });
    trainable.forEach(({ fixture }, k) => {
      expectMatches(`${fixture.name} gradient`, grads[xs.length + k]?.dataSync() ?? new Float32Array(fixture.values.length), fixture.grad!);
    });
    layer.weights.forEach((w, i) => {
      const after = fx.weights[i]!.after;
      if (after) expectMatches(`${fx.weights[i]!.name} after the call`, w.value.dataSync(), after);
    });
  });
  layer.dispose();
}

describe('layers match real Keras on fixed weights and inputs', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThan(50));

  it.each(fixtures)('%s', (_name, fx) => {
    const before = memory().numTensors;
    check(fx);
    expect(memory().numTensors).toBe(before);
  });
});
