/**
 * Zero-padding of 3-D inputs `(batch, dim1, dim2, dim3, channels)`: planes of zeros added on each side of each spatial axis
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 */
import type { DataFormat } from '../../arguments/data_format.js';
import type { KerasArgs } from '../../arguments/signature.js';
import type { SidePair } from '../../arguments/tuples.js';
import type { LayerArgs } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseZeroPadding, zeroPaddingSignature } from './base_zero_padding.js';

/** An int (the same on every side), or per spatial axis an int (symmetric) or a pair: `[[left1, right1], [left2, right2], [left3, right3]]`. */
export type ZeroPadding3DPadding = number | [SidePair, SidePair, SidePair];

export interface ZeroPadding3DArgs extends LayerArgs {
  /** See {@link ZeroPadding3DPadding}. Default `[[1, 1], [1, 1], [1, 1]]`. */
  padding?: ZeroPadding3DPadding;
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class ZeroPadding3D extends BaseZeroPadding {
  static override className = 'ZeroPadding3D';
  static override readonly signature = zeroPaddingSignature([[1, 1], [1, 1], [1, 1]]);

  /** `new ZeroPadding3D(2)`, `new ZeroPadding3D([1, 2, 2])`, or `new ZeroPadding3D({ padding: 2, dataFormat: 'channels_first' })`. */
  constructor(...args: KerasArgs<[padding: ZeroPadding3DPadding, dataFormat: DataFormat | null], ZeroPadding3DArgs>) {
    super(3, ZeroPadding3D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(ZeroPadding3D);
