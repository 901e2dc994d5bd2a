/**
 * `cloneModel`, as `keras.models.clone_model`: a new model with the architecture of a Sequential
 * or Functional model and freshly initialized weights. Each layer is copied from its config (or by
 * `cloneFunction`) and the copies are called on new inputs in the order of the original graph (or
 * by `callFunction`), so that a shared layer stays shared. A subclassed model is rebuilt from its
 * config. A compiled model's copy is compiled with the same arguments and a new optimizer of the
 * same configuration.
 */
import { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import { Op, type OpClass } from '../ops/symbolic/op.js';
import { type CallArgs, Layer, classNameOf } from '../engine/layer.js';
import { type LayerClass, construct } from '../engine/registry.js';
import { Input, InputLayer } from '../layers/core/input_layer.js';
import type { CompileArgs } from '../training/compile.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { LayerGraph } from './graph.js';
import { Model } from './model.js';
import { Sequential } from './sequential.js';

/** Makes the copy of a layer. */
export type CloneFunction = (layer: Layer) => Layer;
/** Calls a copied layer on its inputs (one KerasTensor, or a list for a layer called on a list). */
export type CallFunction = (layer: Layer, inputs: KerasTensor | KerasTensor[]) => KerasTensor | KerasTensor[];

export interface CloneModelOptions {
  /**
   * KerasTensors from `Input()` to build the copy on, one per model input (a list for several).
   * Default: new inputs with the shapes, dtypes and names of the model's.
   */
  inputTensors?: KerasTensor | KerasTensor[] | null;
  /**
   * Makes the copy of each layer but the inputs, e.g. to change its config or wrap it; return the
   * layer itself to share it. Default: `Class.fromConfig(layer.getConfig())`, a fresh layer.
   */
  cloneFunction?: CloneFunction | null;
  /**
   * Calls each copied layer (Functional models only), e.g. to add a `Dropout` after it. Default:
   * `layer.apply(inputs)`.
   */
  callFunction?: CallFunction | null;
  /** Whether nested Sequential and Functional models are copied by `cloneModel` (with the same functions) rather than by `cloneFunction`. Default false. */
  recursive?: boolean;
}

const OPTION_KEYS = new Set(['inputTensors', 'cloneFunction', 'callFunction', 'recursive']);

/**
 * A model with the architecture of `model` and new weights, as `keras.models.clone_model`.
 *
 * @example
 * const copy = cloneModel(model);   // same layers and connections, freshly initialized weights
 * const deterministic = cloneModel(model, {
 *   cloneFunction: (layer) => layers.Dense.fromConfig({ ...layer.getConfig(), kernel_initializer: 'ones' }),
 * });
 */
export function cloneModel(model: Model, options: CloneModelOptions = {}): Model {
  checkOptions(options);
  return cloneWith(model, options, new Map());
}

function cloneWith(model: Model, options: CloneModelOptions, cache: Map<Layer, Layer>): Model {
  if (!(model instanceof Model)) throw new ValueError(`Expected \`model\` argument to be a \`Model\` instance. Received: model=${pythonRepr(model)}`);
  const { inputTensors = null, callFunction = null } = options;
  const cloneLayer = cachedClone(options, cache);
  if (model instanceof Sequential) {
    if (callFunction) {
      throw new ValueError(
        `\`call_function\` argument is not supported with Sequential models.  In a Sequential model, layers aren't called at model-construction time (they're merely listed). Use \`call_function\` with Functional models only. Received model of type '${classNameOf(model)}', with call_function=${pythonRepr(callFunction)}`,
      );
    }
    return compiledLike(model, cloneSequential(model, cloneLayer, inputTensors));
  }
  if (isFunctional(model)) return compiledLike(model, cloneFunctional(model, cloneLayer, callFunction, inputTensors));
  return compiledLike(model, cloneSubclassed(model, options));
}

/** Keras's check of the options: known keys (`Unexpected keyword argument(s)`), functions where functions go. */
function checkOptions(options: CloneModelOptions): void {
  const unknown = Object.keys(options).filter((k) => !OPTION_KEYS.has(k));
  if (unknown.length > 0) throw new ValueError(`Unexpected keyword argument(s): (${unknown.map((k) => `'${k}'`).join(', ')}${unknown.length === 1 ? ',' : ''})`);
  for (const name of ['cloneFunction', 'callFunction'] as const) {
    const fn = options[name];
    if (fn !== null && fn !== undefined && typeof fn !== 'function') {
      throw new ValueError(`Expected \`${name === 'cloneFunction' ? 'clone_function' : 'call_function'}\` argument to be a callable. Received: ${name}=${pythonRepr(fn)}`);
    }
  }
}

/** Whether `layer` is a Functional model (a `Model` built from inputs and outputs, not a subclass). */
function isFunctional(layer: Layer): boolean {
  return layer instanceof Model && classNameOf(layer) === 'Functional';
}

/**
 * The clone function as Keras wraps it: each layer copied once (a shared layer stays shared),
 * nested models copied by `cloneModel` itself when `recursive` (a Sequential without
 * `callFunction`, which it cannot take).
 */
function cachedClone(options: CloneModelOptions, cache: Map<Layer, Layer>): CloneFunction {
  const cloneFunction = options.cloneFunction ?? fromOwnConfig;
  return (layer) => {
    let copy = cache.get(layer);
    if (!copy) {
      const nested = options.recursive && (layer instanceof Sequential || isFunctional(layer));
      const nestedOptions = { ...options, inputTensors: null, callFunction: layer instanceof Sequential ? null : options.callFunction };
      copy = nested ? cloneWith(layer as Model, nestedOptions, cache) : cloneFunction(layer);
      if (!(copy instanceof Layer)) throw new ValueError(`\`clone_function\` must return a Layer. Received: ${pythonRepr(copy)} for layer '${layer.name}'`);
      cache.set(layer, copy);
    }
    return copy;
  };
}

/** Keras's default clone: `layer.__class__.from_config(layer.get_config())`. */
function fromOwnConfig(layer: Layer): Layer {
  const cls = layer.constructor as unknown as LayerClass;
  const config = layer.getConfig();
  return cls.fromConfig ? cls.fromConfig(config) : construct(cls, config);
}

function cloneSequential(model: Sequential, cloneLayer: CloneFunction, inputTensors: KerasTensor | KerasTensor[] | null): Sequential {
  const layers = model.layers.map(cloneLayer);
  const input = inputTensors === null ? newInputLike(model) : givenSequentialInput(inputTensors);
  return new Sequential(input ? [input, ...layers] : layers, { name: model.name, trainable: model.trainable });
}

/** A new Input like the model's, or none for a Sequential that does not know its input yet. */
function newInputLike(model: Sequential): KerasTensor | null {
  if (!model.built || model.layers.length === 0) return null;
  return inputLike(model.inputs[0]!);
}

/** An Input with the batch shape, dtype and name of the model input `t`. */
function inputLike(t: KerasTensor): KerasTensor {
  const [batchSize, ...shape] = t.shape;
  return Input({ shape, batchSize, dtype: t.dtype, name: t.name });
}

function givenSequentialInput(inputTensors: KerasTensor | KerasTensor[]): KerasTensor {
  if (Array.isArray(inputTensors) && inputTensors.length !== 1) throw new ValueError('Argument `input_tensors` must contain a single tensor.');
  const input = Array.isArray(inputTensors) ? inputTensors[0] : inputTensors;
  if (!(input instanceof KerasTensor)) throw new ValueError(`Argument \`input_tensors\` must be a KerasTensor. Received invalid value: input_tensors=${pythonRepr(inputTensors)}`);
  checkFromInput(input);
  return input;
}

/** kerasm builds a model only on KerasTensors that `Input()` made (Keras also wraps intermediate ones). */
function checkFromInput(t: KerasTensor): void {
  if (!(t.node?.operation instanceof InputLayer)) {
    throw new ValueError(`All entries in \`input_tensors\` must come from \`Input()\`: ${t} was produced by layer '${t.node?.operation.name}'.`);
  }
}

/** Calls a copied layer on the copies of its original inputs, with the call's recorded `mask` / `training`. */
function callClone(layer: Layer, inputs: KerasTensor | KerasTensor[], callArgs: CallArgs, callFunction: CallFunction | null): KerasTensor | KerasTensor[] {
  return callFunction ? callFunction(layer, inputs) : (layer.apply(inputs, callArgs) as KerasTensor | KerasTensor[]);
}

/**
 * Calls the copies in the original graph's order, each on the copies of its original inputs;
 * an op node (`ops.add(x, 1)` in the graph) is called again as a new op with the same config.
 */
function cloneFunctional(model: Model, cloneLayer: CloneFunction, callFunction: CallFunction | null, inputTensors: KerasTensor | KerasTensor[] | null): Model {
  const inputs = model.inputs;
  const newInputs = inputTensors === null ? inputs.map(inputLike) : givenFunctionalInputs(inputTensors, model);
  const copies = new Map<number, KerasTensor>(inputs.map((t, i) => [t.id, newInputs[i]!]));
  const copy = (x: unknown): unknown => (x instanceof KerasTensor ? copies.get(x.id)! : Array.isArray(x) ? x.map(copy) : x);
  for (const node of new LayerGraph(inputs, model.outputs).nodes) {
    const operation = node.operation;
    if (operation instanceof InputLayer) continue;
    const args = node.args.map(copy);
    const kwargs = Object.fromEntries(Object.entries(node.kwargs).map(([k, v]) => [k, copy(v)]));
    const outputs = operation instanceof Op
      ? new (operation.constructor as OpClass)(operation.config).symbolicCall(args, kwargs)
      : callClone(cloneLayer(operation as Layer), args[0] as KerasTensor | KerasTensor[], kwargs as CallArgs, callFunction);
    (Array.isArray(outputs) ? outputs : [outputs]).forEach((y, i) => copies.set(node.outputs[i]!.id, y));
  }
  const outputs = model.outputs.map((t) => copies.get(t.id)!);
  const structured = <T>(list: T[], one: boolean) => (one ? list[0]! : list);
  return new Model({
    inputs: structured(newInputs, !Array.isArray(model.input)),
    outputs: structured(outputs, !Array.isArray(model.output)),
    name: model.name,
  });
}

function givenFunctionalInputs(inputTensors: KerasTensor | KerasTensor[], model: Model): KerasTensor[] {
  const list = Array.isArray(inputTensors) ? inputTensors : [inputTensors];
  if (!list.every((t) => t instanceof KerasTensor)) {
    throw new ValueError(`All entries in \`input_tensors\` must be KerasTensors. Received invalid values: inputs_tensors=${pythonRepr(inputTensors)}`);
  }
  const expected = model.inputs.length;
  if (list.length !== expected || Array.isArray(inputTensors) !== Array.isArray(model.input)) {
    const describe = (x: KerasTensor | KerasTensor[]) => (Array.isArray(x) ? `[${x.join(', ')}]` : String(x));
    throw new ValueError(`\`input_tensors\` must have the same structure as model.input\nReference structure: ${describe(model.input)}\nReceived structure: ${describe(inputTensors)}`);
  }
  list.forEach(checkFromInput);
  return list;
}

/** A subclassed model rebuilt from its config, as Keras does; only possible when its class writes one. */
function cloneSubclassed(model: Model, options: CloneModelOptions): Model {
  const name = classNameOf(model);
  if (options.cloneFunction || options.inputTensors) {
    throw new ValueError(
      `Arguments \`clone_function\` and \`input_tensors\` are only supported for Sequential models or Functional models. Received model of type '${name}', with clone_function=${pythonRepr(options.cloneFunction ?? null)} and input_tensors=${pythonRepr(options.inputTensors ?? null)}`,
    );
  }
  if (options.callFunction) {
    throw new ValueError(`Argument \`call_function\` is only supported for Functional models. Received model of type '${name}', with call_function=${pythonRepr(options.callFunction)}`);
  }
  const cls = model.constructor as unknown as LayerClass;
  if (model.getConfig === Model.prototype.getConfig) {
    throw new ValueError(
      `Object ${name} must override \`getConfig()\` in order to be serializable (Keras: "Please implement \`get_config()\`"): cloneModel rebuilds a subclassed model from its config, and kerasm cannot see the arguments its constructor was given.`,
    );
  }
  const config = model.getConfig();
  const clone = cls.fromConfig && cls.fromConfig !== Model.fromConfig ? cls.fromConfig(config) : construct(cls, config);
  return clone as Model;
}

/** `clone`, compiled as `model` is (with a new optimizer of the same configuration), as Keras's `compile_from_config`. */
function compiledLike(model: Model, clone: Model): Model {
  if (model.compileArgs) clone.compile(withFreshOptimizer(model.compileArgs, model));
  return clone;
}

function withFreshOptimizer(args: CompileArgs, model: Model): CompileArgs {
  const optimizer = model.optimizer;
  const className = (optimizer.constructor as { className?: string }).className ?? optimizer.constructor.name;
  return { ...args, optimizer: { class_name: className, config: optimizer.getConfig() } };
}
