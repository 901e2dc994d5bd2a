/** Keras's `padding` argument (`argument_validation.standardize_padding`), lower-cased and checked. */
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';

/** `'valid'`: no padding; `'same'`: TensorFlow's, output `ceil(size / stride)`; `'causal'`: before only (1-D convolutions). */
export type Padding = 'valid' | 'same' | 'causal';

/** The padding, lower-cased; 'causal' only where `allowCausal` (Conv1D). */
export function standardizePadding(value: unknown, allowCausal: true): Padding;
export function standardizePadding(value: unknown, allowCausal?: false): 'valid' | 'same';
export function standardizePadding(value: unknown, allowCausal = false): Padding {
  const padding = typeof value === 'string' ? value.toLowerCase() : value;
  const allowed = allowCausal ? ['valid', 'same', 'causal'] : ['valid', 'same'];
  if (typeof padding !== 'string' || !allowed.includes(padding)) {
    throw new ValueError(`The \`padding\` argument must be a list/tuple or one of {${allowed.map((p) => `'${p}'`).join(', ')}}. Received: ${pythonStr(padding)}`);
  }
  return padding as Padding;
}

/** The paddings of pooling and of most convolutions: no 'causal'. */
export type PoolPadding = Exclude<Padding, 'causal'>;
