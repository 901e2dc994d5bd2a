/**
 * Returns its input unchanged and adds an activity penalty to the training loss, through
 * `addLoss`: `(l1 * sum(|x|) + l2 * sum(x²)) / batchSize` (Keras 3 normalises by the batch size).
 */
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../saving/registry.js';
import { scalar } from '../../tensor/create.js';
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
    super(args);
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
    let penalty: Tensor = scalar(0);
    if (this.l1) penalty = ops.add(penalty, ops.multiply(ops.sum(ops.abs(inputs)), this.l1));
    if (this.l2) penalty = ops.add(penalty, ops.multiply(ops.sum(ops.square(inputs)), this.l2));
    const batch = inputs.shape[0];
    // Keras's divide_no_nan: an empty batch adds 0.
    if (batch !== undefined) penalty = batch === 0 ? ops.multiply(penalty, 0) : ops.divide(penalty, batch);
    this.addLoss(penalty);
    return inputs;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), l1: this.l1, l2: this.l2 };
  }
}

registerBuiltIn(ActivityRegularization);
