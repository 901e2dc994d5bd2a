/**
 * The Layer base class, with Keras's contract: a constructor that validates its arguments,
 * `build(inputShape)` that creates weights with `addWeight`, `call(inputs)` that uses ops only,
 * `computeOutputShape`, and `getConfig`. `apply` does the rest: input checks, lazy building,
 * masks, and symbolic (graph-recording) versus concrete execution.
 */
import { type ParamSpec, type SignedClass, Signature, signature } from '../arguments/signature.js';
import { dtypePolicyConfig, standardizeDtype } from '../arguments/dtype.js';
import { checkTensorSize } from '../arguments/shape.js';
import * as initializers from '../initializers/index.js';
import * as ops from '../ops/index.js';
import * as regularizers from '../regularizers.js';
import { upload } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import { type DType, Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { toSnakeCase, uniqueName } from '../utils/naming.js';
import { withCallContext } from './call_context.js';
import { InputSpec, assertInputCompatibility } from './input_spec.js';
import { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import { Node, withoutRecording } from '../ops/symbolic/node.js';
import { Operation } from '../ops/symbolic/operation.js';
import type { SymbolicShape } from './shape.js';
import { collectTracked, recordBookkeeping, trackedAttributes } from './tracking.js';
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

/**
 * What a layer needs of the metrics it keeps: Keras's `Mean`, which the training loop makes for each
 * `addMetric` name (metrics sit above the engine, so the engine names only what it uses).
 */
export interface LayerMetric {
  readonly name: string;
  updateState(values: Tensor): void;
  /** The value for the logs: a number, or an array for a result with a shape. */
  logValue(): number | number[];
  resetState(): void;
  dispose(): void;
}

/** A value `addMetric` recorded during a forward pass, with the layer that recorded it. */
export interface AddedMetricValue {
  layer: Layer;
  name: string;
  value: Tensor;
}

export type LayerConfig = Record<string, unknown>;
/** One input tensor, or several for layers such as `Add` or `Concatenate`. */
export type LayerInputs = Tensor | Tensor[];
export type SymbolicInputs = KerasTensor | KerasTensor[];
export type ShapeOrShapes = SymbolicShape | SymbolicShape[];

/** A call as a graph node holds it (Keras's `args` and `kwargs`), and as `apply` takes it: inputs and call arguments. */
export interface NodeCall {
  inputs: unknown;
  callArgs: CallArgs & Record<string, unknown>;
}

/**
 * A layer: weights, and the computation `call` makes with them.
 *
 * Tracking, as Keras 3: a layer's sublayers and variables are those it holds in its own
 * properties, directly or inside arrays and plain objects (nested), found in definition order,
 * plus the variables `addWeight` created. They count in `weights`, `trainableWeights`,
 * `nonTrainableWeights`, `countParams()`, `losses`, the saved files' paths and what `fit()`
 * trains; sublayers' in turn, depth first, each layer and variable once, so that a layer holding
 * a reference to its parent does not loop. Class instances other than layers and variables
 * (tensors, initializers, optimizers) are not looked into, and neither are the bookkeeping
 * properties of kerasm's own `Layer`, `Model` and `Sequential` (`inboundNodes`, `graph`, …),
 * which tracking skips as Keras skips the attributes of a bare `Layer`.
 *
 * A layer's own variables are kept as Keras keeps them: those that were trainable when first
 * tracked, then the others, each in tracking order (a variable both created by `addWeight` and
 * assigned to a property counts once). Setting `trainable` sets it on the layer, on every
 * tracked sublayer, and on the trainability of the variables tracked as trainable, as Keras's
 * setter does, so a frozen `BatchNormalization` runs in inference mode.
 *
 * `CallOptions` are the keyword arguments of the layer's call beyond `training` and `mask`
 * (MultiHeadAttention's `attentionMask`, `useCausalMask`, …): `apply` takes them and passes
 * them to `call`; `nodeArguments` and `callFromNode` say how a graph node records them.
 */
export abstract class Layer<CallOptions extends object = object> extends Operation {
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
  /** Keras's `_trainable_variables`: own variables that were trainable when tracked, in tracking order. */
  private trackedTrainable: Variable[] = [];
  /** Keras's `_non_trainable_variables`: the other own variables, in tracking order. */
  private trackedNonTrainable: Variable[] = [];
  private callLosses: Tensor[] = [];
  private callMetricValues: { name: string; value: Tensor }[] = [];
  private ownMetrics: LayerMetric[] = [];

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
    this.build = markedBuilt(this, this.build);
    recordBookkeeping(Layer, this);
  }

  /** Creates the weights for inputs of `inputShape`; the layer counts as built once it returns (Keras's build wrapper). */
  build(_inputShape: ShapeOrShapes): void {}

  /** The computation, with ops only. */
  abstract call(inputs: LayerInputs, args: CallArgs): LayerInputs;

  /**
   * The output shape for inputs of `inputShape`. Layers with a shape rule override this; the
   * default traces `call` on KerasTensors, as Keras's `compute_output_spec` (no kernel runs, and
   * the sublayers a subclassed layer calls are built).
   */
  computeOutputShape(inputShape: ShapeOrShapes, _options?: CallOptions): ShapeOrShapes {
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

  /** The layers this layer tracks in its properties, in definition order (models add their graph's). */
  protected sublayers(): Layer[] {
    return this.trackedValues().filter((v): v is Layer => v instanceof Layer && v !== this);
  }

  /** The layers and variables the layer's properties hold; newly seen variables join the stores, as Keras tracks on assignment. */
  private trackedValues(): (Layer | Variable)[] {
    const values = collectTracked(trackedAttributes(this).map(([, v]) => v), (v): v is Layer | Variable => v instanceof Layer || v instanceof Variable);
    for (const v of values) if (v instanceof Variable) this.trackVariable(v);
    return values;
  }

  /** Adds a variable to the store its trainability says (once); a frozen layer freezes it, as Keras's `_track_variable`. */
  private trackVariable(variable: Variable): void {
    if (this.trackedTrainable.includes(variable) || this.trackedNonTrainable.includes(variable)) return;
    (variable.trainable ? this.trackedTrainable : this.trackedNonTrainable).push(variable);
    if (!this.trainable) variable.trainable = false;
  }

  /** This layer, then every layer it tracks, depth first, each once. */
  private selfAndSublayers(): Layer[] {
    const found = new Set<Layer>();
    const visit = (layer: Layer): void => {
      if (found.has(layer)) return;
      found.add(layer);
      for (const l of layer.sublayers()) visit(l);
    };
    visit(this);
    return [...found];
  }

  /**
   * Calls the layer: on KerasTensors it checks and infers shapes (building if needed) and records
   * a node of the graph; on Tensors it checks the inputs, builds on first use, and computes.
   */
  apply(inputs: KerasTensor, args?: SymbolicCallArgs & CallOptions): KerasTensor;
  apply(inputs: KerasTensor[], args?: SymbolicCallArgs & CallOptions): KerasTensor | KerasTensor[];
  apply(inputs: Tensor, args?: CallArgs & CallOptions): Tensor;
  apply(inputs: Tensor[], args?: CallArgs & CallOptions): Tensor | Tensor[];
  apply(inputs: LayerInputs | SymbolicInputs, args?: (CallArgs | SymbolicCallArgs) & CallOptions): LayerInputs | SymbolicInputs;
  apply(inputs: LayerInputs | SymbolicInputs, args: (CallArgs | SymbolicCallArgs) & Partial<CallOptions> = {}): LayerInputs | SymbolicInputs {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length > 0 && list.every((x) => x instanceof KerasTensor)) return this.applySymbolic(inputs as SymbolicInputs, args as SymbolicCallArgs & Partial<CallOptions>);
    if (list.length === 0 || !list.every((x) => x instanceof Tensor)) {
      throw new ValueError(`Layer "${this.name}" expects Tensors or KerasTensors as inputs (not a mix), received ${describeInputs(list)}`);
    }
    const tensors = inputs as LayerInputs;
    const callArgs = args as CallArgs;
    this.checkInputs(list.map((t) => (t as Tensor).shape));
    this.maybeBuild(shapesOf(tensors));
    const mask = callArgs.mask !== undefined ? callArgs.mask : Array.isArray(tensors) ? null : tensors.kerasMask;
    const outputs = withCallContext(this, callArgs.training, (training) => this.call(tensors, { ...callArgs, training, mask }));
    if (!Array.isArray(outputs)) {
      outputs.kerasMask = this.outputMask(tensors, outputs, mask ?? null);
      if (this.activityRegularizer) this.addLoss(this.activityPenalty(outputs));
    }
    return outputs;
  }

  private applySymbolic(inputs: SymbolicInputs, args: SymbolicCallArgs & Partial<CallOptions>): KerasTensor | KerasTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    this.checkInputs(list.map((t) => t.shape));
    const shapes = Array.isArray(inputs) ? inputs.map((t) => t.shape) : inputs.shape;
    this.maybeBuild(shapes);
    const outShapes = this.computeOutputShape(shapes, args as CallOptions);
    const dtype = this.outputDtype(inputs);
    const outputs = isShapeList(outShapes)
      ? outShapes.map((s, i) => new KerasTensor(s, dtype, `${this.name}_${i}`))
      : [new KerasTensor(outShapes, dtype, this.name)];
    const [nodeArgs, nodeKwargs] = this.nodeArguments(inputs, args);
    new Node(this, nodeArgs, nodeKwargs, outputs);
    return isShapeList(outShapes) ? outputs : outputs[0]!;
  }

  /**
   * The positional and keyword arguments a symbolic call records on its node, as Keras records
   * them (and saves them in a Functional config): by default the inputs, then the `mask` and
   * `training` given. A layer whose call takes several tensors as arguments of their own, or
   * keywords of its own, overrides this and `callFromNode`.
   */
  protected nodeArguments(inputs: SymbolicInputs, args: SymbolicCallArgs & Partial<CallOptions>): [unknown[], Record<string, unknown>] {
    return [[inputs], recordedKwargs(args)];
  }

  /**
   * The inputs and call arguments of a call that a node (or a saved config's node) records with
   * `args` and `kwargs`: the inverse of `nodeArguments`. By default the first argument is the
   * input and only `mask` and `training` are taken; anything else is refused by name.
   */
  callFromNode(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): NodeCall {
    const { mask, training, ...others } = kwargs;
    if (args.length > 1 || Object.keys(others).length > 0) {
      const extra = [...args.slice(1).map((_, i) => `argument ${i + 2}`), ...Object.keys(others)];
      throw new ValueError(`Layer "${this.name}" is called with arguments kerasm's ${classNameOf(this)} does not take: ${extra.join(', ')}.`);
    }
    const callArgs: NodeCall['callArgs'] = {};
    if (mask !== undefined) callArgs.mask = mask as Tensor | null;
    if (typeof training === 'boolean') callArgs.training = training;
    return { inputs: args[0], callArgs };
  }

  /**
   * The dtype of a symbolic call's outputs: the layer's, as Keras gives layers whose output shape
   * comes from `compute_output_shape`. Layers that only move values (Flatten, Reshape…) keep the input's.
   */
  protected outputDtype(_inputs: SymbolicInputs): DType {
    return this.dtype;
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
    checkTensorSize(args.shape, `Layer "${this.name}": weight '${args.name}'`);
    const initializer = initializers.get(args.initializer ?? 'glorot_uniform');
    const value = initializer.call(args.shape, args.dtype ?? this.dtype);
    const variable = new Variable({
      name: args.name, path: `${this.name}/${args.name}`, value, trainable: args.trainable ?? true,
      regularizer: args.regularizer ?? null, constraint: args.constraint ?? null,
    });
    this.trackedValues(); // variables already held in properties were tracked first
    this.trackVariable(variable);
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
   * The loss terms of this layer and its sublayers, as Keras orders them: those `addLoss`
   * recorded during the latest forward pass, then the regularizers' penalties of the trainable
   * weights, computed now from their current values.
   */
  get losses(): Tensor[] {
    const added = this.selfAndSublayers().flatMap((l) => l.callLosses.filter((t) => !t.isDisposed));
    const penalties = this.trainableWeights.filter((w) => w.regularizer).map((w) => w.regularizer!.call(w.value));
    return [...added, ...penalties];
  }

  /** Forgets the losses recorded by earlier calls (a new forward pass starts). */
  clearLosses(): void {
    for (const l of this.selfAndSublayers()) l.callLosses = [];
  }

  /**
   * Records `value`, a tensor computed in `call` (a batch accuracy, a mean activation…), as the
   * metric `name`, as Keras 2's `add_metric`: `fit`, `evaluate`, `trainOnBatch` and `testOnBatch`
   * average it over their batches in a `Mean` of that name, made the first time and kept by this
   * layer (see `metrics`), and log it after the compiled metrics, `val_<name>` for validation.
   */
  addMetric(value: Tensor, name: string): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw new ValueError("Please provide a name for your metric like `this.addMetric(ops.sum(inputs), 'mean_activation')`");
    }
    if (!(value instanceof Tensor)) {
      throw new ValueError(`Layer "${this.name}": addMetric expects a Tensor computed in call(), received ${describeInputs([value])} for the metric '${name}'.`);
    }
    this.callMetricValues.push({ name, value });
  }

  /**
   * The values `addMetric` recorded during the latest forward pass of this layer and its
   * sublayers, in the order they were recorded; what the training loop feeds to `metrics`.
   */
  get addedMetricValues(): AddedMetricValue[] {
    return this.selfAndSublayers().flatMap((layer) =>
      layer.callMetricValues.filter(({ value }) => !value.isDisposed).map(({ name, value }) => ({ layer, name, value })),
    );
  }

  /** Forgets the metric values recorded by earlier calls (a new forward pass starts). */
  clearMetricValues(): void {
    for (const l of this.selfAndSublayers()) l.callMetricValues = [];
  }

  /**
   * This layer's metric called `name`, made by `make` and kept the first time it is asked for, as
   * Keras 2's `add_metric` makes one `Mean` per name and reuses it.
   */
  metricNamed(name: string, make: () => LayerMetric): LayerMetric {
    let metric = this.ownMetrics.find((m) => m.name === name);
    if (!metric) {
      metric = make();
      this.ownMetrics.push(metric);
    }
    return metric;
  }

  /** The metrics of this layer and its sublayers; for a model, its compiled metrics come first. */
  get metrics(): LayerMetric[] {
    return this.addedMetrics;
  }

  /** The `Mean` metrics of this layer's `addMetric` names and of its sublayers' (each once, this layer's first). */
  get addedMetrics(): LayerMetric[] {
    return unique(this.selfAndSublayers().flatMap((l) => l.ownMetrics));
  }

  get trainable(): boolean {
    return this.trainableValue;
  }

  /**
   * Sets `trainable` on this layer and every tracked sublayer, and on the variables each tracks as
   * trainable, as Keras's setter does (a variable created non-trainable stays so).
   */
  set trainable(value: boolean) {
    for (const layer of this.selfAndSublayers()) {
      layer.trackedValues();
      layer.trainableValue = value;
      for (const v of layer.trackedTrainable) v.trainable = value;
    }
  }

  /**
   * The variables this layer tracks itself, not through its sublayers: those tracked as trainable
   * first, then the others (what Keras's `save_own_variables` stores, in its order).
   */
  get ownWeights(): Variable[] {
    this.trackedValues();
    return [...this.trackedTrainable, ...this.trackedNonTrainable];
  }

  /** All weights: this layer's own, then its sublayers', depth first (each once, for shared layers). */
  get weights(): Variable[] {
    return unique(this.selfAndSublayers().flatMap((l) => l.ownWeights));
  }

  /** The weights training updates: none when the layer is frozen, otherwise those whose `trainable` is set. */
  get trainableWeights(): Variable[] {
    return this.trainable ? this.weights.filter((w) => w.trainable) : [];
  }

  /** The other weights: all of them when the layer is frozen. */
  get nonTrainableWeights(): Variable[] {
    return this.trainable ? this.weights.filter((w) => !w.trainable) : this.weights;
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

  /** Frees every weight and metric. The layer cannot be used afterwards. */
  dispose(): void {
    for (const w of this.weights) w.dispose();
    for (const m of this.addedMetrics) m.dispose();
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

/**
 * The output shape(s) of `layer.call` on KerasTensors, or null when the call returned something
 * else. Eager tensors the call makes on the way (constants such as `ops.arange` positions) are
 * freed with the trace; the weights its sublayers build are variables, which scopes do not free.
 */
function symbolicOutputShape(layer: Layer, inputShape: ShapeOrShapes): ShapeOrShapes | null {
  const placeholder = (s: SymbolicShape) => new KerasTensor([...s], 'float32', `${layer.name}_input`);
  const inputs = isShapeList(inputShape) ? inputShape.map(placeholder) : placeholder(inputShape);
  return tidy(() => {
    const out: unknown = withoutRecording(() => layer.call(inputs as unknown as LayerInputs, { training: false }));
    const outputs = Array.isArray(out) ? out : [out];
    if (!outputs.every((t) => t instanceof KerasTensor)) return null;
    return Array.isArray(out) ? outputs.map((t: KerasTensor) => t.shape) : (out as KerasTensor).shape;
  });
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

/**
 * `build` wrapped as Keras wraps it: once it returns, the layer is built, whether `apply` or the
 * user called it (a subclass's `build` need not say so, and a second call would add new weights).
 */
function markedBuilt(layer: Layer, build: Layer['build']): Layer['build'] {
  return (inputShape: ShapeOrShapes) => {
    build.call(layer, inputShape);
    layer.built = true;
  };
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
