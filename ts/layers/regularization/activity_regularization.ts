/**
 * Returns its input unchanged and adds an activity penalty to the training loss:
 * `(l1 * sum(|x|) + l2 * sum(x²)) / batchSize`, through the base layer's activity regularizer
 * (an `L1L2`), as Keras 3 builds it.
 */
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
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
  readonly l1: number;
  readonly l2: number;

  constructor(args: ActivityRegularizationArgs = {}) {
    super({ ...args, activityRegularizer: new L1L2({ l1: args.l1 ?? 0, l2: args.l2 ?? 0 }) });
    for (const key of ['l1', 'l2'] as const) {
      const value = args[key] ?? 0;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        // Keras's validate_float_arg (its message lacks the space before "Received").
        throw new ValueError(`Invalid value for argument ${key}: expected a non-negative float.Received: ${key}=${String(value)}`);
      }
    }
    this.l1 = args.l1 ?? 0;
    this.l2 = args.l2 ?? 0;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return inputs;
  }

  /** Keras's config: `l1` and `l2`, without the regularizer they make. */
  override getConfig(): LayerConfig {
    const { activity_regularizer: _made, ...base } = super.getConfig();
    return { ...base, l1: this.l1, l2: this.l2 };
  }
}

registerBuiltIn(ActivityRegularization);
