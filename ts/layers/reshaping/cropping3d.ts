/**
 * Cropping of 3-D inputs `(batch, dim1, dim2, dim3, channels)`: planes removed from each side of each spatial axis
 * (the spatial axes follow the channels axis with `dataFormat: 'channels_first'`).
 */
import type { DataFormat } from '../../arguments/data_format.js';
import type { KerasArgs } from '../../arguments/signature.js';
import type { SidePair } from '../../arguments/tuples.js';
import type { LayerArgs } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BaseCropping, croppingSignature } from './base_cropping.js';

/** An int (the same on every side), or per spatial axis an int (symmetric) or a pair: `[[left1, right1], [left2, right2], [left3, right3]]`. */
export type Cropping3DCropping = number | [SidePair, SidePair, SidePair];

export interface Cropping3DArgs extends LayerArgs {
  /** See {@link Cropping3DCropping}. Default `[[1, 1], [1, 1], [1, 1]]`. */
  cropping?: Cropping3DCropping;
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class Cropping3D extends BaseCropping {
  static override className = 'Cropping3D';
  static override readonly signature = croppingSignature([[1, 1], [1, 1], [1, 1]]);

  /** `new Cropping3D(1)`, `new Cropping3D([1, 2, 2])`, or `new Cropping3D({ cropping: 1, dataFormat: 'channels_first' })`. */
  constructor(...args: KerasArgs<[cropping: Cropping3DCropping, dataFormat: DataFormat | null], Cropping3DArgs>) {
    super(3, Cropping3D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(Cropping3D);
