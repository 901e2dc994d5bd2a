/**
 * What a layer accepts, declared once; `assertInputCompatibility` is the single place shape errors
 * come from, with Keras's own wording so that users can search them.
 */
import { formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { SymbolicShape } from './shape.js';

export interface InputSpecArgs {
  /** Exact rank. */
  ndim?: number;
  /** Minimum rank. */
  minNdim?: number;
  /** Maximum rank. */
  maxNdim?: number;
  /** Required sizes of given axes (negative axes count from the end). */
  axes?: Record<number, number>;
  /** The full expected shape; `null` matches any size (a model's Input shape). */
  shape?: (number | null)[];
}

export class InputSpec {
  readonly ndim: number | undefined;
  readonly minNdim: number | undefined;
  readonly maxNdim: number | undefined;
  readonly axes: Record<number, number>;
  readonly shape: (number | null)[] | undefined;

  constructor(args: InputSpecArgs) {
    this.shape = args.shape;
    this.ndim = args.ndim;
    this.minNdim = args.minNdim;
    this.maxNdim = args.maxNdim;
    this.axes = args.axes ?? {};
  }
}

/** Throws Keras's `ValueError` when `shape` does not satisfy `spec`. */
export function assertInputCompatibility(spec: InputSpec | null, shape: SymbolicShape, layerName: string, index = 0): void {
  if (spec === null) return;
  const prefix = `Input ${index} of layer "${layerName}" is incompatible with the layer:`;
  const ndim = shape.length;
  if (spec.shape !== undefined) {
    const expected = spec.shape;
    if (ndim !== expected.length || expected.some((d, i) => d !== null && shape[i] !== null && d !== shape[i])) {
      throw new ValueError(`${prefix} expected shape=${formatShape(expected)}, found shape=${formatShape(shape)}`);
    }
  }
  if (spec.ndim !== undefined && ndim !== spec.ndim) {
    throw new ValueError(`${prefix} expected ndim=${spec.ndim}, found ndim=${ndim}. Full shape received: ${formatShape(shape)}`);
  }
  if (spec.minNdim !== undefined && ndim < spec.minNdim) {
    throw new ValueError(`${prefix} expected min_ndim=${spec.minNdim}, found ndim=${ndim}. Full shape received: ${formatShape(shape)}`);
  }
  if (spec.maxNdim !== undefined && ndim > spec.maxNdim) {
    throw new ValueError(`${prefix} expected max_ndim=${spec.maxNdim}, found ndim=${ndim}. Full shape received: ${formatShape(shape)}`);
  }
  for (const [axisKey, value] of Object.entries(spec.axes)) {
    const axis = Number(axisKey);
    const dim = shape[axis < 0 ? ndim + axis : axis];
    if (dim !== null && dim !== undefined && dim !== value) {
      throw new ValueError(`${prefix} expected axis ${axis} of input shape to have value ${value}, but received input with shape ${formatShape(shape)}`);
    }
  }
}
