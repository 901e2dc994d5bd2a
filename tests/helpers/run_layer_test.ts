/**
 * `runLayerTest`: Keras's `run_layer_test` (keras/src/testing/test_case.py) for kerasm, the
 * contract every layer keeps, checked in one call. Each failure names the layer class and the
 * step. Besides Keras's checks (construction, serialization, build, symbolic and eager calls,
 * weight counts, losses, masks, one training step) it shows that shape inference is arithmetic
 * (no call into WebAssembly), that the positional form of the constructor is the options form,
 * that a layer rebuilt from its config computes what the original does with the same weights,
 * which weights a training step moves, that a wrong rank is refused with an error naming the
 * layer, and that nothing leaks.
 */
import { expect } from 'vitest';
import { type DType, KerasTensor, type Layer, type Tensor, ValueError, dispose, keep, memory, tidy } from '../../ts/index.js';
import { isOptionsObject, kerasClassName } from '../../ts/arguments/signature.js';
import { deserializeLayer, serializeLayer } from '../../ts/engine/registry.js';
import type { SymbolicShape } from '../../ts/engine/shape.js';
import { wasmCallCount } from '../../ts/runtime/binding.js';
import { formatShape } from '../../ts/tensor/tensor.js';
import { expectClose } from './close.js';
import {
  type Shapes, batchUnknown, describeShapes, eagerInput, inputMask, isShapeList, mapShapes, matchesShape, oneAxisFewer, shapeList, symbolicInputs, withMask,
} from './layer_test_inputs.js';
import type { LayerClassUnderTest, LayerKwargs, LayerTestOptions } from './layer_test_options.js';
import { checkTrainingStep } from './layer_training_step.js';

export type { LayerClassUnderTest, LayerKwargs, LayerTestOptions };

/** A failed check: the message names the layer class and the step. */
export class LayerTestFailure extends Error {
  override name = 'LayerTestFailure';
}

export function runLayerTest(cls: LayerClassUnderTest, options: LayerTestOptions = {}): void {
  new LayerTest(cls, options).run();
}

/** The detail of a failed check; `step` adds the layer and the step. */
function fail(detail: string): never {
  throw new Error(detail);
}

class LayerTest {
  /** Everything the test makes, disposed at the end. */
  private readonly layers: Layer[] = [];
  private readonly tensors: Tensor[] = [];
  private readonly shapes: Shapes | null;
  private readonly dtype: DType;
  private eagerInputs: Tensor | Tensor[] | null = null;

  constructor(
    private readonly cls: LayerClassUnderTest,
    private readonly o: LayerTestOptions,
  ) {
    if (o.inputShape && o.inputData) throw new LayerTestFailure('runLayerTest: inputShape and inputData cannot be passed at the same time.');
    const data = o.inputData;
    this.shapes = o.inputShape ?? (data ? (Array.isArray(data) ? data.map((t) => t.shape) : data.shape) : null);
    this.dtype = o.inputDtype ?? (Array.isArray(data) ? data[0]?.dtype : data?.dtype) ?? 'float32';
    this.eagerInputs = data ?? null;
  }

  run(): void {
    const liveBefore = memory().numTensors;
    try {
      this.step('construction', () => this.checkConstruction());
      this.step('config round trip', () => this.rebuild(this.make()));
      if (this.o.supportsMasking !== undefined) this.step('masking support', () => this.checkSupportsMasking());
      if (this.shapes) this.checkCalls(this.shapes);
    } finally {
      for (const layer of this.layers) layer.dispose();
      dispose(this.tensors);
    }
    this.step('no leaked tensors', () => {
      const leaked = memory().numTensors - liveBefore;
      if (leaked !== 0) fail(`${leaked} more live tensors after the test than before it (every tensor the layer makes outside its weights must be freed)`);
    });
  }

