/**
 * Locally-connected layer for 2-D inputs, as tf.keras 2's `LocallyConnected2D`: like `Conv2D`
 * but with a different filter bank at every output pixel. Inputs `(batch, rows, cols, channels)`
 * (or `(batch, channels, rows, cols)`), outputs `(batch, newRows, newCols, filters)`. With the
 * default `implementation: 1` the kernel is `(newRows · newCols, kh · kw · channels, filters)`
 * and the bias `(newRows, newCols, filters)`, as tf.keras stores them.
 *
 * @example
 * ```ts
 * const layer = new layers.LocallyConnected2D(64, 3); // (batch, 32, 32, 3) → (batch, 30, 30, 64)
 * ```
 */
import { registerBuiltIn } from '../../engine/registry.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseLocallyConnected, type LocallyConnectedArgs, locallyConnectedSignature } from './base_locally_connected.js';

export type LocallyConnected2DArgs = LocallyConnectedArgs;

export class LocallyConnected2D extends BaseLocallyConnected {
  static override className = 'LocallyConnected2D';

  static override readonly signature = locallyConnectedSignature(2);

  /** `new LocallyConnected2D(filters, kernelSize, { … })`, or `new LocallyConnected2D({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[]], LocallyConnected2DArgs>) {
    super(2, LocallyConnected2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(LocallyConnected2D);
