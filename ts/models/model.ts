/**
 * Model: a layer made of layers that can be summarised, trained, evaluated, saved and used for
 * prediction. Given `inputs` and `outputs` it is a Functional model over the layer graph between
 * them; subclasses instead write their own `call` and keep their layers as properties.
 */
import { type KerasArgs, type Signature, signature } from '../arguments/signature.js';
import { InputSpec } from '../engine/input_spec.js';
import { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type LayerInputs, type LayerMetric, type ShapeOrShapes, isShapeList } from '../engine/layer.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { SymbolicShape } from '../engine/shape.js';
import { recordBookkeeping } from '../engine/tracking.js';
import * as ops from '../ops/index.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import type { BatchData } from '../training/batch_source.js';
import type { LogValue, Logs } from '../training/callbacks/callback.js';
import type { History } from '../training/callbacks/history.js';
import type { CompileArgs } from '../training/compile.js';
import type { InputData } from '../training/data.js';
import type { EvaluateArgs, FitArgs, PredictArgs, TestOnBatchArgs, TrainOnBatchArgs } from '../training/options.js';
import type { TrainableModel } from '../training/trainable.js';
import { Trainer } from '../training/trainer.js';
import { ValueError } from '../utils/errors.js';
import { uniqueName } from '../utils/naming.js';
import { type CustomObjects, registerBuiltIn, serializeLayer } from '../engine/registry.js';
import { type IOStructure, functionalConfig, functionalFromConfig } from './functional_config.js';
import { LayerGraph } from './graph.js';
import type { Operation } from '../ops/symbolic/operation.js';
import { disposeOnFailure } from '../engine/dispose_on_failure.js';
import { type SummaryOptions, summaryLines } from './summary.js';

export type ModelArgs = Pick<LayerArgs, 'name' | 'trainable'>;

export interface FunctionalArgs extends ModelArgs {
  /** The model's inputs: KerasTensors from `Input()`. */
  inputs: KerasTensor | KerasTensor[];
  /** The model's outputs: KerasTensors computed from the inputs. */
  outputs: KerasTensor | KerasTensor[];
}

/** Keras's `Functional(inputs, outputs, name=None, **kwargs)`; a subclassed model passes only `name` / `trainable`. */
const MODEL_SIGNATURE = signature<{ inputs?: KerasTensor | KerasTensor[] | null; outputs?: KerasTensor | KerasTensor[] | null } & ModelArgs>()(
  { inputs: null, outputs: null, name: null }, { trainable: true },
);

export class Model extends Layer implements TrainableModel {
  static override className = 'Functional';
  /** Set by callbacks such as `EarlyStopping` to end `fit()` (checked after each batch and each epoch). */
  stopTraining = false;
  /** Set by a callback to end an evaluation (`evaluate()`, fit's validation) after the current batch. */
  stopEvaluating = false;
  /** Set by a callback to end `predict()` after the current batch. */
  stopPredicting = false;
  /** The layer graph of a Functional model (null for subclassed models and unbuilt Sequentials). */
  protected graph: LayerGraph | null = null;
  private inputsAreList = false;
  private outputsAreList = false;
  private ioStructure: IOStructure = { inputsAreList: false, outputsAreList: false };
  /** The arguments of the latest `compile()` (null until compiled): what saving records as `compile_config`. */
  compileArgs: CompileArgs | null = null;
  /** The input shape a first call built the model for (Keras's `build_config`), null until then. */
  buildInputShape: ShapeOrShapes | null = null;
  private readonly trainer = new Trainer(this);

  /**
   * `new Model({ inputs, outputs, name })` or `new Model(inputs, outputs)` builds a Functional
   * model; `super()` / `super({ name })` in a subclass starts a subclassed model.
   */
  static override readonly signature: Signature<object> = MODEL_SIGNATURE;

  constructor(...args: KerasArgs<[inputs: KerasTensor | KerasTensor[], outputs: KerasTensor | KerasTensor[], name: string], ModelArgs | FunctionalArgs>) {
    const a = MODEL_SIGNATURE.resolve(args, new.target);
    const functional = a.inputs !== null || a.outputs !== null;
    // Keras names a bare Model `model` (its class), a Functional one `functional`, a subclass after itself.
    super({ name: a.name ?? (new.target === Model && !functional ? uniqueName('model') : null), trainable: a.trainable });
    if (functional) this.setGraph(a.inputs!, a.outputs!);
    recordBookkeeping(Model, this);
  }

