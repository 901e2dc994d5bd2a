/**
 * Keras's argument checks shared by the pooling ops and layers (`keras.src.utils.argument_validation`
 * and `backend.standardize_data_format`), with Keras's messages and Python's way of printing values.
 */
import { ValueError } from '../utils/errors.js';

/** Where the channels axis is: last (`(batch, *spatial, channels)`, Keras's default) or first. */
export type DataFormat = 'channels_last' | 'channels_first';

/** Keras's pooling paddings: `'valid'` (no padding) or TensorFlow's `'same'`. */
export type PoolPadding = 'valid' | 'same';

/** A value printed as Python would (`(2, 2)`, `None`, `'a'`), for messages that quote Keras. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return value.length === 1 ? `(${pythonRepr(value[0])},)` : `(${value.map(pythonRepr).join(', ')})`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/**
 * `standardize_tuple`: an integer or a list of `n` integers → a list of `n` integers, each > 0
 * (>= 0 with `allowZero`). Keras's message: "The `pool_size` argument must be a tuple of 2 integers. …".
 */
export function standardizeTuple(value: unknown, n: number, name: string, allowZero = false): number[] {
  let msg = `The \`${name}\` argument must be a tuple of ${n} integers. Received ${name}=${pythonRepr(value)}`;
  let tuple: unknown[];
  if (typeof value === 'number' && Number.isInteger(value)) tuple = Array(n).fill(value);
  else if (Array.isArray(value) && value.length === n) tuple = value;
  else throw new ValueError(msg);
  for (const v of tuple) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new ValueError(`${msg}including element ${pythonRepr(v)} of type ${typeof v === 'number' ? "<class 'float'>" : `<class '${typeof v}'>`}`);
    }
  }
  const bad = [...new Set((tuple as number[]).filter((v) => (allowZero ? v < 0 : v <= 0)))];
  if (bad.length > 0) {
    msg += `, including values {${bad.join(', ')}} that do not satisfy \`value ${allowZero ? '>= 0' : '> 0'}\``;
    throw new ValueError(msg);
  }
  return tuple as number[];
}

/** `backend.standardize_data_format`: null → 'channels_last'; anything else must name a format. */
export function standardizeDataFormat(value: unknown): DataFormat {
  if (value === null || value === undefined) return 'channels_last';
  const format = String(value).toLowerCase();
  if (format !== 'channels_last' && format !== 'channels_first') {
    throw new ValueError(`The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${String(value)}`);
  }
  return format;
}

/** The pooling padding, lower-cased; Keras's message for anything but 'valid' / 'same'. */
export function standardizePoolPadding(value: unknown): PoolPadding {
  const padding = typeof value === 'string' ? value.toLowerCase() : value;
  if (padding !== 'valid' && padding !== 'same') {
    throw new ValueError(`Argument \`padding\` must be either 'valid' or 'same'. Received: padding=${String(value)}`);
  }
  return padding;
}

/**
 * `compute_pooling_output_shape`: the pooled shape of `inputShape` (null: unknown size).
 * 'valid' refuses windows that do not fit, with Keras's message.
 */
export function poolingOutputShape(
  inputShape: readonly (number | null)[], poolSize: number[], strides: number[], padding: PoolPadding, dataFormat: DataFormat,
): (number | null)[] {
  const last = dataFormat === 'channels_last';
  const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
  const out = spatial.map((size, i) => {
    if (size === null) return null;
    const s = strides[i]!;
    if (s <= 0) throw new ValueError(`Pooling strides must be positive. Received: \`strides=${pythonRepr(strides)}\``);
    if (padding === 'same') return Math.floor((size - 1) / s) + 1;
    const o = Math.floor((size - poolSize[i]!) / s) + 1;
    if (o <= 0) {
      throw new ValueError(
        `Computed output size would be zero or negative. Received: \`inputs.shape=${numpyRepr(inputShape)}\`, \`pool_size=${numpyRepr(poolSize)}\`, \`strides=${pythonRepr(strides)}\`, \`padding=${padding}\`.`);
    }
    return o;
  });
  return last ? [inputShape[0] ?? null, ...out, inputShape[inputShape.length - 1] ?? null] : [inputShape[0] ?? null, inputShape[1] ?? null, ...out];
}

/** How numpy prints a 1-D array: `[None 4 4 1]`. */
function numpyRepr(values: readonly (number | null)[]): string {
  return `[${values.map((v) => (v === null ? 'None' : String(v))).join(' ')}]`;
}
