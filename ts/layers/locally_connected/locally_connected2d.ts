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
import { registerBuiltIn } from '../../saving/registry.js';
import { BaseLocallyConnected, type LocallyConnectedArgs } from './base_locally_connected.js';

export type LocallyConnected2DArgs = LocallyConnectedArgs;

export class LocallyConnected2D extends BaseLocallyConnected {
  static override className = 'LocallyConnected2D';

  /** `new LocallyConnected2D(filters, kernelSize, { … })`, or `new LocallyConnected2D({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: LocallyConnected2DArgs);
  constructor(args: LocallyConnected2DArgs);
  constructor(filtersOrArgs: number | LocallyConnected2DArgs, kernelSize?: number | number[], args: LocallyConnected2DArgs = {}) {
    super(2, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(LocallyConnected2D);
