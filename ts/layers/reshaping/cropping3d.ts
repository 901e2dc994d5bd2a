/**
 * Cropping of 3-D inputs `(batch, dim1, dim2, dim3, channels)`: planes removed from each side of each spatial axis
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 */
import type { LayerArgs } from '../../engine/layer.js';

import { registerBuiltIn } from '../../engine/registry.js';
import { BaseCropping } from './base_cropping.js';
import { type DataFormat } from '../../arguments/data_format.js';

export interface Cropping3DArgs extends LayerArgs {
  /**
   * An int (the same cropping on both sides of every spatial axis), one int per spatial axis
   * (symmetric), or `[[left1, right1], [left2, right2], [left3, right3]]`. Default `[[1, 1], [1, 1], [1, 1]]`.
   */
  cropping?: number | [number, number, number] | [[number, number], [number, number], [number, number]];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class Cropping3D extends BaseCropping {
  static override className = 'Cropping3D';

  constructor(args: Cropping3DArgs = {}) {
    super(3, args, 1);
  }
}

registerBuiltIn(Cropping3D);
