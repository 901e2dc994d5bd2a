/**
 * Zero-padding of 3-D inputs `(batch, dim1, dim2, dim3, channels)`: planes of zeros added on each side of each spatial axis
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 */
import type { LayerArgs } from '../../engine/layer.js';

import { registerBuiltIn } from '../../engine/registry.js';
import { BaseZeroPadding } from './base_zero_padding.js';
import { type DataFormat } from '../../arguments/data_format.js';

export interface ZeroPadding3DArgs extends LayerArgs {
  /**
   * An int (the same padding on both sides of every spatial axis), one int per spatial axis
   * (symmetric), or `[[left1, right1], [left2, right2], [left3, right3]]`. Default [[1, 1], [1, 1], [1, 1]].
   */
  padding?: number | [number, number, number] | [[number, number], [number, number], [number, number]];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class ZeroPadding3D extends BaseZeroPadding {
  static override className = 'ZeroPadding3D';

  constructor(args: ZeroPadding3DArgs = {}) {
    super(3, args);
  }
}

registerBuiltIn(ZeroPadding3D);
