/** Keras's automatic layer names: `dense`, `dense_1`, `dense_2`, … per snake_cased class name. */

const counts = new Map<string, number>();

/**
 * Keras's `naming.to_snake_case`: `MaxPooling2D` → `max_pooling2d`, `Conv2DTranspose` →
 * `conv2d_transpose`, `BatchNormalization` → `batch_normalization`. A digit does not start a
 * word, so `Conv2D` stays `conv2d`.
 */
export function toSnakeCase(name: string): string {
  const word = name.replace(/\W+/g, '');
  return word.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A Keras config key as a TypeScript option: `kernel_initializer` → `kernelInitializer`. */
export function toCamelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The next free name for `base`: the first call gives `base`, later ones `base_1`, `base_2`… */
export function uniqueName(base: string): string {
  const n = counts.get(base) ?? 0;
  counts.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}
