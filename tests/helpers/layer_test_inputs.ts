/**
 * The inputs `runLayerTest` feeds a layer, one shape or a list of shapes (multi-input layers):
 * seeded eager tensors, symbolic `Input`s with the batch dimension unknown, and input masks.
 */
import { type DType, Input, type KerasTensor, type Shape, type Tensor, ops, tensor } from '../../ts/index.js';
import type { SymbolicShape } from '../../ts/engine/shape.js';
import { reshapeStrings } from '../../ts/tensor/strings.js';
import { formatShape } from '../../ts/tensor/tensor.js';
import { seededValues } from './close.js';

/** One shape, or one per input of a multi-input layer. */
export type Shapes = Shape | Shape[];

export function isShapeList<S extends SymbolicShape>(shapes: S | S[]): shapes is S[] {
  return shapes.length > 0 && Array.isArray(shapes[0]);
}

/** The shapes as a list (of one, for a single-input layer). */
export function shapeList(shapes: Shapes): Shape[] {
  return isShapeList(shapes) ? shapes : [shapes];
}

/** Applies `f` to each shape, keeping the structure (one shape, or a list). */
export function mapShapes<T>(shapes: Shapes, f: (shape: Shape, i: number) => T): T | T[] {
  return isShapeList(shapes) ? shapes.map(f) : f(shapes, 0);
}

/** Seeded values of `shape`: floats in [-1, 1), or integers in [0, 3) (valid ids for a small Embedding). */
export function eagerInput(shape: Shape, dtype: DType, seed: number): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (dtype === 'int32') return tensor(Int32Array.from(seededValues(size, seed, 0, 3), Math.floor), shape, 'int32');
  return tensor(seededValues(size, seed), shape, 'float32');
}

/** The shape with the batch dimension unknown, as a model sees it. */
export function batchUnknown(shape: SymbolicShape): SymbolicShape {
  return [null, ...shape.slice(1)];
}

/** Symbolic inputs of `shapes` (`Input`s), made fresh for each call since a graph owns them. */
export function symbolicInputs(shapes: SymbolicShape | SymbolicShape[], dtype: DType): KerasTensor | KerasTensor[] {
  const make = (s: SymbolicShape) => Input({ batchShape: s, dtype });
  return isShapeList(shapes) ? shapes.map(make) : make(shapes);
}

/** A mask of `maskShape`: 1 everywhere but the last entry. */
export function inputMask(maskShape: Shape): Tensor {
  const values = new Float32Array(maskShape.reduce((a, b) => a * b, 1)).fill(1);
  values[values.length - 1] = 0;
  return tensor(values, maskShape);
}

/** A copy of `x` carrying `mask`, as an upstream masking layer would hand it on. */
export function withMask(x: Tensor, mask: Tensor): Tensor {
  const copy = x.dtype === 'string' ? reshapeStrings(x, x.shape) : ops.reshape(x, x.shape);
  copy.kerasMask = mask;
  return copy;
}

/** Whether `actual` has the rank of `expected` and its size on every axis `expected` knows. */
export function matchesShape(expected: SymbolicShape, actual: SymbolicShape): boolean {
  return expected.length === actual.length && expected.every((d, i) => d === null || d === actual[i]);
}

/** `(2, 3)`, or `[(2, 3), (2, 4)]` for a list. */
export function describeShapes(shapes: SymbolicShape | SymbolicShape[]): string {
  return shapes.length > 0 && Array.isArray(shapes[0]) ? `[${(shapes as SymbolicShape[]).map(formatShape).join(', ')}]` : formatShape(shapes as SymbolicShape);
}

/** The shape with one axis fewer (the one before the last, so the features axis stays): a rank layers refuse. */
export function oneAxisFewer(shape: Shape): Shape {
  return shape.length >= 2 ? [...shape.slice(0, -2), shape[shape.length - 1]!] : [];
}
