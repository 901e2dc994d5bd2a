/**
 * The Layer base class, with Keras's contract: a constructor that validates its arguments,
 * `build(inputShape)` that creates weights with `addWeight`, `call(inputs)` that uses ops only,
 * `computeOutputShape`, and `getConfig`. `apply` does the rest: input checks, lazy building,
 * masks, and symbolic (graph-recording) versus concrete execution.
 */
import { type ParamSpec, type SignedClass, Signature, signature } from '../arguments/signature.js';
import { dtypePolicyConfig, standardizeDtype } from '../arguments/dtype.js';
import * as initializers from '../initializers.js';
import * as ops from '../ops/index.js';
import * as regularizers from '../regularizers.js';
import { upload } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import { type DType, Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { toSnakeCase, uniqueName } from '../utils/naming.js';
import { InputSpec, assertInputCompatibility } from './input_spec.js';
import { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import { Node, withoutRecording } from '../ops/symbolic/node.js';
import { Operation } from '../ops/symbolic/operation.js';
import type { SymbolicShape } from './shape.js';
import { Variable } from './variable.js';
import type { ConstraintLike } from '../constraints.js';
import type { RegularizerLike } from '../regularizers.js';

export interface LayerArgs {
  /** The layer's name; default: the snake_cased class name made unique (`dense`, `dense_1`). */
  name?: string | null;
  /** Whether the layer's weights are updated by training. Default true. */
  trainable?: boolean;
  /** The dtype of the layer's weights and computations (a name or a Keras dtype policy). Default 'float32'. */
  dtype?: DType | Record<string, unknown> | null;
  /** Whether inputs are cast to the layer's dtype (Keras's `autocast`). Default true. */
  autocast?: boolean;
  /** Shape of one sample (no batch dimension), to build the first layer of a Sequential model. */
  inputShape?: (number | null)[] | null;
  /** `inputDim: n` is `inputShape: [n]`, as in Keras. */
  inputDim?: number | null;
  /** A fixed batch size to go with `inputShape`. */
  batchSize?: number | null;
  /** The input shape with the batch dimension first (Keras 2's and TensorFlow.js's form of `inputShape` + `batchSize`). */
  batchInputShape?: (number | null)[] | null;
  /**
   * Penalty on the layer's output, added to the loss on every call and divided by the batch
   * size, as Keras does (`'l2'`, a `Regularizer`…). Default none.
   */
  activityRegularizer?: regularizers.RegularizerIdentifier;
  /**
   * Keras 2's flag for layers that cannot be traced into a static graph. kerasm runs every
   * layer eagerly, so it changes nothing; it is kept so that such layers construct as written.
   */
  dynamic?: boolean;
}

/** The keyword arguments every layer takes besides its own (Keras's `Layer.__init__` and the `**kwargs` it allows). */
export const LAYER_KEYWORDS: ParamSpec<LayerArgs> = {
  activityRegularizer: null, trainable: true, dtype: null, autocast: true, name: null,
  inputShape: null, inputDim: null, batchSize: null, batchInputShape: null, dynamic: false,
};

/** A layer's signature: Keras's own parameters in order (`params`), plus every layer's keywords. */
export function layerSignature<A extends LayerArgs>() {
  return <const P extends ParamSpec<A>>(params: P, keywords: ParamSpec<A> = {}): Signature<A, P> =>
    signature<A>()(params, { ...(LAYER_KEYWORDS as ParamSpec<A>), ...keywords });
}

export interface CallArgs {
  /** Training mode (dropout and similar layers behave differently). */
  training?: boolean;
  /** The input's mask (which timesteps count), when a masking layer upstream produced one. */
  mask?: Tensor | null;
}

/** The keyword arguments of a call on KerasTensors; the graph node records those given (Keras's `kwargs`). */
export interface SymbolicCallArgs {
  /** Training mode for this call when the model is run without one. */
  training?: boolean;
  /** The input's mask, as a KerasTensor of the graph (Keras writes masks this way). */
  mask?: KerasTensor | null;
}

export interface AddWeightArgs {
  name: string;
  shape: number[];
  initializer?: initializers.InitializerIdentifier;
  trainable?: boolean;
  dtype?: DType;
  /** A loss term computed from the weight (e.g. L2), added to the training loss. */
  regularizer?: RegularizerLike | null;
  /** A projection applied after each optimizer update (e.g. MaxNorm). */
  constraint?: ConstraintLike | null;
}

export type LayerConfig = Record<string, unknown>;
/** One input tensor, or several for layers such as `Add` or `Concatenate`. */
export type LayerInputs = Tensor | Tensor[];
export type SymbolicInputs = KerasTensor | KerasTensor[];
export type ShapeOrShapes = SymbolicShape | SymbolicShape[];

export abstract class Layer extends Operation {
  static className = 'Layer';
  /** The arguments a direct subclass of Layer passes to `super()`: the layer keywords only, as Keras. */
  static readonly signature: Signature<object> = layerSignature<LayerArgs>()({});
  readonly name: string;
  readonly dtype: DType;
  readonly autocast: boolean;
  /** Keras 2's `dynamic` flag, kept as given (see `LayerArgs.dynamic`). */
  readonly dynamic: boolean;
  /** The input shape given at construction (`inputShape` / `batchSize`), batch dimension first. */
  readonly batchInputShape: SymbolicShape | null;
  built = false;
  /** What inputs the layer accepts: one spec, or one per input for multi-input layers. */
  inputSpec: InputSpec | (InputSpec | null)[] | null = null;
  /** Whether the layer passes an incoming mask through unchanged (see `computeMask`). */
  supportsMasking = false;
  /** Penalty on the output, added to the loss of every call. */
  readonly activityRegularizer: RegularizerLike | null;
  private trainableValue: boolean;
  private ownWeights: Variable[] = [];
  private callLosses: Tensor[] = [];

  /**
   * Built-in layers resolve their arguments with their own signature before calling this; a
   * user's direct subclass passes its `super()` arguments here, which are checked as Keras's
   * `Layer.__init__` checks its keywords.
   */
  constructor(args: LayerArgs = {}) {
    super();
    const cls = new.target as unknown as SignedClass;
    const a: LayerArgs = cls.signature === Layer.signature ? Layer.signature.resolve([args], cls) : args;
    const className = classNameOf(this);
    this.name = a.name ?? uniqueName(toSnakeCase(className));
    if (typeof this.name !== 'string' || this.name.length === 0) throw new ValueError(`Layer name must be a non-empty string, received ${String(a.name)}`);
    if (typeof (a.trainable ?? true) !== 'boolean') {
      throw new ValueError(`Expected \`trainable\` to be a boolean. Received: trainable=${String(a.trainable)} (of type ${typeof a.trainable})`);
    }
    this.trainableValue = a.trainable ?? true;
    this.dtype = standardizeDtype(a.dtype);
    this.autocast = a.autocast ?? true;
    this.dynamic = a.dynamic ?? false;
    this.batchInputShape = batchInputShapeOf(a);
    this.activityRegularizer = regularizers.get(a.activityRegularizer);
  }

  /** Creates the weights for inputs of `inputShape`. */
  build(_inputShape: ShapeOrShapes): void {
    this.built = true;
  }

  /** The computation, with ops only. */
  abstract call(inputs: LayerInputs, args: CallArgs): LayerInputs;

  /**
   * The output shape for inputs of `inputShape`. Layers with a shape rule override this; the
   * default traces `call` on KerasTensors, as Keras's `compute_output_spec` (no kernel runs, and
   * the sublayers a subclassed layer calls are built).
   */
  computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return traceOutputShape(this, inputShape);
  }

  /** The output mask; by default the input mask passes through when the layer supports masking. */
  computeMask(_inputs: LayerInputs, mask: Tensor | null): Tensor | null {
    return this.supportsMasking ? mask : null;
  }

  /** The mask to attach to a concrete output; models whose graph already attached one override it. */
  protected outputMask(inputs: LayerInputs, _outputs: Tensor, mask: Tensor | null): Tensor | null {
    return this.computeMask(inputs, mask);
  }

  /** Layers that this layer owns (models and wrappers override it). */
  protected sublayers(): Layer[] {
    return [];
  }

  /**
   * Calls the layer: on KerasTensors it checks and infers shapes (building if needed) and records
   * a node of the graph; on Tensors it checks the inputs, builds on first use, and computes.
   */
  apply(inputs: KerasTensor, args?: SymbolicCallArgs): KerasTensor;
  apply(inputs: KerasTensor[], args?: SymbolicCallArgs): KerasTensor | KerasTensor[];
  apply(inputs: Tensor, args?: CallArgs): Tensor;
  apply(inputs: Tensor[], args?: CallArgs): Tensor | Tensor[];
  apply(inputs: LayerInputs | SymbolicInputs, args?: CallArgs | SymbolicCallArgs): LayerInputs | SymbolicInputs;
  apply(inputs: LayerInputs | SymbolicInputs, args: CallArgs | SymbolicCallArgs = {}): LayerInputs | SymbolicInputs {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length > 0 && list.every((x) => x instanceof KerasTensor)) return this.applySymbolic(inputs as SymbolicInputs, args as SymbolicCallArgs);
    if (list.length === 0 || !list.every((x) => x instanceof Tensor)) {
      throw new ValueError(`Layer "${this.name}" expects Tensors or KerasTensors as inputs (not a mix), received ${describeInputs(list)}`);
    }
    const tensors = inputs as LayerInputs;
    const callArgs = args as CallArgs;
    this.checkInputs(list.map((t) => (t as Tensor).shape));
    this.maybeBuild(shapesOf(tensors));
    const mask = callArgs.mask !== undefined ? callArgs.mask : Array.isArray(tensors) ? null : tensors.kerasMask;
    const outputs = this.call(tensors, { ...callArgs, mask });
    if (!Array.isArray(outputs)) {
      outputs.kerasMask = this.outputMask(tensors, outputs, mask ?? null);
      if (this.activityRegularizer) this.addLoss(this.activityPenalty(outputs));
    }
    return outputs;
  }

  private applySymbolic(inputs: SymbolicInputs, args: SymbolicCallArgs): KerasTensor | KerasTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    this.checkInputs(list.map((t) => t.shape));
    const shapes = Array.isArray(inputs) ? inputs.map((t) => t.shape) : inputs.shape;
    this.maybeBuild(shapes);
    const outShapes = this.computeOutputShape(shapes);
    const outputs = isShapeList(outShapes)
      ? outShapes.map((s, i) => new KerasTensor(s, this.dtype, `${this.name}_${i}`))
      : [new KerasTensor(outShapes, this.dtype, this.name)];
    new Node(this, [inputs], recordedKwargs(args), outputs);
    return isShapeList(outShapes) ? outputs : outputs[0]!;
  }

  /** Checks every input against the input spec (one spec for all, or one per input). */
  private checkInputs(shapes: SymbolicShape[]): void {
    const spec = this.inputSpec;
    if (spec === null) return;
    if (Array.isArray(spec)) {
      if (spec.length !== shapes.length) {
        throw new ValueError(`Layer "${this.name}" expects ${spec.length} input(s), but it received ${shapes.length} input tensors.`);
      }
      shapes.forEach((s, i) => assertInputCompatibility(spec[i] ?? null, s, this.name, i));
    } else {
      shapes.forEach((s, i) => assertInputCompatibility(spec, s, this.name, i));
    }
  }

  /** Builds once, then checks the inputs against the spec that building tightened. */
  protected maybeBuild(inputShape: ShapeOrShapes): void {
    if (this.built) return;
    this.build(inputShape);
    this.built = true;
    this.checkInputs(isShapeList(inputShape) ? inputShape : [inputShape]);
  }

  /** Creates a weight owned by this layer, named `layer/name` as Keras names variables. */
  addWeight(args: AddWeightArgs): Variable {
    const initializer = initializers.get(args.initializer ?? 'glorot_uniform');
    const value = initializer.call(args.shape, args.dtype ?? this.dtype);
    const variable = new Variable({
      name: args.name, path: `${this.name}/${args.name}`, value, trainable: args.trainable ?? true,
      regularizer: args.regularizer ?? null, constraint: args.constraint ?? null,
    });
    this.ownWeights.push(variable);
    return variable;
  }

  /** The activity penalty of `outputs`, divided by the batch size (Keras's divide_no_nan: 0 for an empty batch). */
  private activityPenalty(outputs: Tensor): Tensor {
    const penalty = this.activityRegularizer!.call(outputs);
    const batch = outputs.shape[0] ?? 1;
    return batch > 0 ? ops.divide(penalty, batch) : ops.multiply(penalty, 0);
  }

  /** Adds a loss term (a scalar tensor computed in `call`) to the training loss of this call. */
  addLoss(loss: Tensor): void {
    this.callLosses.push(loss);
  }

  /**
   * The loss terms of this layer and its sublayers: those `addLoss` recorded during the latest
   * forward pass, and the weight regularizers' penalties, computed now from the current weights.
   */
  get losses(): Tensor[] {
    const own = this.callLosses.filter((t) => !t.isDisposed);
    const penalties = this.ownWeights.filter((w) => w.regularizer).map((w) => w.regularizer!.call(w.value));
    return [...own, ...penalties, ...this.sublayers().flatMap((l) => l.losses)];
  }

  /** Forgets the losses recorded by earlier calls (a new forward pass starts). */
  clearLosses(): void {
    this.callLosses = [];
    for (const l of this.sublayers()) l.clearLosses();
  }

  get trainable(): boolean {
    return this.trainableValue;
  }

  set trainable(value: boolean) {
    this.trainableValue = value;
  }

  /** All weights: this layer's own, then its sublayers' (each once, for shared layers). */
  get weights(): Variable[] {
    return unique([...this.ownWeights, ...this.sublayers().flatMap((l) => l.weights)]);
  }

  get trainableWeights(): Variable[] {
    if (!this.trainable) return [];
    return unique([...this.ownWeights.filter((w) => w.trainable), ...this.sublayers().flatMap((l) => l.trainableWeights)]);
  }

  get nonTrainableWeights(): Variable[] {
    if (!this.trainable) return this.weights;
    return unique([...this.ownWeights.filter((w) => !w.trainable), ...this.sublayers().flatMap((l) => l.nonTrainableWeights)]);
  }

  /** Copies of the weight values, in `weights` order (the caller disposes them). */
  getWeights(): Tensor[] {
    return this.weights.map((w) => ops.reshape(w.value, w.shape));
  }

  /** Sets every weight from `values` (copied), in `weights` order; shapes must match. */
  setWeights(values: Tensor[]): void {
    const weights = this.weights;
    if (values.length !== weights.length) {
      throw new ValueError(`Layer ${this.name} weight list length mismatch: expected ${weights.length} weights, received ${values.length}`);
    }
    weights.forEach((w, i) => {
      const v = values[i]!;
      if (v.shape.length !== w.shape.length || v.shape.some((d, j) => d !== w.shape[j])) {
        throw new ValueError(`Layer ${this.name} weight shape ${formatShape(w.shape)} is not compatible with provided weight shape ${formatShape(v.shape)}.`);
      }
    });
    weights.forEach((w, i) => w.assign(ops.cast(values[i]!, w.dtype)));
  }

  /** The number of scalars in all weights; the layer must be built. */
  countParams(): number {
    if (!this.built) {
      throw new ValueError(`You tried to call \`count_params\` on layer '${this.name}', but the layer isn't built. You can build it manually via: \`layer.build(batch_input_shape)\`.`);
    }
    return this.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  }

  /** The symbolic input of the layer's first call (a list for multi-input layers). */
  override get input(): KerasTensor | KerasTensor[] {
    return this.firstNode('input').args[0] as KerasTensor | KerasTensor[];
  }

  /** The input shape of the layer's first call. */
  get inputShape(): ShapeOrShapes {
    const input = this.firstNode('input shape').args[0] as KerasTensor | KerasTensor[];
    return Array.isArray(input) ? input.map((t) => t.shape) : input.shape;
  }

  /** The output shape of the layer's first call. */
  get outputShape(): ShapeOrShapes {
    const outputs = this.firstNode('output shape').outputs;
    return outputs.length === 1 ? outputs[0]!.shape : outputs.map((t) => t.shape);
  }

  /** The constructor arguments, with Keras's snake_case keys. */
  getConfig(): LayerConfig {
    const config: LayerConfig = {
      name: this.name,
      trainable: this.trainable,
      dtype: dtypePolicyConfig(this.dtype),
    };
    if (this.batchInputShape) config.batch_input_shape = this.batchInputShape;
    // Keras's base config holds `activity_regularizer`, and only when one is set.
    if (this.activityRegularizer) config.activity_regularizer = regularizers.serialize(this.activityRegularizer);
    return config;
  }

  /** Frees every weight. The layer cannot be used afterwards. */
  dispose(): void {
    for (const w of this.weights) w.dispose();
  }
}

