/**
 * `padSequences`, as `keras.utils.pad_sequences`: a list of sequences of different lengths as one
 * `[numSamples, maxlen, ...sampleShape]` tensor, padded and truncated at the start or the end.
 */
import { tensor } from '../tensor/create.js';
import type { NestedArray, Tensor, TypedArray } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

/** The options of {@link padSequences}, as Keras's arguments. */
export interface PadSequencesOptions {
  /** Length of every sequence. Default null: the longest sequence's. */
  maxlen?: number | null;
  /** `'int32'` (values truncated towards zero, as NumPy casts) or `'float32'`. Default `'int32'`. */
  dtype?: 'int32' | 'float32';
  /** Pad before (`'pre'`) or after (`'post'`) each sequence. Default `'pre'`. */
  padding?: 'pre' | 'post';
  /** Remove values from the start (`'pre'`) or the end (`'post'`) of longer sequences. Default `'pre'`. */
  truncating?: 'pre' | 'post';
  /** The padding value. Default 0. */
  value?: number;
}

/**
 * @example
 * utils.padSequences([[1], [2, 3], [4, 5, 6]]);   // [[0, 0, 1], [0, 2, 3], [4, 5, 6]]
 */
export function padSequences(sequences: readonly (readonly NestedArray[] | TypedArray)[], options: PadSequencesOptions = {}): Tensor {
  const { dtype = 'int32', padding = 'pre', truncating = 'pre', value = 0 } = options;
  if (!Array.isArray(sequences)) throw new ValueError(`\`sequences\` must be a list of iterables. Found non-iterable: ${String(sequences)}`);
  for (const s of sequences) {
    if (!Array.isArray(s) && !ArrayBuffer.isView(s)) throw new ValueError(`\`sequences\` must be a list of iterables. Found non-iterable: ${String(s)}`);
  }
  if (truncating !== 'pre' && truncating !== 'post') throw new ValueError(`Truncating type "${String(truncating)}" not understood`);
  if (padding !== 'pre' && padding !== 'post') throw new ValueError(`Padding type "${String(padding)}" not understood`);
  const lengths = sequences.map((s) => s.length);
  const maxlen = options.maxlen ?? (lengths.length > 0 ? Math.max(...lengths) : 0);
  // Keras takes the shape of a step from the first non-empty sequence.
  const sampleShape = shapeOf(sequences.find((s) => s.length > 0)?.[0] ?? []);
  const stepSize = sampleShape.reduce((a, b) => a * b, 1);
  const out = (dtype === 'int32' ? new Int32Array(sequences.length * maxlen * stepSize) : new Float32Array(sequences.length * maxlen * stepSize)).fill(value);
  sequences.forEach((s, idx) => {
    if (s.length === 0) return;
    const steps = Array.from(s as ArrayLike<NestedArray>);
    const kept = truncating === 'pre' ? steps.slice(Math.max(0, steps.length - maxlen)) : steps.slice(0, maxlen);
    const offset = idx * maxlen + (padding === 'pre' ? maxlen - kept.length : 0);
    kept.forEach((step, t) => {
      const shape = shapeOf(step);
      if (shape.join() !== sampleShape.join()) {
        throw new ValueError(`Shape of sample (${shape.join(', ')}${shape.length === 1 ? ',' : ''}) of sequence at position ${idx} is different from expected shape (${sampleShape.join(', ')}${sampleShape.length === 1 ? ',' : ''})`);
      }
      out.set(flatten(step), (offset + t) * stepSize);
    });
  });
  return tensor(out, [sequences.length, maxlen, ...sampleShape], dtype);
}

function shapeOf(step: NestedArray): number[] {
  return Array.isArray(step) ? [step.length, ...(step.length > 0 ? shapeOf(step[0]!) : [])] : [];
}

function flatten(step: NestedArray): number[] {
  return Array.isArray(step) ? step.flatMap(flatten) : [step];
}