  private checkCalls(shapes: Shapes): void {
    const built = this.step('build from a shape', () => this.checkBuild(shapes));
    this.step('shape inference runs no kernel', () => this.checkShapeInferenceIsArithmetic(built, shapes));
    const symbolic = this.step('symbolic call', () => this.checkSymbolicCall(shapes));
    const layer = this.step('eager call', () => this.checkEagerCall(shapes, symbolic));
    if (this.o.expectedMaskShape !== undefined) this.step('masks', () => this.checkMask(layer));
    this.step('config round trip with weights', () => this.checkRebuiltComputesTheSame(layer, shapes));
    if (!this.o.acceptsAnyRank) this.step('wrong rank', () => this.checkWrongRank(shapes));
    if (this.o.runTrainingCheck ?? true) this.step('training step', () => this.checkTraining(shapes));
  }

  /** Runs one check; a failure becomes a `LayerTestFailure` naming the layer class and the step. */
  private step<T>(name: string, check: () => T): T {
    try {
      return check();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new LayerTestFailure(`runLayerTest(${kerasClassName(this.cls)}) failed at "${name}": ${message}`, { cause: e });
    }
  }

  private kwargs(): LayerKwargs {
    const given = this.o.initKwargs;
    return typeof given === 'function' ? given() : { ...given };
  }

  /** A new instance, from the options object unless `args` are given. */
  private make(args: unknown[] = [this.kwargs()]): Layer {
    const layer = new (this.cls as unknown as new (...a: unknown[]) => Layer)(...args);
    this.layers.push(layer);
    return layer;
  }

  /** The eager inputs, made once (seeded, kept out of the calling `tidy`) unless the caller gave them. */
  private inputs(): Tensor | Tensor[] {
    if (this.eagerInputs === null) {
      this.eagerInputs = mapShapes(this.shapes!, (s, i) => keep(eagerInput(s, this.dtype, 1 + i)));
      this.tensors.push(...[this.eagerInputs].flat());
    }
    return this.eagerInputs;
  }

  /** The options form builds the class; the leading positional parameters given positionally build the same layer. */
  private checkConstruction(): void {
    const layer = this.make();
    if (layer.constructor !== this.cls) fail(`new ${this.cls.name}(options) made a ${layer.constructor.name}`);
    const kwargs = this.kwargs();
    const names = this.cls.signature.positional;
    let count = 0;
    while (count < names.length && names[count]! in kwargs && !isOptionsObject(kwargs[names[count]!])) count++;
    if (count === 0) return;
    const leading = names.slice(0, count);
    const rest = Object.fromEntries(Object.entries(kwargs).filter(([k]) => !leading.includes(k)));
    const positional = this.make([...leading.map((k) => kwargs[k]), rest]);
    const form = `new ${kerasClassName(this.cls)}(${leading.join(', ')}, {…})`;
    expect(withoutNames(positional.getConfig()), `the config of ${form}, names aside`).toEqual(withoutNames(layer.getConfig()));
  }

  private checkSupportsMasking(): void {
    const layer = this.make();
    if (layer.supportsMasking !== this.o.supportsMasking) fail(`supportsMasking is ${layer.supportsMasking}, Keras's is ${this.o.supportsMasking}`);
  }

  /**
   * `deserializeLayer(serializeLayer(layer))` through JSON text, as a saved file holds it: the
   * same class with the same config (Keras's `run_class_serialization_test`).
   */
  private rebuild(layer: Layer): Layer {
    const config = json(layer.getConfig());
    const rebuilt = deserializeLayer(json(serializeLayer(layer)), this.o.customObjects);
    this.layers.push(rebuilt);
    if (rebuilt.constructor !== layer.constructor) fail(`deserializeLayer(serializeLayer(layer)) made a ${rebuilt.constructor.name}`);
    expect(json(rebuilt.getConfig()), 'the config of the layer rebuilt from its config').toEqual(config);
    return rebuilt;
  }

