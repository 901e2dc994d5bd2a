/** Just your regular densely-connected layer: `activation(dot(input, kernel) + bias)`. */
import { InputSpec } from '../../engine/input_spec.js';
import type { CallArgs, LayerArgs, LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { registerBuiltIn } from '../../saving/registry.js';
import { KernelLayer, type KernelLayerArgs } from '../kernel_layer.js';
import { ValueError } from '../../utils/errors.js';

export interface DenseArgs extends LayerArgs, KernelLayerArgs {
  /** Dimensionality of the output space (a positive integer). */
  units?: number;
}

export class Dense extends KernelLayer {
  static override className = 'Dense';
  readonly units: number;

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
    this.inputSpec = new InputSpec({ minNdim: 2 });
  }

  override build(inputShape: SymbolicShape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new ValueError(`Layer "${this.name}": the last dimension of the inputs to a Dense layer should be defined. Found None.`);
    }
    this.addKernelAndBias([inputDim, this.units], [this.units]);
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
      ...this.kernelConfig(),
    };
  }
}

registerBuiltIn(Dense);
