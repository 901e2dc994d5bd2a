/**
 * A symbolic tensor: a shape (batch dimension `null`) and a dtype, with the node (layer call)
 * that produced it. Layers applied to symbolic tensors check and infer shapes and record the
 * graph without computing anything.
 */
import type { DType } from '../tensor/tensor.js';
import { formatShape } from '../tensor/tensor.js';
import type { Layer } from './layer.js';
import type { Node } from './node.js';
import type { SymbolicShape } from './shape.js';

let nextId = 0;

export class KerasTensor {
  readonly isKerasTensor = true;
  /** Unique within the process; how graphs index tensors. */
  readonly id = nextId++;
  /** The layer call that produced this tensor (set when that call is recorded). */
  node: Node | null = null;
  /** Which of that call's outputs this is. */
  outputIndex = 0;

  constructor(
    readonly shape: SymbolicShape,
    readonly dtype: DType,
    readonly name: string,
  ) {}

  /** The layer whose output this is. */
  get sourceLayer(): Layer {
    if (!this.node) throw new Error(`KerasTensor ${this.name} has no producing layer`);
    return this.node.layer;
  }

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `<KerasTensor shape=${formatShape(this.shape)}, dtype=${this.dtype}, name=${this.name}>`;
  }
}
