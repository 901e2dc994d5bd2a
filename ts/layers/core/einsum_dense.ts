/**
 * A dense layer of any rank, as `keras.layers.EinsumDense`: `activation(einsum(equation, inputs,
 * kernel) + bias)`, the kernel's and bias's shapes read from the equation (see
 * einsum_dense_shapes.ts). `outputShape` gives the output's sizes after the batch axis (null for
 * a size the input fixes); `biasAxes` the output letters the bias varies along.
 *
 * @example
 * // a projection to 4 heads of 8 units for each timestep
 * new EinsumDense('abc,cde->abde', [null, 4, 8], { biasAxes: 'de' });
 */
import * as activations from '../../activations.js';
import { REQUIRED, type KerasArgs, onlyDefault } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as initializers from '../../initializers/index.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { analyzeEinsumDense } from './einsum_dense_shapes.js';

export interface EinsumDenseArgs extends LayerArgs, WeightOptionArgs<'kernel'>, WeightOptionArgs<'bias'> {
  /** The contraction of the inputs (first) with the kernel (second), e.g. `'ab,bc->ac'` or `'...b,bc->...c'`. */
  equation?: string;
  /** The output's sizes after the batch axis (an integer for one axis); null where the input sets the size. */
  outputShape?: number | SymbolicShape;
  /** Activation function or its name; default none (linear). */
  activation?: string | activations.Activation | null;
  /** The output letters the bias varies along (e.g. `'de'`); default null: no bias. */
  biasAxes?: string | null;
  /** Keras's LoRA rank; kerasm does not train LoRA adapters, so only the default (null) is taken. */
  loraRank?: null;
  /** Keras's LoRA scale; only the default (null) is taken. */
  loraAlpha?: null;
  /** Keras's GPTQ packing; only the default (null) is taken. */
  gptqUnpackedColumnSize?: null;
  /** Keras's quantization settings; kerasm computes in float32, so only the default (null) is taken. */
  quantizationConfig?: null;
}

/** `layer.kernelInitializer`, `layer.biasRegularizer`, … as Keras's attributes. */
export interface EinsumDense extends WeightOptions<'kernel'>, WeightOptions<'bias'> {}

export class EinsumDense extends Layer {
  static override className = 'EinsumDense';
  static override readonly signature = layerSignature<EinsumDenseArgs>()({
    equation: REQUIRED, outputShape: REQUIRED, activation: null, biasAxes: null, kernelInitializer: 'glorot_uniform',
    biasInitializer: 'zeros', kernelRegularizer: null, biasRegularizer: null, kernelConstraint: null, biasConstraint: null,
    loraRank: onlyDefault(null), loraAlpha: onlyDefault(null), gptqUnpackedColumnSize: onlyDefault(null), quantizationConfig: onlyDefault(null),
  });
  readonly equation: string;
  /** The output's sizes after the batch axis, as given (Keras's `partial_output_shape`). */
  readonly partialOutputShape: SymbolicShape;
  readonly biasAxes: string | null;
  readonly activation: activations.Activation;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  /** `new EinsumDense('ab,bc->ac', 64)`, or `new EinsumDense({ equation, outputShape, biasAxes, ... })`. */
  constructor(...args: KerasArgs<[equation: string, outputShape: number | SymbolicShape, activation: string | activations.Activation | null, biasAxes: string | null], EinsumDenseArgs>) {
    const a = EinsumDense.signature.resolve(args, new.target);
    super(a);
    this.equation = a.equation;
    this.partialOutputShape = typeof a.outputShape === 'number' ? [a.outputShape] : [...a.outputShape];
    this.biasAxes = a.biasAxes;
    this.activation = activations.get(a.activation);
    Object.assign(this, weightOptions(a, 'kernel'), weightOptions(a, 'bias'));
  }

  override build(inputShape: SymbolicShape): void {
    const { kernelShape, biasShape, inputAxes, outputAxes } = analyzeEinsumDense(this.name, this.equation, this.biasAxes, inputShape, this.partialOutputShape);
    this.inputSpec = new InputSpec({ ndim: inputShape.length });
    const kernelHooks = weightHooks(this, 'kernel');
    this.kernel = this.addWeight({ name: 'kernel', shape: kernelShape, ...kernelHooks, initializer: withFanAxes(kernelHooks.initializer, inputAxes, outputAxes) });
    if (biasShape) this.bias = this.addWeight({ name: 'bias', shape: biasShape, ...weightHooks(this, 'bias') });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const y = ops.einsum(this.equation, inputs, this.kernel!.value);
    return this.activation(this.bias ? ops.add(y, this.bias.value) : y);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return analyzeEinsumDense(this.name, this.equation, this.biasAxes, inputShape, this.partialOutputShape).outputShape;
  }

  /** Keras's config, in its key order (the initializers, then the regularizers, then the constraints). */
  override getConfig(): LayerConfig {
    const kernel = weightOptionsConfig(this, 'kernel');
    const bias = weightOptionsConfig(this, 'bias');
    return {
      ...super.getConfig(),
      output_shape: this.partialOutputShape,
      equation: this.equation,
      activation: activations.serialize(this.activation),
      bias_axes: this.biasAxes,
      kernel_initializer: kernel.kernel_initializer,
      bias_initializer: bias.bias_initializer,
      kernel_regularizer: kernel.kernel_regularizer,
      bias_regularizer: bias.bias_regularizer,
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
      kernel_constraint: kernel.kernel_constraint,
      bias_constraint: bias.bias_constraint,
      quantization_config: null,
    };
  }
}

/**
 * A variance-scaling initializer that does not name its fan axes gets the kernel's (Keras's
 * `_update_kernel_initializer`): the fans are then the sizes of the input and output axes.
 */
function withFanAxes(initializer: initializers.Initializer, inputAxes: number[], outputAxes: number[]): initializers.Initializer {
  if (!(initializer instanceof initializers.VarianceScaling) || (initializer.inputAxes !== null && initializer.outputAxes !== null)) return initializer;
  const className = (initializer.constructor as typeof initializers.VarianceScaling).className;
  return initializers.get({ class_name: className, config: { ...initializer.getConfig(), input_axes: inputAxes, output_axes: outputAxes } });
}

registerBuiltIn(EinsumDense);