  private checkBuild(shapes: Shapes): Layer {
    const layer = this.make();
    layer.build(shapes);
    this.checkWeightCounts(layer);
    return layer;
  }

  private checkWeightCounts(layer: Layer): void {
    const check = (kind: string, weights: { path: string }[], expected: number | undefined) => {
      if (expected !== undefined && weights.length !== expected) {
        fail(`expected ${expected} ${kind} weights, found ${weights.length}: [${weights.map((w) => w.path).join(', ')}]`);
      }
    };
    check('trainable', layer.trainableWeights, this.o.expectedNumTrainableWeights);
    check('non-trainable', layer.nonTrainableWeights, this.o.expectedNumNonTrainableWeights);
  }

  /** On a built layer, `computeOutputShape` and a symbolic call make no call into WebAssembly (no kernel on zeros). */
  private checkShapeInferenceIsArithmetic(layer: Layer, shapes: Shapes): void {
    const unknownBatch = mapShapes(shapes, batchUnknown);
    const inputs = symbolicInputs(unknownBatch, this.dtype);
    const inferences: [string, () => unknown][] = [
      [`computeOutputShape(${describeShapes(shapes)})`, () => layer.computeOutputShape(shapes)],
      [`computeOutputShape(${describeShapes(unknownBatch)})`, () => layer.computeOutputShape(unknownBatch)],
      ['the symbolic call', () => layer.apply(inputs)],
    ];
    for (const [what, infer] of inferences) {
      const start = wasmCallCount();
      infer();
      const calls = wasmCallCount() - start;
      if (calls > 0) fail(`${what} made ${calls} calls into WebAssembly: shape inference must be arithmetic (a computeOutputShape rule), not a call on zeros`);
    }
  }

  private checkSymbolicCall(shapes: Shapes): KerasTensor {
    const layer = this.make();
    const output = layer.apply(symbolicInputs(shapes, this.dtype));
    if (!(output instanceof KerasTensor)) fail(`expected one KerasTensor output, got ${describeValue(output)}`);
    if (!layer.built) fail('the layer is not built after a symbolic call');
    this.checkWeightCounts(layer);
    this.checkOutput('the symbolic output', output.shape, output.dtype);
    return output;
  }

  /** An eager call agrees with the symbolic one and with `computeOutputShape`, batch known or not. */
  private checkEagerCall(shapes: Shapes, symbolic: KerasTensor): Layer {
    const layer = this.make();
    tidy(() => {
      const output = layer.apply(this.inputs());
      if (Array.isArray(output)) fail(`expected one Tensor output, got ${output.length}`);
      this.checkOutput('the eager output', output.shape, output.dtype);
      if (!matchesShape(symbolic.shape, output.shape)) fail(`the eager output's shape ${formatShape(output.shape)} is not the symbolic output's ${formatShape(symbolic.shape)}`);
      if (output.dtype !== symbolic.dtype) fail(`the eager output's dtype ${output.dtype} is not the symbolic output's ${symbolic.dtype}`);
      expect(layer.computeOutputShape(shapes), `computeOutputShape(${describeShapes(shapes)})`).toEqual(output.shape);
      const unknownBatch = mapShapes(shapes, batchUnknown);
      expect(layer.computeOutputShape(unknownBatch), `computeOutputShape(${describeShapes(unknownBatch)})`).toEqual(batchUnknown(output.shape));
      const losses = layer.losses.length;
      if (this.o.expectedNumLosses !== undefined && losses !== this.o.expectedNumLosses) fail(`expected ${this.o.expectedNumLosses} losses after a call, found ${losses}`);
    });
    return layer;
  }

  private checkOutput(what: string, shape: SymbolicShape, dtype: DType): void {
    const expectedShape = this.o.expectedOutputShape;
    if (expectedShape && !matchesShape(expectedShape, shape)) fail(`expected ${what} of shape ${formatShape(expectedShape)}, got ${formatShape(shape)}`);
    const expectedDtype = this.o.expectedOutputDtype ?? 'float32';
    if (dtype !== expectedDtype) fail(`expected ${what} of dtype ${expectedDtype}, got ${dtype}`);
  }

