/**
 * A symbolic tensor: a shape (unknown sizes, such as the batch, are `null`) and a dtype, with the
 * node (layer or op call) that produced it. Layers and ops applied to symbolic tensors infer
 * shapes and record the graph of a Functional model without computing anything.
 */
import type { DType } from '../../tensor/tensor.js';
import { formatShape } from '../../tensor/tensor.js';
import type { Node } from './node.js';
import type { Operation } from './operation.js';

let nextId = 0;

export class KerasTensor {
  readonly isKerasTensor = true;
  /** Unique within the process; how graphs index tensors. */
  readonly id = nextId++;
  /** The call that produced this tensor (set when that call is recorded). */
  node: Node | null = null;
  /** Which of that call's outputs this is. */
  outputIndex = 0;

  constructor(
    readonly shape: (number | null)[],
    readonly dtype: DType,
    readonly name: string,
  ) {}

  /** The layer or op whose output this is (Keras's `_keras_history.operation`). */
  get operation(): Operation {
    if (!this.node) throw new Error(`KerasTensor ${this.name} has no producing operation`);
    return this.node.operation;
  }

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `<KerasTensor shape=${formatShape(this.shape)}, dtype=${this.dtype}, name=${this.name}>`;
  }
}

/** Whether `value` holds a KerasTensor, itself or inside arrays and plain objects (Keras's `any_symbolic_tensors`). */
export function holdsKerasTensor(value: unknown): boolean {
  if (value instanceof KerasTensor) return true;
  if (Array.isArray(value)) return value.some(holdsKerasTensor);
  return isPlainObject(value) && Object.values(value).some(holdsKerasTensor);
}

/** Every KerasTensor in `value`, in order (arrays and plain objects are searched). */
export function kerasTensorsIn(value: unknown): KerasTensor[] {
  if (value instanceof KerasTensor) return [value];
  if (Array.isArray(value)) return value.flatMap(kerasTensorsIn);
  return isPlainObject(value) ? Object.values(value).flatMap(kerasTensorsIn) : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === Object.prototype || proto === null;
}
