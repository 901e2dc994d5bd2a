/**
 * Zero-padding of 1-D inputs `(batch, steps, features)`: rows of zeros added at the start and
 * the end of the steps axis (of the last axis with `dataFormat: 'channels_first'`).
 */
import { type DataFormat, spatialAxes, standardizeDataFormat } from '../../arguments/data_format.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mapSpatial } from './spatial_shape.js';

export interface ZeroPadding1DArgs extends LayerArgs {
  /** Zeros added at each end (int), or `[start, end]`. Default 1. */
  padding?: number | [number, number];
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class ZeroPadding1D extends Layer {
  static override className = 'ZeroPadding1D';
  static override readonly signature = layerSignature<ZeroPadding1DArgs>()({ padding: 1, dataFormat: null });
  /** `[start, end]`. */
  readonly padding: [number, number];
  readonly dataFormat: DataFormat;

  /** `new ZeroPadding1D(2)`, `new ZeroPadding1D([1, 3])`, or `new ZeroPadding1D({ padding: 2 })`. */
  constructor(...args: KerasArgs<[padding: number | [number, number], dataFormat: DataFormat | null], ZeroPadding1DArgs>) {
    const a = ZeroPadding1D.signature.resolve(args, new.target);
    super(a);
    this.dataFormat = standardizeDataFormat(a.dataFormat);
    this.padding = standardizeTuple(a.padding, 2, 'padding', true) as [number, number];
    this.inputSpec = new InputSpec({ ndim: 3 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const widths: [number, number][] = [[0, 0], [0, 0], [0, 0]];
    widths[spatialAxes(3, this.dataFormat)[0]!] = this.padding;
    return ops.pad(inputs, widths);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return mapSpatial(inputShape, spatialAxes(3, this.dataFormat), (d) => d + this.padding[0] + this.padding[1]);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), padding: [...this.padding], data_format: this.dataFormat };
  }
}

registerBuiltIn(ZeroPadding1D);
