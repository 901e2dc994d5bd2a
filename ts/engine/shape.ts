/** Shapes as layers see them: the batch dimension (and others) may be unknown (`null`). */
export type SymbolicShape = (number | null)[];

export function shapesEqual(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Number of elements of a fully known shape. */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
