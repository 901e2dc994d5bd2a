/**
 * Returns its input unchanged and adds an activity penalty to the training loss:
 * `(l1 * sum(|x|) + l2 * sum(x²)) / batchSize`, through the base layer's activity regularizer
 * (an `L1L2`, which checks the factors), as Keras 3 builds it.
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { L1L2 } from '../../regularizers.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface ActivityRegularizationArgs extends LayerArgs {
  /** L1 regularization factor (non-negative). Default 0. */
  l1?: number;
  /** L2 regularization factor (non-negative). Default 0. */
  l2?: number;
}

export class ActivityRegularization extends Layer {
  static override className = 'ActivityRegularization';
  static override readonly signature = layerSignature<ActivityRegularizationArgs>()({ l1: 0.0, l2: 0.0 });
  readonly l1: number;
  readonly l2: number;

  /** `new ActivityRegularization(0.01, 0.001)`, or `new ActivityRegularization({ l2: 0.001 })`. */
  constructor(...args: KerasArgs<[l1: number, l2: number], ActivityRegularizationArgs>) {
    const a = ActivityRegularization.signature.resolve(args, new.target);
    // Keras passes its own regularizer to the base layer, so another one is a second value for it.
    if (a.activityRegularizer !== null && a.activityRegularizer !== undefined) {
      throw new ValueError("ActivityRegularization got multiple values for keyword argument 'activity_regularizer'.");
    }
    super({ ...a, activityRegularizer: new L1L2({ l1: a.l1, l2: a.l2 }) });
    this.l1 = a.l1;
    this.l2 = a.l2;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return inputs;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  /** Keras's config: `l1` and `l2`, without the regularizer they make. */
  override getConfig(): LayerConfig {
    const { activity_regularizer: _made, ...base } = super.getConfig();
    return { ...base, l1: this.l1, l2: this.l2 };
  }
}

registerBuiltIn(ActivityRegularization);
