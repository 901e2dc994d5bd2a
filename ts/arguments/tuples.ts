/**
 * Keras's integer tuples (`keras.src.utils.argument_validation.standardize_tuple`) and the
 * `[before, after]` pairs of the padding and cropping layers, with Keras's messages.
 */
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';
import { ofType } from './received.js';
import { checkSizeArgument } from './shape.js';

/**
 * An integer or `n` integers → `n` integers, each > 0 (>= 0 with `allowZero`):
 * "The `pool_size` argument must be a tuple of 2 integers. Received pool_size=(2, 0), …".
 */
export function standardizeTuple(value: unknown, n: number, name: string, allowZero = false): number[] {
  let message = `The \`${name}\` argument must be a tuple of ${n} integers. Received ${name}=${pythonStr(value, 'tuple')}${ofType(value)}`;
  let tuple: unknown[];
  if (typeof value === 'number' && Number.isInteger(value)) tuple = new Array<number>(n).fill(value);
  else if (Array.isArray(value) && value.length === n) tuple = value;
  else throw new ValueError(message);
  for (const v of tuple) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new ValueError(`${message}including element ${pythonStr(v)} of type <class '${typeof v === 'number' ? 'float' : typeof v === 'string' ? 'str' : typeof v}'>`);
    }
  }
  const bad = [...new Set((tuple as number[]).filter((v) => (allowZero ? v < 0 : v <= 0)))];
  if (bad.length > 0) {
    message += `, including values {${bad.join(', ')}} that do not satisfy \`value ${allowZero ? '>= 0' : '> 0'}\``;
    throw new ValueError(message);
  }
  return (tuple as number[]).map((v) => checkSizeArgument(name, v));
}

const ORDINALS = ['1st', '2nd', '3rd'];

/** What `ZeroPaddingND` / `CroppingND` take for one spatial axis: an int (symmetric) or `[before, after]`. */
export type SidePair = number | [number, number];

/**
 * The `[before, after]` pair of each of `n` spatial axes, from an int (the same on every side),
 * `n` ints (symmetric per axis) or `n` pairs, as `ZeroPaddingND` and `CroppingND` take them.
 * `arg` is 'padding' or 'cropping'; the messages are Keras's.
 */
export function standardizePairs(value: unknown, n: 1 | 2 | 3, arg: 'padding' | 'cropping'): [number, number][] {
  if (n === 1) return [standardizeTuple(value, 2, arg, true) as [number, number]];
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (arg === 'cropping' && value < 0) throw new ValueError(`\`cropping\` cannot be negative. Received: cropping=${value}.`);
    return Array.from({ length: n }, () => [value, value]);
  }
  if (Array.isArray(value)) {
    if (value.length !== n) {
      throw new ValueError(n === 2 ? `\`${arg}\` should have two elements. Received: ${arg}=${pythonStr(value, 'tuple')}.` : `\`${arg}\` should have 3 elements. Received: ${pythonStr(value, 'tuple')}.`);
    }
    return value.map((entry, i) => standardizeTuple(entry, 2, `${ORDINALS[i]} entry of ${arg}`, true) as [number, number]);
  }
  const verb = arg === 'padding' ? 'pad' : 'crop';
  const forms = n === 2
    ? `a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, right_crop))`
    : `a tuple of 3 ints (symmetric_dim1_${verb}, symmetric_dim2_${verb}, symmetric_dim3_${verb}), or a tuple of 3 tuples of 2 ints ((left_dim1_${verb}, right_dim1_${verb}), (left_dim2_${verb}, right_dim2_${verb}), (left_dim3_${verb}, right_dim2_${verb}))`;
  const received = `${n === 3 && arg === 'cropping' ? '' : `${arg}=`}${pythonStr(value, 'tuple')}${ofType(value)}`;
  throw new ValueError(`\`${arg}\` should be either an int, ${forms}. Received: ${received}.`);
}
