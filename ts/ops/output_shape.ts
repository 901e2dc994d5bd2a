/**
 * Keras's shape rules for windowed ops (`keras.src.ops.operation_utils`): the output shapes of
 * pooling and convolution, computed by arithmetic, with Keras's messages.
 */
import type { DataFormat } from '../arguments/data_format.js';
import type { Padding, PoolPadding } from '../arguments/padding.js';
import { ValueError } from '../utils/errors.js';
import { formatShape, numpyRepr, pythonStr } from '../utils/python_repr.js';

/** The padding of a pooling op, lower-cased, with the message of Keras's `compute_pooling_output_shape`. */
export function poolingPadding(padding: unknown): PoolPadding {
  const p = typeof padding === 'string' ? padding.toLowerCase() : padding;
  if (p !== 'valid' && p !== 'same') throw new ValueError(`Argument \`padding\` must be either 'valid' or 'same'. Received: padding=${pythonStr(p)}`);
  return p;
}

/**
 * `compute_pooling_output_shape`: the pooled shape of `inputShape` (null: unknown size).
 * 'valid' refuses windows that do not fit, with Keras's message.
 */
export function poolingOutputShape(
  inputShape: readonly (number | null)[], poolSize: number[], strides: number[], padding: Padding, dataFormat: DataFormat,
): (number | null)[] {
  const last = dataFormat === 'channels_last';
  const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
  const out = spatial.map((size, i) => {
    if (size === null) return null;
    const s = strides[i]!;
    if (s <= 0) throw new ValueError(`Pooling strides must be positive. Received: \`strides=${pythonStr(strides, 'tuple')}\``);
    if (padding === 'same') return Math.floor((size - 1) / s) + 1;
    const o = Math.floor((size - poolSize[i]!) / s) + 1;
    if (o <= 0) {
      throw new ValueError(
        `Computed output size would be zero or negative. Received: \`inputs.shape=${numpyRepr(inputShape)}\`, \`pool_size=${numpyRepr(poolSize)}\`, \`strides=${pythonStr(strides, 'tuple')}\`, \`padding=${padding}\`.`);
    }
    return o;
  });
  return last ? [inputShape[0] ?? null, ...out, inputShape[inputShape.length - 1] ?? null] : [inputShape[0] ?? null, inputShape[1] ?? null, ...out];
}


/** Keras's `compute_conv_output_shape` (None spatial sizes stay None). */
export function convOutputShape(
  inputShape: readonly (number | null)[], filters: number, kernelSize: number[], strides: number[], padding: string, dataFormat: DataFormat, dilationRate: number[],
): (number | null)[] {
  const last = dataFormat === 'channels_last';
  const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
  const kernelShape = [...kernelSize, last ? inputShape[inputShape.length - 1]! : inputShape[1]!, filters];
  if (kernelShape.length !== inputShape.length) {
    throw new ValueError(`Kernel shape must have the same length as input, but received kernel of shape ${formatShape(kernelShape)} and input of shape ${formatShape(inputShape)}.`);
  }
  const out = spatial.map((size, i) => {
    if (size === null) return null;
    if (padding === 'valid') {
      const o = Math.floor((size - dilationRate[i]! * (kernelSize[i]! - 1) - 1) / strides[i]!) + 1;
      if (o <= 0) {
        throw new ValueError(
          `Computed output size would be zero or negative. Received \`inputs shape=${formatShape(inputShape)}\`, \`kernel shape=${formatShape(kernelShape)}\`, ` +
            `\`dilation_rate=[${dilationRate.join(' ')}]\`, \`strides=${formatShape(strides)}\`, \`padding=${padding}\`.`,
        );
      }
      return o;
    }
    return Math.floor((size - 1) / strides[i]!) + 1;
  });
  return last ? [inputShape[0]!, ...out, filters] : [inputShape[0]!, filters, ...out];
}
