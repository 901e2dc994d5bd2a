/**
 * Parametric ReLU, as `keras.layers.PReLU`: `x` for `x >= 0`, `alpha * x` below, where `alpha` is
 * a learned weight with the shape of one sample, or with size 1 along `sharedAxes` (e.g. share it
 * across the spatial axes of images with `sharedAxes: [1, 2]`).
 */
import * as constraints from '../../constraints.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import type { ConstraintLike } from '../../constraints.js';
import type { RegularizerLike } from '../../regularizers.js';
import * as initializers from '../../initializers/index.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { type Tensor, formatShape } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface PReLUArgs extends LayerArgs {
  /** Initializer of `alpha`. Default 'Zeros' (PReLU starts as ReLU). */
  alphaInitializer?: initializers.InitializerIdentifier;
  /** Penalty on `alpha` added to the training loss. Default none. */
  alphaRegularizer?: regularizers.RegularizerIdentifier;
  /** Projection applied to `alpha` after each optimizer update. Default none. */
  alphaConstraint?: constraints.ConstraintIdentifier;
  /**
   * Axes (1-based, the batch axis being 0) along which `alpha` is shared, i.e. has size 1.
   * Default none: one `alpha` per input element of a sample.
   */
  sharedAxes?: number | number[] | null;
}

export class PReLU extends Layer {
  static override className = 'PReLU';
  readonly alphaInitializer: initializers.Initializer;
  readonly alphaRegularizer: RegularizerLike | null;
  readonly alphaConstraint: ConstraintLike | null;
  readonly sharedAxes: number[] | null;
  alpha: Variable | null = null;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.supportsMasking = true;
    this.alphaInitializer = initializers.get(args.alphaInitializer ?? 'Zeros');
    this.alphaRegularizer = regularizers.get(args.alphaRegularizer);
    this.alphaConstraint = constraints.get(args.alphaConstraint);
    const shared = args.sharedAxes ?? null;
    this.sharedAxes = shared === null ? null : Array.isArray(shared) ? [...shared] : [shared];
  }

  override build(inputShape: SymbolicShape): void {
    const paramShape = inputShape.slice(1);
    for (const axis of this.sharedAxes ?? []) {
      if (!Number.isInteger(axis) || axis < 1 || axis >= inputShape.length) {
        throw new ValueError(`Layer "${this.name}": \`shared_axes\` must hold axes between 1 and ${inputShape.length - 1} for inputs of shape ${formatShape(inputShape)}. Received: shared_axes=${JSON.stringify(this.sharedAxes)}`);
      }
      paramShape[axis - 1] = 1;
    }
    if (paramShape.some((d) => d === null)) {
      throw new ValueError(`Layer "${this.name}": PReLU needs every non-shared axis of its input to be defined, to create \`alpha\`. Received input shape ${formatShape(inputShape)}; share the undefined axes with \`sharedAxes\`.`);
    }
    this.alpha = this.addWeight({
      name: 'alpha', shape: paramShape as number[], initializer: this.alphaInitializer,
      regularizer: this.alphaRegularizer, constraint: this.alphaConstraint,
    });
    const axes: Record<number, number> = {};
    if (this.sharedAxes && this.sharedAxes.length > 0) {
      for (let i = 1; i < inputShape.length; i++) {
        if (!this.sharedAxes.includes(i)) axes[i] = inputShape[i]!;
      }
    }
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const pos = ops.relu(inputs);
    const neg = ops.multiply(ops.negative(this.alpha!.value), ops.relu(ops.negative(inputs)));
    return ops.add(pos, neg);
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      alpha_initializer: initializers.serialize(this.alphaInitializer),
      alpha_regularizer: regularizers.serialize(this.alphaRegularizer),
      alpha_constraint: constraints.serialize(this.alphaConstraint),
      shared_axes: this.sharedAxes,
    };
  }
}

registerBuiltIn(PReLU);
