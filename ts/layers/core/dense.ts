/** Just your regular densely-connected layer: `activation(dot(input, kernel) + bias)`. */
import { type KerasArgs, REQUIRED, onlyDefault } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Activation } from '../../activations.js';
import { KernelLayer, type KernelLayerArgs } from '../kernel_layer.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { ofType } from '../../arguments/received.js';
import { checkSizeArgument } from '../../arguments/shape.js';

export interface DenseArgs extends LayerArgs, KernelLayerArgs {
  /** Dimensionality of the output space (a positive integer). */
  units?: number;
  /** Keras's LoRA rank; kerasm does not train LoRA adapters, so only the default (null) is taken. */
  loraRank?: null;
  /** Keras's LoRA scale; only the default (null) is taken. */
  loraAlpha?: null;
  /** Keras's quantization settings; kerasm computes in float32, so only the default (null) is taken. */
  quantizationConfig?: null;
}

export class Dense extends KernelLayer {
  static override className = 'Dense';
  static override readonly signature = layerSignature<DenseArgs>()({
    units: REQUIRED, activation: null, useBias: true, kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros',
    kernelRegularizer: null, biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
    loraRank: onlyDefault(null), loraAlpha: onlyDefault(null), quantizationConfig: onlyDefault(null),
  });
  readonly units: number;

  /** `new Dense(64, { activation: 'relu' })`, `new Dense(64, 'relu')`, or `new Dense({ units: 64, ... })`. */
  constructor(...args: KerasArgs<[units: number, activation: string | Activation | null, useBias: boolean], DenseArgs>) {
    const a = Dense.signature.resolve(args, new.target);
    super(a);
    this.supportsMasking = true;
    if (!Number.isInteger(a.units) || a.units <= 0) {
      throw new ValueError(`Received an invalid value for \`units\`, expected a positive integer. Received: units=${pythonStr(a.units)}${ofType(a.units)}`);
    }
    this.units = checkSizeArgument('units', a.units);
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
      quantization_config: null,
    };
  }
}

registerBuiltIn(Dense);
