/**
 * Zero-padding of 2-D inputs such as images, `(batch, rows, cols, channels)`: rows and columns of zeros added on each side
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 */
import type { LayerArgs } from '../../engine/layer.js';

import { registerBuiltIn } from '../../engine/registry.js';
import { BaseZeroPadding } from './base_zero_padding.js';
import { type DataFormat } from '../../arguments/data_format.js';

export interface ZeroPadding2DArgs extends LayerArgs {
  /**
   * An int (the same padding on both sides of every spatial axis), one int per spatial axis
   * (symmetric), or `[[top, bottom], [left, right]]`. Default [[1, 1], [1, 1]].
   */
  padding?: number | [number, number] | [[number, number], [number, number]];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class ZeroPadding2D extends BaseZeroPadding {
  static override className = 'ZeroPadding2D';

  constructor(args: ZeroPadding2DArgs = {}) {
    super(2, args);
  }
}

registerBuiltIn(ZeroPadding2D);