/**
 * The Keras class name of a layer (or op): its class's own static `className`, or, for user
 * subclasses that do not declare one, the JavaScript class name (as Keras uses the Python class name).
 */
export function classNameOf(layer: Operation): string {
  const cls = layer.constructor as typeof Layer;
  return Object.prototype.hasOwnProperty.call(cls, 'className') ? cls.className : cls.name;
}

/**
 * The output shape(s) of `layer.call` traced on KerasTensors of `inputShape`, as Keras's
 * `compute_output_spec`: the ops the call uses infer their shapes by arithmetic and run no kernel,
 * and the sublayers it calls build without recording nodes. A call that cannot run on
 * KerasTensors (it reads values, hands a KerasTensor to code that takes only Tensors, or returns
 * something else than KerasTensors) throws or returns a non-symbolic result; only then is the
 * layer called on zeros of the input shape instead.
 */
function traceOutputShape(layer: Layer, inputShape: ShapeOrShapes): ShapeOrShapes {
  let traced: ShapeOrShapes | null;
  try {
    traced = symbolicOutputShape(layer, inputShape);
  } catch {
    traced = null;
  }
  return traced ?? concreteOutputShape(layer, inputShape);
}

/** The output shape(s) of `layer.call` on KerasTensors, or null when the call returned something else. */
function symbolicOutputShape(layer: Layer, inputShape: ShapeOrShapes): ShapeOrShapes | null {
  const placeholder = (s: SymbolicShape) => new KerasTensor([...s], 'float32', `${layer.name}_input`);
  const inputs = isShapeList(inputShape) ? inputShape.map(placeholder) : placeholder(inputShape);
  const out: unknown = withoutRecording(() => layer.call(inputs as unknown as LayerInputs, { training: false }));
  const outputs = Array.isArray(out) ? out : [out];
  if (!outputs.every((t) => t instanceof KerasTensor)) return null;
  return Array.isArray(out) ? outputs.map((t: KerasTensor) => t.shape) : (out as KerasTensor).shape;
}

