/**
 * Zero-padding of 2-D inputs such as images, `(batch, rows, cols, channels)`: rows and columns of zeros added on each side
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 *
 * @example
 * ```ts
 * new layers.ZeroPadding2D(2);                  // two rows and columns of zeros on every side
 * new layers.ZeroPadding2D([[1, 0], [2, 2]]);   // [[top, bottom], [left, right]]
 * ```
 */
import type { DataFormat } from '../../arguments/data_format.js';
import type { KerasArgs } from '../../arguments/signature.js';
import type { SidePair } from '../../arguments/tuples.js';
import type { LayerArgs } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseZeroPadding, zeroPaddingSignature } from './base_zero_padding.js';

/** An int (the same on every side), or per spatial axis an int (symmetric) or a pair: `[[top, bottom], [left, right]]`. */
export type ZeroPadding2DPadding = number | [SidePair, SidePair];

export interface ZeroPadding2DArgs extends LayerArgs {
  /** See {@link ZeroPadding2DPadding}. Default `[1, 1]`. */
  padding?: ZeroPadding2DPadding;
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class ZeroPadding2D extends BaseZeroPadding {
  static override className = 'ZeroPadding2D';
  static override readonly signature = zeroPaddingSignature([1, 1]);

  /** `new ZeroPadding2D(2)`, `new ZeroPadding2D([[1, 0], [2, 2]], 'channels_first')`, or `new ZeroPadding2D({ padding: 2 })`. */
  constructor(...args: KerasArgs<[padding: ZeroPadding2DPadding, dataFormat: DataFormat | null], ZeroPadding2DArgs>) {
    super(2, ZeroPadding2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(ZeroPadding2D);
