/**
 * Wraps a TypeScript function as a layer: `new Lambda((x) => ops.square(x))`.
 *
 * Saving: Keras saves a Python lambda as bytecode; kerasm never evaluates code from a config.
 * A Lambda is serialisable only when its function was registered by name with
 * `registerLambdaFunction(name, fn)`. Its config then names it as Keras names a registered
 * function (`{ class_name: 'function', config: name, registered_name: name }`), and loading
 * looks the name up in that registry (or in `customObjects`), failing clearly when it is unknown.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type LayerInputs, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { type CustomObjects, configToArgs, registerBuiltIn } from '../../engine/registry.js';
import { tensor } from '../../tensor/create.js';
import { tidy } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';
import { ownValue } from '../../utils/config_reader.js';

/** What a Lambda's function receives besides its inputs: the `arguments` option, `training` and `mask`. */
export type LambdaCallArgs = Record<string, unknown> & CallArgs;
/** The wrapped computation: tensor(s) in, tensor(s) out, using ops only. */
export type LambdaFunction = (inputs: LayerInputs, args: LambdaCallArgs) => LayerInputs;
/** The full output shape (batch dimension included) as a function of the input shape. */
export type OutputShapeFunction = (inputShape: ShapeOrShapes) => ShapeOrShapes;
/** The output mask as a function of the inputs and the input mask, as a layer's `computeMask`. */
export type MaskFunction = (inputs: LayerInputs, mask: Tensor | null) => Tensor | null;

const functionsByName = new Map<string, (...args: never[]) => unknown>();
const namesByFunction = new Map<(...args: never[]) => unknown, string>();

/**
 * Registers `fn` under `name`, so that a Lambda using it (as its function or its output shape)
 * can be saved and loaded again. Registering another function under a taken name replaces it.
 */
export function registerLambdaFunction(name: string, fn: LambdaFunction | OutputShapeFunction | MaskFunction): void {
  if (typeof name !== 'string' || name.length === 0) throw new ValueError(`registerLambdaFunction: \`name\` must be a non-empty string, received ${String(name)}`);
  if (typeof fn !== 'function') throw new ValueError(`registerLambdaFunction: \`fn\` must be a function, received ${typeof fn}`);
  const previous = functionsByName.get(name);
  if (previous) namesByFunction.delete(previous);
  functionsByName.set(name, fn);
  namesByFunction.set(fn, name);
}

export interface LambdaArgs extends LayerArgs {
  /** The function to wrap; it takes the input tensor(s) first. */
  function?: LambdaFunction;
  /**
   * The output shape, when inference is not wanted: an array (without the batch dimension, which
   * is copied from the input) or a function of the full input shape. By default kerasm infers it
   * by running the function once on zeros.
   */
  outputShape?: (number | null)[] | OutputShapeFunction | null;
  /** The output mask, as a function of the inputs and the input mask; by default the layer outputs no mask. */
  mask?: MaskFunction | null;
  /** Extra values passed to the function in its second argument (Keras's `arguments`). */
  arguments?: Record<string, unknown> | null;
}

export class Lambda extends Layer {
  static override className = 'Lambda';
  static override readonly signature = layerSignature<LambdaArgs>()({ function: REQUIRED, outputShape: null, mask: null, arguments: null });
  readonly fn: LambdaFunction;
  readonly outputShapeArg: (number | null)[] | OutputShapeFunction | null;
  readonly mask: MaskFunction | null;
  readonly arguments: Record<string, unknown>;

  /** `new Lambda(fn)`, `new Lambda(fn, [4])`, `new Lambda(fn, { outputShape })`, or `new Lambda({ function: fn })`. */
  constructor(...args: KerasArgs<[fn: LambdaFunction, outputShape: LambdaArgs['outputShape'], mask: MaskFunction | null], LambdaArgs>) {
    const a = Lambda.signature.resolve(args, new.target);
    super(a);
    if (typeof a.function !== 'function') throw new ValueError(`Lambda: \`function\` must be a function, received ${typeof a.function}`);
    this.fn = a.function;
    const shape = a.outputShape;
    if (shape !== null && typeof shape !== 'function' && !(Array.isArray(shape) && shape.every((d) => d === null || (Number.isInteger(d) && d >= 0)))) {
      throw new ValueError(`Lambda: \`output_shape\` must be an array of non-negative integers or null, or a function. Received: output_shape=${pythonRepr(shape)}`);
    }
    this.outputShapeArg = shape;
    if (a.mask !== null && typeof a.mask !== 'function') throw new ValueError(`Lambda: kerasm takes \`mask\` as a function of the inputs and the input mask. Received: mask=${pythonRepr(a.mask)}`);
    this.mask = a.mask;
    this.supportsMasking = this.mask !== null;
    this.arguments = a.arguments ?? {};
    this.built = true;
  }

  call(inputs: LayerInputs, args: CallArgs): LayerInputs {
    return this.fn(inputs, { ...this.arguments, training: args.training, mask: args.mask });
  }