  /** Makes this a Functional model over the graph from `inputs` to `outputs`. */
  protected setGraph(inputs: KerasTensor | KerasTensor[], outputs: KerasTensor | KerasTensor[]): void {
    if (inputs === undefined || outputs === undefined) throw new ValueError('A Functional model needs both `inputs` and `outputs`.');
    // As Keras: a list of one input or output behaves as the tensor itself (`unpack_singleton`),
    // but the config keeps the structure the model was given.
    this.ioStructure = { inputsAreList: Array.isArray(inputs), outputsAreList: Array.isArray(outputs) };
    this.inputsAreList = Array.isArray(inputs) && inputs.length > 1;
    this.outputsAreList = Array.isArray(outputs) && outputs.length > 1;
    this.graph = new LayerGraph(Array.isArray(inputs) ? inputs : [inputs], Array.isArray(outputs) ? outputs : [outputs]);
    this.inputSpec = this.graph.inputs.map((t) => new InputSpec({ shape: t.shape }));
    if (!this.inputsAreList) this.inputSpec = this.inputSpec[0]!;
    this.built = true;
  }

  /**
   * The model's layers: for a Functional model every layer of its graph (inputs included), in
   * graph order; for a subclassed model the layers it holds as properties, in definition order.
   */
  get layers(): Layer[] {
    if (this.graph) return [...this.graph.layers];
    return super.sublayers();
  }

  /** Its `layers`, then any other layer a subclass holds in its properties (Keras tracks both). */
  protected override sublayers(): Layer[] {
    return [...new Set([...this.layers, ...super.sublayers()])];
  }

  /** The symbolic inputs of a Functional model. */
  get inputs(): KerasTensor[] {
    return [...this.functionalGraph('inputs').inputs];
  }

  /** The symbolic outputs of a Functional model. */
  get outputs(): KerasTensor[] {
    return [...this.functionalGraph('outputs').outputs];
  }

  /** The names of the input layers, the keys of dict inputs to `fit` / `predict`. */
  get inputNames(): string[] {
    return this.functionalGraph('inputNames').inputs.map((t) => t.operation.name);
  }

  /** The names of the layers (or ops) that produce the outputs, the keys of dict targets and losses. */
  get outputNames(): string[] {
    return this.functionalGraph('outputNames').outputs.map((t) => t.operation.name);
  }

  /** A Functional model's input (a list for several inputs); otherwise that of its first call. */
  override get input(): KerasTensor | KerasTensor[] {
    if (!this.graph) return super.input;
    return this.inputsAreList ? this.inputs : this.graph.inputs[0]!;
  }

  /** A Functional model's output (a list for several outputs); otherwise that of its first call. */
  override get output(): KerasTensor | KerasTensor[] {
    if (!this.graph) return super.output;
    return this.outputsAreList ? this.outputs : this.graph.outputs[0]!;
  }

  override get inputShape(): ShapeOrShapes {
    if (!this.graph) return super.inputShape;
    const shapes = this.graph.inputs.map((t) => t.shape);
    return this.inputsAreList ? shapes : shapes[0]!;
  }

  override get outputShape(): ShapeOrShapes {
    if (!this.graph) return super.outputShape;
    const shapes = this.graph.outputs.map((t) => t.shape);
    return this.outputsAreList ? shapes : shapes[0]!;
  }

  protected functionalGraph(what: string): LayerGraph {
    if (!this.graph) throw new ValueError(`Model '${this.name}' has no \`${what}\`: it is not a Functional model (or not built yet).`);
    return this.graph;
  }

