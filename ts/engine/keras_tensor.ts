/**
 * A symbolic tensor: a shape (batch dimension `null`) and a dtype, with the layer that produced
 * it. Layers applied to symbolic tensors check and infer shapes without computing anything.
 */
import type { DType } from '../tensor/tensor.js';
import { formatShape } from '../tensor/tensor.js';
import type { Layer } from './layer.js';
import type { SymbolicShape } from './shape.js';

export class KerasTensor {
  readonly isKerasTensor = true;

  constructor(
    readonly shape: SymbolicShape,
    readonly dtype: DType,
    /** The layer whose output this is. */
    readonly sourceLayer: Layer,
    /** The symbolic inputs that layer was applied to (empty for an Input). */
    readonly inbound: KerasTensor[],
    readonly name: string,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `<KerasTensor shape=${formatShape(this.shape)}, dtype=${this.dtype}, name=${this.name}>`;
  }
}
