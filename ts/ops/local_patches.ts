/**
 * `localPatches(inputs, kernelSize, …)`: the windows of a locally-connected (unshared)
 * convolution, as tf.keras's `LocallyConnected1D/2D` read them. The result is
 * `(positions, batch, features)`: positions in row-major order over the output's spatial axes,
 * each window flattened as `(k…, channels)` for `channels_last` and `(channels, k…)` for
 * `channels_first`, so that `matmul(patches, kernel)` with a kernel `(positions, features,
 * filters)` applies a different filter bank at every position. `'same'` windows start
 * `floor(k / 2)` cells before `position · stride` and read zeros outside the input (tf.keras's
 * `conv_connected_inputs`). Not part of `keras.ops`. The gather and its backward run in Rust.
 */
import { call, type Glue } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

import { withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import { type DataFormat, standardizeDataFormat } from '../arguments/data_format.js';
import { standardizeTuple } from '../arguments/tuples.js';

/** Options of {@link localPatches}. */
export interface LocalPatchesOptions {
  /** Stride of the windows: one integer or one per spatial axis. Default 1. */
  strides?: number | number[];
  /** `'valid'` (default) or tf.keras's locally-connected `'same'`. */
  padding?: 'valid' | 'same';
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
}

/** The windows of `inputs` as `(positions, batch, features)`; differentiable with respect to `inputs`. */
export function localPatches(inputs: Tensor, kernelSize: number | number[], options: LocalPatchesOptions = {}): Tensor {
  return withTensors('local_patches', { inputs }, (x) => {
    const spatial = x.shape.length - 2;
    if (spatial < 1) {
      throw new ValueError(`local_patches: inputs must have a batch, a channel and at least one spatial axis, received shape (${x.shape.join(', ')})`);
    }
    const size = standardizeTuple(kernelSize, spatial, 'kernel_size');
    const strides = standardizeTuple(options.strides ?? 1, spatial, 'strides');
    const padding = String(options.padding ?? 'valid').toLowerCase();
    if (padding !== 'valid' && padding !== 'same') {
      throw new ValueError(`local_patches: \`padding\` must be either 'valid' or 'same', received ${JSON.stringify(options.padding)}`);
    }
    const channelsFirst = standardizeDataFormat(options.dataFormat) === 'channels_first';
    return wrap('local_patches', call('local_patches', (w: Glue) =>
      w.local_patches(x.handle, Uint32Array.from(size), Uint32Array.from(strides), padding === 'same', channelsFirst)));
  });
}