  /** The `mask` function's output; no mask without one, as Keras. */
  override computeMask(inputs: LayerInputs, mask: Tensor | null): Tensor | null {
    return this.mask ? this.mask(inputs, mask) : null;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const given = this.outputShapeArg;
    if (typeof given === 'function') return given(inputShape);
    const batch = isShapeList(inputShape) ? inputShape[0]![0] ?? null : inputShape[0] ?? null;
    if (given !== null) return [batch, ...given];
    return this.inferOutputShape(inputShape);
  }

  /**
   * Runs the function on zeros twice, unknown dimensions set to 2 and then 3: dimensions that
   * follow them come out as unknown (null), the others as computed.
   */
  private inferOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
    const run = (fill: number): number[][] =>
      tidy(() => {
        const xs = shapes.map((s) => {
          const concrete = s.map((d) => d ?? fill);
          return tensor(new Float32Array(concrete.reduce((a, b) => a * b, 1)), concrete, this.dtype);
        });
        const out = this.call(isShapeList(inputShape) ? xs : xs[0]!, { training: false, mask: null });
        return (Array.isArray(out) ? out : [out]).map((t: Tensor) => [...t.shape]);
      });
    let first: number[][], second: number[][];
    try {
      first = run(2);
      second = run(3);
    } catch (e) {
      throw new ValueError(
        `We could not automatically infer the shape of the Lambda's output. Please specify the \`output_shape\` argument for this Lambda layer. (Running the function on zeros failed: ${(e as Error).message})`,
      );
    }
    const merged: SymbolicShape[] = first.map((s, i) => {
      const other = second[i]!;
      if (other.length !== s.length) {
        throw new ValueError("We could not automatically infer the shape of the Lambda's output. Please specify the `output_shape` argument for this Lambda layer.");
      }
      return s.map((d, j) => (d === other[j] ? d : null));
    });
    return merged.length === 1 ? merged[0]! : merged;
  }

  override getConfig(): LayerConfig {
    const config: LayerConfig = { ...super.getConfig(), function: serializeFunction(this.fn, this.name, 'function') };
    const shape = this.outputShapeArg;
    if (shape !== null) config.output_shape = typeof shape === 'function' ? serializeFunction(shape, this.name, 'output_shape') : shape;
    if (this.mask !== null) config.mask = serializeFunction(this.mask, this.name, 'mask');
    config.arguments = this.arguments;
    return config;
  }

  static fromConfig(config: LayerConfig, customObjects: CustomObjects = {}): Lambda {
    const { function: fnConfig, output_shape: shapeConfig, mask: maskConfig, ...rest } = config;
    const fn = deserializeFunction(fnConfig, customObjects, 'function') as LambdaFunction;
    const outputShape = Array.isArray(shapeConfig) || shapeConfig === undefined || shapeConfig === null
      ? (shapeConfig ?? null) as (number | null)[] | null
      : deserializeFunction(shapeConfig, customObjects, 'output_shape') as OutputShapeFunction;
    const mask = maskConfig === undefined || maskConfig === null ? null : deserializeFunction(maskConfig, customObjects, 'mask') as MaskFunction;
    return new Lambda(fn, outputShape, mask, configToArgs(rest) as LambdaArgs);
  }
}

/** Keras's form of a registered function: `{ module, class_name: 'function', config: name, registered_name }`. */
function serializeFunction(fn: (...args: never[]) => unknown, layerName: string, what: string): Record<string, unknown> {
  const name = namesByFunction.get(fn);
  if (name === undefined) {
    throw new ValueError(
      `Cannot serialize the \`${what}\` of Lambda layer '${layerName}': kerasm saves functions by name only. Register it first with registerLambdaFunction('some_name', fn).`,
    );
  }
  return { module: null, class_name: 'function', config: name, registered_name: name };
}

function deserializeFunction(config: unknown, customObjects: CustomObjects, what: string): (...args: never[]) => unknown {
  if (config && typeof config === 'object' && (config as { class_name?: unknown }).class_name === '__lambda__') {
    throw new ValueError(
      `Requested the deserialization of a \`Lambda\` layer whose \`${what}\` is a Python lambda (saved as bytecode). kerasm never runs code from a saved file: rewrite it in TypeScript, register it with registerLambdaFunction(name, fn), and save the model again under that name.`,
    );
  }
  const record = (config && typeof config === 'object' ? config : {}) as { config?: unknown; registered_name?: unknown };
  const names = typeof config === 'string' ? [config] : [record.config, record.registered_name].filter((n): n is string => typeof n === 'string');
  if (names.length === 0) throw new ValueError(`Lambda: cannot read the \`${what}\` entry of the config: ${JSON.stringify(config)}`);
  for (const name of names) {
    const custom = ownValue(customObjects, name);
    if (typeof custom === 'function' && !('className' in custom)) return custom;
    const registered = functionsByName.get(name);
    if (registered) return registered;
  }
  throw new ValueError(
    `Could not locate function '${names[0]}' for the \`${what}\` of a Lambda layer. Register it with registerLambdaFunction('${names[0]}', fn) or pass it in customObjects before loading.`,
  );
}

registerBuiltIn(Lambda);
