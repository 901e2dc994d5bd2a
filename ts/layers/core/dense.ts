/** Just your regular densely-connected layer: `activation(dot(input, kernel) + bias)`. */
import * as activations from '../../activations.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import * as constraints from '../../constraints.js';
import type { Constraint, Regularizer } from '../../engine/weight_hooks.js';
import * as initializers from '../../initializers.js';
import * as regularizers from '../../regularizers.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { registerBuiltIn } from '../../saving/registry.js';
import type { KernelLayerArgs } from '../kernel_args.js';
import { ValueError } from '../../utils/errors.js';

export interface DenseArgs extends LayerArgs, KernelLayerArgs {
  /** Dimensionality of the output space (a positive integer). */
  units?: number;
}

export class Dense extends Layer {
  static override className = 'Dense';
  readonly units: number;
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: initializers.Initializer;
  readonly biasInitializer: initializers.Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  /** `new Dense(64, { activation: 'relu' })`, or `new Dense({ units: 64, ... })`. */
  constructor(units: number, args?: DenseArgs);
  constructor(args: DenseArgs);
  constructor(unitsOrArgs: number | DenseArgs, maybeArgs: DenseArgs = {}) {
    const args = typeof unitsOrArgs === 'number' ? { ...maybeArgs, units: unitsOrArgs } : unitsOrArgs;
    super(args);
    this.supportsMasking = true;
    if (!Number.isInteger(args.units) || args.units! <= 0) {
      throw new ValueError(`Received an invalid value for \`units\`, expected a positive integer. Received: units=${String(args.units)}`);
    }
    this.units = args.units!;
    this.activation = activations.get(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = initializers.get(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = initializers.get(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = regularizers.get(args.kernelRegularizer);
    this.biasRegularizer = regularizers.get(args.biasRegularizer);
    this.kernelConstraint = constraints.get(args.kernelConstraint);
    this.biasConstraint = constraints.get(args.biasConstraint);
    this.inputSpec = new InputSpec({ minNdim: 2 });
  }

  override build(inputShape: SymbolicShape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new ValueError(`Layer "${this.name}": the last dimension of the inputs to a Dense layer should be defined. Found None.`);
    }
    this.kernel = this.addWeight({
      name: 'kernel', shape: [inputDim, this.units], initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer, constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias', shape: [this.units], initializer: this.biasInitializer,
        regularizer: this.biasRegularizer, constraint: this.biasConstraint,
      });
    }
    this.inputSpec = new InputSpec({ minNdim: 2, axes: { [-1]: inputDim } });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const y = ops.matmul(inputs, this.kernel!.value);
    return this.activation(this.bias ? ops.add(y, this.bias.value) : y);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activations.serialize(this.activation),
      use_bias: this.useBias,
      kernel_initializer: initializers.serialize(this.kernelInitializer),
      bias_initializer: initializers.serialize(this.biasInitializer),
      kernel_regularizer: regularizers.serialize(this.kernelRegularizer),
      bias_regularizer: regularizers.serialize(this.biasRegularizer),
      kernel_constraint: constraints.serialize(this.kernelConstraint),
      bias_constraint: constraints.serialize(this.biasConstraint),
    };
  }
}

registerBuiltIn(Dense);