  /** A Functional model runs its graph; subclasses override this with their own computation. */
  call(inputs: LayerInputs, args: CallArgs): LayerInputs {
    if (!this.graph) {
      throw new ValueError(`Model '${this.name}' has no \`call\`: subclasses of Model must implement call(), or pass \`inputs\` and \`outputs\`.`);
    }
    const graph = this.graph;
    // As Keras's Functional, each input is converted to its Input's dtype (int data for a float32 Input).
    const list = (Array.isArray(inputs) ? inputs : [inputs]).map((x, i) => {
      const dtype = graph.inputs[i]?.dtype;
      if (!dtype || x.dtype === dtype) return x;
      if (x.dtype === 'string' || dtype === 'string') {
        throw new ValueError(`Input "${graph.inputs[i]!.name}" of model "${this.name}" expects ${dtype} data, but it received a ${x.dtype} tensor of shape ${formatShape(x.shape)}.`);
      }
      return ops.cast(x, dtype);
    });
    const outputs = graph.execute(list, args);
    return this.outputsAreList ? outputs : outputs[0]!;
  }

  /** A Functional model's output mask is whatever its graph's last layers attached. */
  protected override outputMask(inputs: LayerInputs, outputs: Tensor, mask: Tensor | null): Tensor | null {
    return this.graph ? outputs.kerasMask : super.outputMask(inputs, outputs, mask);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    if (!this.graph) return super.computeOutputShape(inputShape);
    const shapes = this.graph.outputShapes(isShapeList(inputShape) ? inputShape : [inputShape]);
    return this.outputsAreList ? shapes : shapes[0]!;
  }

  /** Models built by a first call accept any batch size: the batch dimension stays unknown. */
  protected override maybeBuild(inputShape: ShapeOrShapes): void {
    const free = (s: SymbolicShape): SymbolicShape => [null, ...s.slice(1)];
    if (!this.built) this.buildInputShape = isShapeList(inputShape) ? inputShape.map(free) : free(inputShape);
    super.maybeBuild(this.buildInputShape ?? inputShape);
  }

  /** The forward pass used by training and prediction; a new pass forgets earlier `addLoss` terms and `addMetric` values. */
  forward(x: Tensor, training: boolean): Tensor;
  forward(x: LayerInputs, training: boolean): LayerInputs;
  forward(x: LayerInputs, training: boolean): LayerInputs {
    this.clearLosses();
    this.clearMetricValues();
    return this.apply(x, { training }) as LayerInputs;
  }

