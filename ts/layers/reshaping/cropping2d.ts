/**
 * Cropping of 2-D inputs such as images, `(batch, rows, cols, channels)`: rows and columns removed from each side
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 */
import type { LayerArgs } from '../../engine/layer.js';

import { registerBuiltIn } from '../../engine/registry.js';
import { BaseCropping } from './base_cropping.js';
import { type DataFormat } from '../../arguments/data_format.js';

export interface Cropping2DArgs extends LayerArgs {
  /**
   * An int (the same cropping on both sides of every spatial axis), one int per spatial axis
   * (symmetric), or `[[top, bottom], [left, right]]`. Default `[[0, 0], [0, 0]]`.
   */
  cropping?: number | [number, number] | [[number, number], [number, number]];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class Cropping2D extends BaseCropping {
  static override className = 'Cropping2D';

  constructor(args: Cropping2DArgs = {}) {
    super(2, args, 0);
  }
}

registerBuiltIn(Cropping2D);
