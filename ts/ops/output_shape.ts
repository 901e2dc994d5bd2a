/**
 * Keras's shape rules (`keras.src.ops.operation_utils`): the output shapes of ops computed by
 * arithmetic, unknown sizes (`null`) carried through, with Keras's messages. Ops use them on
 * KerasTensors, layers in `computeOutputShape`.
 */
import { canonicalizeAxis } from '../arguments/axis.js';
import type { DataFormat } from '../arguments/data_format.js';
import type { Padding, PoolPadding } from '../arguments/padding.js';
import { ValueError } from '../utils/errors.js';
import { formatShape, numpyRepr, pythonRepr, pythonStr } from '../utils/python_repr.js';

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

type Shape = readonly (number | null)[];

/** NumPy broadcasting of two shapes, as Keras's `broadcast_shapes` (an unknown size meets 1 as unknown). */
export function broadcastShapes(shape1: Shape, shape2: Shape): (number | null)[] {
  const rank = Math.max(shape1.length, shape2.length);
  const pad = (s: Shape) => [...new Array<number>(rank - s.length).fill(1), ...s];
  const [a, b] = [pad(shape1), pad(shape2)];
  return a.map((d, i) => {
    const e = b[i]!;
    if (d === 1) return e;
    if (d === null) return e === 1 ? null : e;
    if (e === 1 || e === null || e === d) return d;
    throw new ValueError(
      `Cannot broadcast shape, the failure dim has value ${d}, which cannot be broadcasted to ${e}. Input shapes are: ${pythonRepr(shape1)} and ${pythonRepr(shape2)}.`);
  });
}

/** Keras's `reduce_shape`: `shape` without the reduced axes (or with size 1 there when `keepdims`); null axis: all. */
export function reducedShape(shape: Shape, axis: number | readonly number[] | null, keepdims: boolean): (number | null)[] {
  if (axis === null) return keepdims ? shape.map(() => 1) : [];
  const axes = (typeof axis === 'number' ? [axis] : axis).map((a) => canonicalizeAxis(a, shape.length));
  return keepdims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

/** Keras's `compute_reshape_output_shape`: `newShape` with its -1 resolved when every size is known (else unknown). */
export function reshapedShape(shape: Shape, newShape: readonly (number | null)[]): (number | null)[] {
  if (newShape.some((d) => d !== null && d < -1) || newShape.filter((d) => d === -1).length > 1) {
    const many = newShape.filter((d) => d === -1).length > 1;
    throw new ValueError(many
      ? `There must be at most one unknown dimension (-1) in \`newshape\`. Received: newshape=${formatShape(newShape)}.`
      : `Each dimension in \`newshape\` must be a non-negative integer, or \`-1\` for a single unknown dimension. Received: newshape=${formatShape(newShape)}.`);
  }
  if (shape.includes(null) || newShape.includes(null)) return newShape.map((d) => (d === -1 ? null : d));
  const size = (s: readonly (number | null)[]) => s.reduce<number>((n, d) => n * (d as number), 1);
  const known = size(newShape.filter((d) => d !== -1));
  const total = size(shape);
  if (!newShape.includes(-1)) {
    if (known !== total) throw new ValueError(`The total size of the tensor must be unchanged. Received: input_shape=${formatShape(shape)}, newshape=${formatShape(newShape)}`);
    return [...newShape];
  }
  if (known === 0 || total % known !== 0) {
    throw new ValueError(
      `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in newshape. Received: input_shape=${formatShape(shape)}, newshape=${formatShape(newShape)}`);
  }
  return newShape.map((d) => (d === -1 ? total / known : d));
}

/** Keras's `compute_transpose_output_shape`: the axes permuted (reversed when `axes` is null). */
export function transposedShape(shape: Shape, axes: readonly number[] | null): (number | null)[] {
  if (axes === null) return [...shape].reverse();
  const rank = shape.length;
  if (axes.length !== rank) throw new ValueError(`axis must be a list of the same length as the input shape, expected ${rank}, but received ${axes.length}.`);
  const normalized = axes.map((a) => {
    if (!Number.isInteger(a) || a < -rank || a >= rank) throw new ValueError(`Each axis in \`axes\` must be an integer in [-${rank}, ${rank}). Received: axes=${pythonRepr(axes)}.`);
    return ((a % rank) + rank) % rank;
  });
  if (new Set(normalized).size !== rank) {
    throw new ValueError(`\`axes\` must be a valid permutation of the input dimensions (no duplicates). Received: axes=${pythonRepr(axes)} for input of rank ${rank}.`);
  }
  return normalized.map((a) => shape[a]!);
}

/** Keras's `compute_expand_dims_output_shape`: a size-1 axis inserted at each of `axis` (positions in the output). */
export function expandedShape(shape: Shape, axis: number | readonly number[]): (number | null)[] {
  const axes = typeof axis === 'number' ? [axis] : axis;
  const rank = shape.length + axes.length;
  const inserted = axes.map((a) => canonicalizeAxis(a, rank));
  let next = 0;
  return Array.from({ length: rank }, (_, i) => (inserted.includes(i) ? 1 : shape[next++]!));
}

/** Keras's `Squeeze` shape: the size-1 axes of `axis` removed (every size-1 axis when null). */
export function squeezedShape(shape: Shape, axis: number | readonly number[] | null): (number | null)[] {
  if (axis === null) return shape.filter((d) => d !== 1);
  const axes = typeof axis === 'number' ? [axis] : axis;
  // An axis out of range is refused as such (Keras's shape rule fails on it with an IndexError).
  const removed = axes.map((a) => canonicalizeAxis(a, shape.length));
  removed.forEach((r, i) => {
    if (shape[r] !== 1) throw new ValueError(`Cannot squeeze axis ${axes[i]}, because the dimension is not 1.`);
  });
  return shape.filter((_, i) => !removed.includes(i));
}

/** Keras's `compute_matmul_output_shape`: NumPy's matmul, 1-D operands promoted and their axis dropped. */
export function matmulShape(shape1: Shape, shape2: Shape): (number | null)[] {
  const a = shape1.length === 1 ? [1, shape1[0]!] : shape1;
  const b = shape2.length === 1 ? [shape2[0]!, 1] : shape2;
  const inner1 = a[a.length - 1]!;
  const inner2 = b[b.length - 2]!;
  if (inner1 !== null && inner2 !== null && inner1 !== inner2) {
    throw new ValueError(`Inner dimensions (\`x1.shape[-1]\` and \`x2.shape[-2]\`) must be equal, but received \`x1.shape=${formatShape(a)}\` and \`x2.shape=${formatShape(b)}\`.`);
  }
  const out = [...broadcastShapes(a.slice(0, -2), b.slice(0, -2)), a[a.length - 2]!, b[b.length - 1]!];
  if (shape1.length === 1) out.splice(-2, 1);
  if (shape2.length === 1) out.splice(-1, 1);
  return out;
}

/** Keras's `_get_output_shape_given_tf_padding`: one spatial axis of a transposed convolution. */
export function deconvOutputLength(
  size: number | null, kernel: number, stride: number, padding: string, outputPadding: number | null, dilation: number,
): number | null {
  if (size === null) return null;
  const k = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return (size - 1) * stride + k + (outputPadding ?? Math.max(k, stride) - k);
  return outputPadding === null ? size * stride : (size - 1) * stride + (k % 2) + outputPadding;
}
