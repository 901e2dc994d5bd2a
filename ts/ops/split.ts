/**
 * `split(x, indicesOrSections, axis)`, as `keras.ops.split`: `x` cut along `axis` into
 * `indicesOrSections` equal parts, or at the given indices (`[2, 5]`: `x[:2]`, `x[2:5]`, `x[5:]`
 * on that axis). Each part is a slice, so gradients flow back into its place. On a KerasTensor it
 * records Keras's `Split` node, with one output per part.
 */
import { canonicalizeAxis } from '../arguments/axis.js';
import { REQUIRED, signature } from '../arguments/signature.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { formatShape, pythonRepr } from '../utils/python_repr.js';
import type { KerasTensor } from './symbolic/keras_tensor.js';
import { type TensorArg, requireTensor } from './operands.js';
import { slice } from './shape.js';
import { defineOp } from './symbolic/op.js';
import type { TensorSpec } from './symbolic/spec.js';

type IndicesOrSections = number | number[];

interface SplitConfig {
  indicesOrSections: IndicesOrSections;
  axis: number;
}

/** The parts' `[start, size]` on the split axis (null where the axis size is unknown), with Keras's messages. */
function partsOf(size: number | null, indicesOrSections: IndicesOrSections): [number | null, number | null][] {
  if (typeof indicesOrSections === 'number') {
    const sections = indicesOrSections;
    if (!Number.isInteger(sections) || sections <= 0) throw new ValueError(`split: \`indices_or_sections\` must be a positive integer or a list of integers, received ${pythonRepr(sections)}`);
    if (size === null) return Array.from({ length: sections }, () => [null, null]);
    if (size % sections !== 0) {
      throw new ValueError(`\`x\` size on given \`axis\` must be divisible by \`indices_or_sections\` when \`indices_or_sections\` is an int. But received ${size} and ${sections}.`);
    }
    const part = size / sections;
    return Array.from({ length: sections }, (_, i) => [i * part, part]);
  }
  if (!Array.isArray(indicesOrSections) || !indicesOrSections.every((i) => Number.isInteger(i))) {
    throw new ValueError(`split: \`indices_or_sections\` must be a positive integer or a list of integers, received ${pythonRepr(indicesOrSections)}`);
  }
  const bounds = [0, ...indicesOrSections, size];
  return bounds.slice(0, -1).map((start, i) => {
    const end = bounds[i + 1]!;
    if (end === null) return [start, null];
    const ordered = start !== null && start <= end && end >= 0 && (size === null || end <= size);
    if (!ordered) throw new ValueError(`split: \`indices_or_sections\` must be non-decreasing and within [0, ${size ?? 'size'}] on the split axis, received ${pythonRepr(indicesOrSections)}`);
    return [start, end - start!];
  });
}

function splitSpecs(x: TensorSpec, { indicesOrSections, axis }: SplitConfig): TensorSpec[] {
  const ax = canonicalizeAxis(axis, x.shape.length);
  return partsOf(x.shape[ax]!, indicesOrSections).map(([, size]) => ({ shape: x.shape.map((d, i) => (i === ax ? size : d)), dtype: x.dtype }));
}

const Split = defineOp<[x: Tensor], Record<string, never>, SplitConfig>({
  className: 'Split', module: 'keras.src.ops.numpy',
  config: signature<SplitConfig>()({ indicesOrSections: REQUIRED, axis: 0 }),
  compute: ([x], _, { indicesOrSections, axis }) => {
    const t = requireTensor(x, 'x', 'split');
    if (t.shape.length === 0) throw new ValueError(`split: the input must have at least one axis, received shape ${formatShape(t.shape)}`);
    const ax = canonicalizeAxis(axis, t.shape.length);
    return partsOf(t.shape[ax]!, indicesOrSections).map(([start, size]) =>
      slice(t, t.shape.map((_, i) => (i === ax ? start! : 0)), t.shape.map((d, i) => (i === ax ? size! : d))));
  },
  outputSpec: ([x], _, config) => splitSpecs(x, config),
});

/** `x` cut along `axis` into `indicesOrSections` equal parts, or at the given indices. */
export function split(x: Tensor, indicesOrSections: IndicesOrSections, axis?: number): Tensor[];
export function split(x: KerasTensor, indicesOrSections: IndicesOrSections, axis?: number): KerasTensor[];
export function split(x: TensorArg, indicesOrSections: IndicesOrSections, axis = 0): TensorArg[] {
  return Split.invoke({ indicesOrSections, axis }, [x]) as unknown as TensorArg[];
}