  /** A layer by name or by index into `layers`. */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    if (typeof nameOrIndex === 'number') {
      const layer = layers[nameOrIndex];
      if (!layer) throw new ValueError(`Was asked to retrieve layer at index ${nameOrIndex} but model only has ${layers.length} layers.`);
      return layer;
    }
    const layer = layers.find((l) => l.name === nameOrIndex);
    if (!layer) throw new ValueError(`No such layer: ${nameOrIndex}. Existing layers are: ${JSON.stringify(layers.map((l) => l.name))}.`);
    return layer;
  }

  /** Configures training: the optimizer (default 'rmsprop'), the loss, and metrics such as 'accuracy'. */
  compile(args: CompileArgs): void {
    this.trainer.compile(args);
    this.compileArgs = args;
  }

  /** The optimizer `compile()` set. */
  get optimizer(): Optimizer {
    return this.trainer.optimizer;
  }

  /** `['loss', ...metric names]`, the order `evaluate()` returns values in. */
  get metricsNames(): string[] {
    return this.trainer.metricsNames;
  }

  /**
   * The metric objects behind `metricsNames`, as Keras 2's `model.metrics`: once compiled, the loss
   * tracker, then (from the first batch) the compiled metrics and the per-output losses; then the
   * metrics `addMetric` made on the model and its layers.
   */
  override get metrics(): LayerMetric[] {
    return this.trainer.isCompiled ? this.trainer.metrics : this.addedMetrics;
  }

  /**
   * Trains for `epochs` epochs on `x` / `y`, or on batch data given alone (a generator function,
   * an iterable of `[x, y]` batches, a `utils.Dataset`, a `utils.PyDataset`) with the options
   * second; resolves to the History of the run.
   */
  fit(x: InputData, y: InputData, args?: FitArgs): Promise<History>;
  fit(data: BatchData, args?: FitArgs): Promise<History>;
  fit(x: InputData | BatchData, y?: InputData | FitArgs, args?: FitArgs): Promise<History> {
    return this.trainer.fit(x as InputData, y as InputData, args);
  }

  /** The loss, or `[loss, ...metrics]`, over `x` / `y` in inference mode; over batch data, the same as a promise. */
  evaluate(x: InputData, y: InputData, args?: EvaluateArgs): LogValue | LogValue[] | Logs;
  evaluate(data: BatchData, args?: EvaluateArgs): Promise<LogValue | LogValue[] | Logs>;
  evaluate(x: InputData | BatchData, y?: InputData | EvaluateArgs, args?: EvaluateArgs): LogValue | LogValue[] | Logs | Promise<LogValue | LogValue[] | Logs> {
    return this.trainer.evaluate(x as InputData, y as InputData, args);
  }

  /**
   * The model's outputs for `x`, computed in batches: a Tensor for a single-output model, a
   * Tensor[] for several (name it: `model.predict<Tensor[]>(x)`); over batch data, the same as a
   * promise.
   */
  predict<T extends Tensor | Tensor[] = Tensor>(x: InputData, args?: PredictArgs): T;
  predict<T extends Tensor | Tensor[] = Tensor>(data: BatchData, args?: PredictArgs): Promise<T>;
  predict<T extends Tensor | Tensor[] = Tensor>(x: InputData | BatchData, args?: PredictArgs): T | Promise<T> {
    return this.trainer.predict<T>(x as InputData, args);
  }

  /** One gradient step on one batch (optionally weighted: `sampleWeight` or `classWeight`); returns the loss, or `[loss, ...metrics]`. */
  trainOnBatch(x: InputData, y: InputData, args?: TrainOnBatchArgs): LogValue | LogValue[] {
    return this.trainer.trainOnBatch(x, y, args);
  }

  /** The loss, or `[loss, ...metrics]`, on one batch (optionally weighted by `sampleWeight`), in inference mode. */
  testOnBatch(x: InputData, y: InputData, args?: TestOnBatchArgs): LogValue | LogValue[] {
    return this.trainer.testOnBatch(x, y, args);
  }

  /** Prints Keras's summary table (nested models as one row unless `expandNested`). */
  summary(options: SummaryOptions = {}): void {
    if (!this.built) {
      throw new ValueError('This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.');
    }
    const print = options.printFn ?? ((line: string) => console.log(line));
    for (const line of summaryLines(this, this.graph, options)) print(line);
  }

  /** Keras's config: for a Functional model, its layers and their connections. */
  /** A Functional model's graph config; otherwise (subclassed) Keras's layer config: name, trainable, dtype. */
  override getConfig(): LayerConfig {
    if (this.graph) return functionalConfig(this.name, this.trainable, this.graph, this.ioStructure);
    return this.layerConfig();
  }

  /** The config every layer has (name, trainable, dtype), which Sequential's config starts from. */
  protected layerConfig(): LayerConfig {
    return super.getConfig();
  }

  /** Rebuilds a Functional model from its config (custom classes from `customObjects` or the registry). */
  static fromConfig(config: LayerConfig, customObjects?: CustomObjects): Model {
    const operations: Operation[] = [];
    return disposeOnFailure(operations, () => {
      const { inputs, outputs } = functionalFromConfig(config, customObjects ?? {}, operations);
      return new Model({ inputs, outputs, name: config.name as string, trainable: config.trainable as boolean });
    });
  }

  /** The model as Keras's JSON (`model.to_json()`). */
  toJSON(): string {
    return JSON.stringify(serializeLayer(this));
  }

  /** Frees the weights, the constants of the graph's ops, and the optimizer's state. */
  override dispose(): void {
    this.trainer.dispose();
    this.disposeOpConstants();
    super.dispose();
  }

  /** Frees the constants of the ops in this model's graph and in the graphs of the models nested in it. */
  private disposeOpConstants(): void {
    for (const op of this.graph?.operations ?? []) {
      if (op instanceof Model) op.disposeOpConstants();
      else if (!(op instanceof Layer)) op.dispose();
    }
  }
}

// Keras writes Functional models with this (non-public) module, which its loader requires.
registerBuiltIn(Model, 'keras.src.models.functional', 'Functional');
