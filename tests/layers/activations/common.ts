/** Shared checks of the activation-layer tests: Keras config round trip and tfjs-layers agreement. */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { type Layer, deserializeLayer, serializeLayer, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';

/** get_config → from_config → get_config gives the same config (and the same class). */
export function expectConfigRoundTrip(layer: Layer): void {
  const serialized = serializeLayer(layer);
  expect(serialized.module).toBe('keras.layers');
  const copy = deserializeLayer(JSON.parse(JSON.stringify(serialized)));
  expect(copy.constructor).toBe(layer.constructor);
  expect(copy.getConfig()).toEqual(layer.getConfig());
}

/** The layer and a tfjs-layers oracle agree on seeded inputs of `shape`. */
export function expectMatchesTfjs(layer: Layer, oracle: tf.layers.Layer, shape: number[], tol = 1e-5): void {
  const values = seededValues(shape.reduce((a, b) => a * b, 1), 21, -3, 3);
  const want = tf.tidy(() => (oracle.apply(tf.tensor(values, shape)) as tf.Tensor).dataSync());
  tidy(() => expectClose(layer.apply(tensor(values, shape)), want, tol));
}
