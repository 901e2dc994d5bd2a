/**
 * Locally-connected layer for 1-D inputs, as tf.keras 2's `LocallyConnected1D`: like `Conv1D`
 * but with a different filter bank at every output step. Inputs `(batch, steps, channels)` (or
 * `(batch, channels, steps)`), outputs `(batch, newSteps, filters)`. With the default
 * `implementation: 1` the kernel is `(newSteps, kernelSize · channels, filters)` and the bias
 * `(newSteps, filters)`, as tf.keras stores them.
 *
 * @example
 * ```ts
 * const layer = new layers.LocallyConnected1D(64, 3); // (batch, 10, 32) → (batch, 8, 64)
 * ```
 */
import { registerBuiltIn } from '../../saving/registry.js';
import { BaseLocallyConnected, type LocallyConnectedArgs } from './base_locally_connected.js';

export type LocallyConnected1DArgs = LocallyConnectedArgs;

export class LocallyConnected1D extends BaseLocallyConnected {
  static override className = 'LocallyConnected1D';

  /** `new LocallyConnected1D(filters, kernelSize, { … })`, or `new LocallyConnected1D({ filters, kernelSize, … })`. */
  constructor(filters: number, kernelSize: number | number[], args?: LocallyConnected1DArgs);
  constructor(args: LocallyConnected1DArgs);
  constructor(filtersOrArgs: number | LocallyConnected1DArgs, kernelSize?: number | number[], args: LocallyConnected1DArgs = {}) {
    super(1, typeof filtersOrArgs === 'number' ? { ...args, filters: filtersOrArgs, kernelSize } : filtersOrArgs);
  }
}

registerBuiltIn(LocallyConnected1D);
