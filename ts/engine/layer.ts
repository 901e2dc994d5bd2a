/**
 * The Layer base class, with Keras's contract: a constructor that validates its arguments,
 * `build(inputShape)` that creates weights with `addWeight`, `call(x)` that uses ops only,
 * `computeOutputShape`, and `getConfig`. `apply` does the rest: input checks, lazy building,
 * and symbolic versus concrete execution.
 */
import * as initializers from '../initializers.js';
import * as ops from '../ops/index.js';
import { type DType, Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { toSnakeCase, uniqueName } from '../utils/naming.js';
import { InputSpec, assertInputCompatibility } from './input_spec.js';
import { KerasTensor } from './keras_tensor.js';
import type { SymbolicShape } from './shape.js';
import { Variable } from './variable.js';

export interface LayerArgs {
  /** The layer's name; default: the snake_cased class name made unique (`dense`, `dense_1`). */
  name?: string;
  /** Whether the layer's weights are updated by training. Default true. */
  trainable?: boolean;
  /** The dtype of the layer's weights and computations. Default 'float32'. */
  dtype?: DType;
  /** Shape of one sample (no batch dimension), to build the first layer of a Sequential model. */
  inputShape?: number[];
  /** A fixed batch size to go with `inputShape`. */
  batchSize?: number;
}

export interface CallArgs {
  /** Training mode (dropout and similar layers behave differently). */
  training?: boolean;
}

export interface AddWeightArgs {
  name: string;
  shape: number[];
  initializer?: initializers.InitializerIdentifier;
  trainable?: boolean;
  dtype?: DType;
}

export type LayerConfig = Record<string, unknown>;

export abstract class Layer {
  static className = 'Layer';
  readonly name: string;
  readonly dtype: DType;
  /** The input shape given at construction (`inputShape` / `batchSize`), batch dimension first. */
  readonly batchInputShape: SymbolicShape | null;
  built = false;
  inputSpec: InputSpec | null = null;
  /** The output shape after the layer has been applied symbolically or built in a model. */
  outputShapeValue: SymbolicShape | null = null;
  private trainableValue: boolean;
  private ownWeights: Variable[] = [];

  constructor(args: LayerArgs = {}) {
    const className = (this.constructor as typeof Layer).className;
    this.name = args.name ?? uniqueName(toSnakeCase(className));
    if (typeof this.name !== 'string' || this.name.length === 0) throw new ValueError(`Layer name must be a non-empty string, received ${String(args.name)}`);
    this.trainableValue = args.trainable ?? true;
    this.dtype = args.dtype ?? 'float32';
    this.batchInputShape = args.inputShape ? [args.batchSize ?? null, ...args.inputShape] : null;
  }

  /** Creates the weights for inputs of `inputShape`. Subclasses call `super.build` last, or set `built`. */
  build(_inputShape: SymbolicShape): void {
    this.built = true;
  }

  /** The computation, with ops only. */
  abstract call(inputs: Tensor, args: CallArgs): Tensor;

  /** The output shape for inputs of `inputShape`; default: unchanged. */
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  /** Layers that this layer owns (models and wrappers override it). */
  protected sublayers(): Layer[] {
    return [];
  }

  /**
   * Calls the layer: on a KerasTensor it checks and infers shapes (building if needed); on a
   * Tensor it checks the input, builds on first use, and computes.
   */
  apply(inputs: KerasTensor, args?: CallArgs): KerasTensor;
  apply(inputs: Tensor, args?: CallArgs): Tensor;
  apply(inputs: Tensor | KerasTensor, args: CallArgs = {}): Tensor | KerasTensor {
    if (inputs instanceof KerasTensor) return this.applySymbolic(inputs);
    if (!(inputs instanceof Tensor)) {
      throw new ValueError(`Layer "${this.name}" expects a Tensor or a KerasTensor as input, received ${inputs === null ? 'null' : typeof inputs}`);
    }
    assertInputCompatibility(this.inputSpec, inputs.shape, this.name);
    this.maybeBuild(inputs.shape);
    return this.call(inputs, args);
  }

  private applySymbolic(inputs: KerasTensor): KerasTensor {
    assertInputCompatibility(this.inputSpec, inputs.shape, this.name);
    this.maybeBuild(inputs.shape);
    const shape = this.computeOutputShape(inputs.shape);
    this.outputShapeValue = shape;
    return new KerasTensor(shape, this.dtype, this, [inputs], this.name);
  }

  /** Builds once, then tightens the input spec check against the shape it was built for. */
  protected maybeBuild(inputShape: SymbolicShape): void {
    if (this.built) return;
    this.build(inputShape);
    this.built = true;
    assertInputCompatibility(this.inputSpec, inputShape, this.name);
  }

  /** Creates a weight owned by this layer, named `layer/name` as Keras names variables. */
  addWeight(args: AddWeightArgs): Variable {
    const initializer = initializers.get(args.initializer ?? 'glorot_uniform');
    const value = initializer.call(args.shape, args.dtype ?? this.dtype);
    const variable = new Variable({ name: args.name, path: `${this.name}/${args.name}`, value, trainable: args.trainable ?? true });
    this.ownWeights.push(variable);
    return variable;
  }

  get trainable(): boolean {
    return this.trainableValue;
  }

  set trainable(value: boolean) {
    this.trainableValue = value;
  }

  /** All weights: this layer's own, then its sublayers'. */
  get weights(): Variable[] {
    return [...this.ownWeights, ...this.sublayers().flatMap((l) => l.weights)];
  }

  get trainableWeights(): Variable[] {
    if (!this.trainable) return [];
    return [...this.ownWeights.filter((w) => w.trainable), ...this.sublayers().flatMap((l) => l.trainableWeights)];
  }

  get nonTrainableWeights(): Variable[] {
    if (!this.trainable) return this.weights;
    return [...this.ownWeights.filter((w) => !w.trainable), ...this.sublayers().flatMap((l) => l.nonTrainableWeights)];
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

  /** The output shape, once the layer has been applied to a symbolic input or built in a model. */
  get outputShape(): SymbolicShape {
    if (this.outputShapeValue === null) {
      throw new ValueError(`The layer ${this.name} has never been called and thus has no defined output shape.`);
    }
    return this.outputShapeValue;
  }

  /** The constructor arguments, with Keras's snake_case keys. */
  getConfig(): LayerConfig {
    const config: LayerConfig = {
      name: this.name,
      trainable: this.trainable,
      dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: this.dtype }, registered_name: null },
    };
    if (this.batchInputShape) config.batch_input_shape = this.batchInputShape;
    return config;
  }

  /** Frees every weight. The layer cannot be used afterwards. */
  dispose(): void {
    for (const w of this.weights) w.dispose();
  }
}
