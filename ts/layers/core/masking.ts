/**
 * Masks a sequence by using a mask value to skip timesteps: a timestep (a position along the
 * last-but-one axis) whose features all equal `maskValue` is zeroed and masked out for the
 * downstream layers that support masking.
 */
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface MaskingArgs extends LayerArgs {
  /** The value that marks a masked timestep (when every feature equals it). Default 0. */
  maskValue?: number;
}

export class Masking extends Layer {
  static override className = 'Masking';
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    const value = args.maskValue ?? 0;
    if (typeof value !== 'number') throw new ValueError(`Masking: \`mask_value\` must be a number, received ${JSON.stringify(value)}`);
    this.maskValue = value;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const keep = ops.max(ops.notEqual(inputs, this.maskValue), -1, true);
    return ops.where(keep, inputs, 0);
  }

  /** 1 where any feature of a timestep differs from `maskValue`, else 0 (the last axis reduced). */
  override computeMask(inputs: Tensor, _mask: Tensor | null): Tensor {
    return ops.max(ops.notEqual(inputs, this.maskValue), -1);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), mask_value: this.maskValue };
  }
}

registerBuiltIn(Masking);
