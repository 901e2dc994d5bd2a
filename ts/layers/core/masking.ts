/**
 * Masks a sequence by using a mask value to skip timesteps: a timestep (a position along the
 * last-but-one axis) whose features all equal `maskValue` is zeroed and masked out for the
 * downstream layers that support masking.
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';

export interface MaskingArgs extends LayerArgs {
  /** The value that marks a masked timestep (when every feature equals it). Default 0. */
  maskValue?: number;
}

export class Masking extends Layer {
  static override className = 'Masking';
  static override readonly signature = layerSignature<MaskingArgs>()({ maskValue: 0.0 });
  readonly maskValue: number;

  /** `new Masking(-1)`, or `new Masking({ maskValue: -1 })`. */
  constructor(...args: KerasArgs<[maskValue: number], MaskingArgs>) {
    const a = Masking.signature.resolve(args, new.target);
    super(a);
    if (typeof a.maskValue !== 'number') throw new ValueError(`Masking: \`mask_value\` must be a number. Received: mask_value=${pythonRepr(a.maskValue)}`);
    this.maskValue = a.maskValue;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const keep = ops.max(ops.notEqual(inputs, this.maskValue), -1, true);
    return ops.where(keep, inputs, 0);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
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
