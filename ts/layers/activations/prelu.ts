/**
 * Parametric ReLU, as `keras.layers.PReLU`: `x` for `x >= 0`, `alpha * x` below, where `alpha` is
 * a learned weight with the shape of one sample, or with size 1 along `sharedAxes` (e.g. share it
 * across the spatial axes of images with `sharedAxes: [1, 2]`).
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonRepr } from '../../utils/python_repr.js';

/** `alphaInitializer` (default 'Zeros': PReLU starts as ReLU), `alphaRegularizer`, `alphaConstraint`, and the shared axes. */
export interface PReLUArgs extends LayerArgs, WeightOptionArgs<'alpha'> {
  /**
   * Axes (1-based, the batch axis being 0) along which `alpha` is shared, i.e. has size 1.
   * Default none: one `alpha` per input element of a sample.
   */
  sharedAxes?: number | number[] | null;
}

/** `layer.alphaInitializer`, `layer.alphaRegularizer`, `layer.alphaConstraint`. */
export interface PReLU extends WeightOptions<'alpha'> {}

export class PReLU extends Layer {
  static override className = 'PReLU';
  static override readonly signature = layerSignature<PReLUArgs>()({ alphaInitializer: 'Zeros', alphaRegularizer: null, alphaConstraint: null, sharedAxes: null });
  readonly sharedAxes: number[] | null;
  alpha: Variable | null = null;

  /** `new PReLU()`, `new PReLU({ sharedAxes: [1, 2] })`, or `new PReLU('zeros', 'l2')` (Keras's order). */
  constructor(...args: KerasArgs<[alphaInitializer: PReLUArgs['alphaInitializer'], alphaRegularizer: PReLUArgs['alphaRegularizer'], alphaConstraint: PReLUArgs['alphaConstraint'], sharedAxes: number | number[] | null], PReLUArgs>) {
    const a = PReLU.signature.resolve(args, new.target);
    super(a);
    this.supportsMasking = true;
    Object.assign(this, weightOptions(a, 'alpha'));
    const shared = a.sharedAxes;
    this.sharedAxes = shared === null ? null : Array.isArray(shared) ? [...shared] : [shared];
  }

  override build(inputShape: SymbolicShape): void {
    const paramShape = inputShape.slice(1);
    for (const axis of this.sharedAxes ?? []) {
      if (!Number.isInteger(axis) || axis < 1 || axis >= inputShape.length) {
        throw new ValueError(`Layer "${this.name}": \`shared_axes\` must hold axes between 1 and ${inputShape.length - 1} for inputs of shape ${formatShape(inputShape)}. Received: shared_axes=${pythonRepr(this.sharedAxes)}`);
      }
      paramShape[axis - 1] = 1;
    }
    if (paramShape.some((d) => d === null)) {
      throw new ValueError(`Layer "${this.name}": PReLU needs every non-shared axis of its input to be defined, to create \`alpha\`. Received input shape ${formatShape(inputShape)}; share the undefined axes with \`sharedAxes\`.`);
    }
    this.alpha = this.addWeight({ name: 'alpha', shape: paramShape as number[], ...weightHooks(this, 'alpha') });
    const axes: Record<number, number> = {};
    if (this.sharedAxes && this.sharedAxes.length > 0) {
      for (let i = 1; i < inputShape.length; i++) {
        if (!this.sharedAxes.includes(i)) axes[i] = inputShape[i]!;
      }
    }
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes });
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const pos = ops.relu(inputs);
    const neg = ops.multiply(ops.negative(this.alpha!.value), ops.relu(ops.negative(inputs)));
    return ops.add(pos, neg);
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      ...weightOptionsConfig(this, 'alpha'),
      shared_axes: this.sharedAxes,
    };
  }
}

registerBuiltIn(PReLU);
