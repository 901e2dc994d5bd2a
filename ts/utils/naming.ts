/** Keras's automatic layer names: `dense`, `dense_1`, `dense_2`, … per snake_cased class name. */

const counts = new Map<string, number>();

/** `MaxPooling2D` → `max_pooling2d`, `Dense` → `dense` (Keras's `to_snake_case`). */
export function toSnakeCase(name: string): string {
  const intermediate = name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return intermediate.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The next free name for `base`: the first call gives `base`, later ones `base_1`, `base_2`… */
export function uniqueName(base: string): string {
  const n = counts.get(base) ?? 0;
  counts.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}
