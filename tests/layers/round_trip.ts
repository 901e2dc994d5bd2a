/** Config round trip through Keras's serialized form, as Keras's `run_class_serialization_test`. */
import { expect } from 'vitest';
import type { Layer } from '../../ts/index.js';
import { type CustomObjects, deserializeLayer, serializeLayer } from '../../ts/engine/registry.js';

/** Serialises `layer` to JSON text and back; the rebuilt layer has the same class and config. */
export function expectConfigRoundTrip(layer: Layer, customObjects: CustomObjects = {}): Layer {
  const serialized = JSON.parse(JSON.stringify(serializeLayer(layer)));
  expect(serialized.module).toBe('keras.layers');
  expect(serialized.registered_name).toBeNull();
  const rebuilt = deserializeLayer(serialized, customObjects);
  expect(rebuilt.constructor).toBe(layer.constructor);
  expect(rebuilt.getConfig()).toEqual(layer.getConfig());
  return rebuilt;
}