/** The output shape(s) of `layer.call` on zeros of `inputShape` (unknown sizes as 1), with the batch dimension kept symbolic. */
function concreteOutputShape(layer: Layer, inputShape: ShapeOrShapes): ShapeOrShapes {
  const batchUnknown = (isShapeList(inputShape) ? inputShape[0]?.[0] : inputShape[0]) === null;
  return tidy(() => {
    const zeros = (s: SymbolicShape) => upload(new Float32Array(s.reduce<number>((n, d) => n * (d ?? 1), 1)), s.map((d) => d ?? 1), 'float32');
    const out = layer.call(isShapeList(inputShape) ? inputShape.map(zeros) : zeros(inputShape), { training: false });
    const symbolic = (t: Tensor): SymbolicShape => (batchUnknown ? [null, ...t.shape.slice(1)] : [...t.shape]);
    return Array.isArray(out) ? out.map(symbolic) : symbolic(out);
  });
}

/** The keyword arguments of a symbolic call that its node records: those given. */
function recordedKwargs(args: SymbolicCallArgs): Record<string, unknown> {
  const kwargs: Record<string, unknown> = {};
  if (args.mask !== undefined) kwargs.mask = args.mask;
  if (args.training !== undefined) kwargs.training = args.training;
  return kwargs;
}

/** The batch input shape that `inputShape` / `inputDim` / `batchSize` / `batchInputShape` describe, if any. */
function batchInputShapeOf(args: LayerArgs): SymbolicShape | null {
  if (args.batchInputShape) return [...args.batchInputShape];
  const shape = args.inputShape ?? (args.inputDim !== null && args.inputDim !== undefined ? [args.inputDim] : null);
  return shape ? [args.batchSize ?? null, ...shape] : null;
}

/** Whether `shape` is a list of shapes rather than one shape. */
export function isShapeList(shape: ShapeOrShapes): shape is SymbolicShape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}

function shapesOf(inputs: LayerInputs): ShapeOrShapes {
  return Array.isArray(inputs) ? inputs.map((t) => t.shape) : inputs.shape;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function describeInputs(list: unknown[]): string {
  if (list.length === 0) return 'an empty list';
  return list.map((x) => (x === null ? 'null' : typeof x === 'object' ? (x as object).constructor?.name ?? 'object' : typeof x)).join(', ');
}
