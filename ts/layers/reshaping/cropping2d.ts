/**
 * Cropping of 2-D inputs such as images, `(batch, rows, cols, channels)`: rows and columns removed from each side
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 *
 * @example
 * ```ts
 * new layers.Cropping2D(2);                  // two rows and columns off every side
 * new layers.Cropping2D([[2, 2], [4, 4]]);   // [[top, bottom], [left, right]]
 * ```
 */
import type { DataFormat } from '../../arguments/data_format.js';
import type { KerasArgs } from '../../arguments/signature.js';
import type { SidePair } from '../../arguments/tuples.js';
import type { LayerArgs } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseCropping, croppingSignature } from './base_cropping.js';

/** An int (the same on every side), or per spatial axis an int (symmetric) or a pair: `[[top, bottom], [left, right]]`. */
export type Cropping2DCropping = number | [SidePair, SidePair];

export interface Cropping2DArgs extends LayerArgs {
  /** See {@link Cropping2DCropping}. Default `[[0, 0], [0, 0]]`. */
  cropping?: Cropping2DCropping;
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class Cropping2D extends BaseCropping {
  static override className = 'Cropping2D';
  static override readonly signature = croppingSignature([[0, 0], [0, 0]]);

  /** `new Cropping2D(2)`, `new Cropping2D([[2, 2], [4, 4]], 'channels_first')`, or `new Cropping2D({ cropping: 2 })`. */
  constructor(...args: KerasArgs<[cropping: Cropping2DCropping, dataFormat: DataFormat | null], Cropping2DArgs>) {
    super(2, Cropping2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(Cropping2D);