  /** Inputs carrying masks give an output mask of the expected shape (or none). */
  private checkMask(layer: Layer): void {
    const expected = this.o.expectedMaskShape!;
    tidy(() => {
      const given = this.inputs();
      const maskShapes = shapeList(this.o.inputMaskShape ?? mapShapes(this.shapes!, (s) => s.slice(0, -1)));
      const masked = [given].flat().map((x, i) => withMask(x, inputMask(maskShapes[i]!)));
      const output = layer.apply(Array.isArray(given) ? masked : masked[0]!) as Tensor;
      const mask = output.kerasMask;
      if (expected === null && mask !== null) fail(`expected no output mask, got one of shape ${formatShape(mask.shape)}`);
      if (expected !== null && mask === null) fail(`expected an output mask of shape ${formatShape(expected)}, got none`);
      if (expected !== null && mask !== null && !matchesShape(expected, mask.shape)) fail(`expected an output mask of shape ${formatShape(expected)}, got ${formatShape(mask.shape)}`);
    });
  }

  /** The layer rebuilt from its config, built on the same shape and given the same weights, computes the same output. */
  private checkRebuiltComputesTheSame(layer: Layer, shapes: Shapes): void {
    const rebuilt = this.rebuild(layer);
    rebuilt.build(shapes);
    const weights = layer.getWeights();
    try {
      rebuilt.setWeights(weights);
    } finally {
      dispose(weights);
    }
    tidy(() => {
      const want = (layer.apply(this.inputs()) as Tensor).dataSync();
      expectClose(rebuilt.apply(this.inputs()) as Tensor, want, 1e-6);
    });
  }

  /** A symbolic and an eager call on an input of a rank the layer refuses raise a ValueError naming the layer. */
  private checkWrongRank(shapes: Shapes): void {
    const wrong = this.o.wrongRankShape ?? (isShapeList(shapes) ? null : oneAxisFewer(shapes));
    if (wrong === null) fail('a multi-input layer needs `wrongRankShape` (or `acceptsAnyRank: true`)');
    const symbolic = this.make();
    expectRefused(symbolic, wrong, 'symbolic', () => symbolic.apply(symbolicInputs(wrong, this.dtype)));
    const eager = this.make();
    tidy(() => expectRefused(eager, wrong, 'eager', () => eager.apply(mapShapes(wrong, (s, i) => eagerInput(s, this.dtype, 1 + i)))));
  }

  private checkTraining(shapes: Shapes): void {
    const symbolic = symbolicInputs(mapShapes(shapes, batchUnknown), this.dtype);
    checkTrainingStep(this.make(), symbolic, this.inputs(), this.o.expectedNonTrainableUpdates ?? []);
  }
}

function expectRefused(layer: Layer, shapes: Shapes, how: string, call: () => unknown): void {
  const input = `an input of shape ${describeShapes(shapes)}`;
  try {
    call();
  } catch (e) {
    if (!(e instanceof ValueError)) fail(`a ${how} call on ${input} raised ${describeValue(e)}, not a ValueError`);
    if (!e.message.includes(layer.name)) fail(`the ValueError of a ${how} call on ${input} does not name the layer "${layer.name}": ${e.message}`);
    return;
  }
  fail(`a ${how} call on ${input} was accepted (a layer that takes any rank says so with acceptsAnyRank)`);
}

/** The value as a saved file holds it: through JSON text and back. */
function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The config without any `name` (two instances built alike differ only by their unique names, and their sublayers'). */
function withoutNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNames);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'name').map(([k, v]) => [k, withoutNames(v)]));
}

function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.constructor.name}: ${value.message}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return value === null || typeof value !== 'object' ? String(value) : value.constructor.name;
}
