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
import { registerBuiltIn } from '../../engine/registry.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseLocallyConnected, type LocallyConnectedArgs, locallyConnectedSignature } from './base_locally_connected.js';

export type LocallyConnected1DArgs = LocallyConnectedArgs;

export class LocallyConnected1D extends BaseLocallyConnected {
  static override className = 'LocallyConnected1D';

  static override readonly signature = locallyConnectedSignature(1);

  /** `new LocallyConnected1D(filters, kernelSize, { … })`, or `new LocallyConnected1D({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[]], LocallyConnected1DArgs>) {
    super(1, LocallyConnected1D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(LocallyConnected1D);
