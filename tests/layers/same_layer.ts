/** Layers built in two forms (`new UpSampling2D(3)`, `new UpSampling2D({ size: 3 })`) are the same layer. */
import { expect } from 'vitest';
import type { Layer } from '../../ts/index.js';

/** `a` and `b` have the same class and the same config but for their names (which counters make unique). */
export function expectSameLayer(a: Layer, b: Layer): void {
  expect(a.constructor).toBe(b.constructor);
  const { name: _a, ...configA } = a.getConfig();
  const { name: _b, ...configB } = b.getConfig();
  expect(configA).toEqual(configB);
}
