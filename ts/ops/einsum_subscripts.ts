/**
 * `einsum`'s subscripts read as NumPy reads them: one label list per operand and one for the
 * output. An ellipsis stands for the operand's unnamed axes, aligned from the right across
 * operands (they broadcast), and becomes labels of its own (`…0` the last such axis, `…1` the one
 * before). Without `->`, the output is the ellipsis axes, then the labels used exactly once, in
 * alphabetical order. Both the shape rule and the lowering to matmuls read this form.
 */
import { ValueError } from '../utils/errors.js';
import { formatShape } from '../utils/python_repr.js';

/** The labels of each operand's axes and of the output's, ellipsis axes named `…k`. */
export interface EinsumLabels {
  inputs: string[][];
  output: string[];
}

const ELLIPSIS = '...';

/** The labels of `subscripts` for operands of `shapes`, or Keras's error when they do not fit. */
export function parseSubscripts(subscripts: string, shapes: readonly (readonly (number | null)[])[]): EinsumLabels {
  const halves = subscripts.replace(/\s/g, '').split('->');
  if (halves.length > 2) throw new ValueError(`At most one '->' is supported in \`einsum\` subscripts, but received ${subscripts}.`);
  const specs = halves[0]!.split(',');
  if (specs.length !== shapes.length) {
    throw new ValueError(`Number of operands (${shapes.length}) does not match the number of input specs (${specs.length}) in \`einsum\`, received subscripts=${subscripts}.`);
  }
  const inputs = specs.map((spec, i) => operandLabels(spec, shapes[i]!, subscripts));
  const ellipsisRank = Math.max(0, ...inputs.map((labels) => labels.filter(isEllipsisLabel).length));
  const output = halves.length === 2 ? explicitOutput(halves[1]!, ellipsisRank, inputs, subscripts) : implicitOutput(inputs, ellipsisRank);
  return { inputs, output };
}

/** Whether `label` names an axis an ellipsis stood for. */
export function isEllipsisLabel(label: string): boolean {
  return label.startsWith('…');
}

/** `count` ellipsis labels, outermost first: `…(count-1)`, …, `…0`. */
function ellipsisLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `…${count - 1 - i}`);
}

/** The letters of `part`, refusing anything that is not a letter. */
function letters(part: string, subscripts: string): string[] {
  const chars = [...part];
  for (const c of chars) {
    if (!/^[a-zA-Z]$/.test(c)) throw new ValueError(`Invalid character '${c}' in \`einsum\` subscripts, received subscripts=${subscripts}.`);
  }
  return chars;
}

/** One operand's labels: its letters, with the ellipsis expanded to the axes they leave over. */
function operandLabels(spec: string, shape: readonly (number | null)[], subscripts: string): string[] {
  const parts = spec.split(ELLIPSIS);
  if (parts.length > 2) throw new ValueError(`An input spec of \`einsum\` may hold one ellipsis, received subscripts=${subscripts}.`);
  const named = parts.map((p) => letters(p, subscripts));
  const namedCount = named[0]!.length + (named[1]?.length ?? 0);
  const fits = parts.length === 1 ? namedCount === shape.length : namedCount <= shape.length;
  if (!fits) {
    throw new ValueError(
      `Number of dimensions in the subscript does not match the number of dimensions in the operand, received subscript \`${spec}\` and operand of shape ${formatShape(shape)}.`,
    );
  }
  if (parts.length === 1) return named[0]!;
  return [...named[0]!, ...ellipsisLabels(shape.length - namedCount), ...named[1]!];
}

/** The output after `->`: its letters (each used by some operand, at most once here), the ellipsis expanded. */
function explicitOutput(spec: string, ellipsisRank: number, inputs: string[][], subscripts: string): string[] {
  const parts = spec.split(ELLIPSIS);
  if (parts.length > 2) throw new ValueError(`The output spec of \`einsum\` may hold one ellipsis, received subscripts=${subscripts}.`);
  const output = parts.length === 1 ? letters(parts[0]!, subscripts) : [...letters(parts[0]!, subscripts), ...ellipsisLabels(ellipsisRank), ...letters(parts[1]!, subscripts)];
  const used = new Set(inputs.flat());
  const seen = new Set<string>();
  for (const label of output) {
    if (!used.has(label)) throw new ValueError(`Output label '${label}' of \`einsum\` does not appear in any input spec, received subscripts=${subscripts}.`);
    if (seen.has(label)) throw new ValueError(`Output label '${label}' of \`einsum\` appears more than once, received subscripts=${subscripts}.`);
    seen.add(label);
  }
  return output;
}

/** NumPy's implicit output: the ellipsis axes, then the letters used exactly once, sorted. */
function implicitOutput(inputs: string[][], ellipsisRank: number): string[] {
  const counts = new Map<string, number>();
  for (const label of inputs.flat()) if (!isEllipsisLabel(label)) counts.set(label, (counts.get(label) ?? 0) + 1);
  const once = [...counts].filter(([, n]) => n === 1).map(([label]) => label).sort();
  return [...ellipsisLabels(ellipsisRank), ...once];
}

/**
 * The size of each label over operands of `shapes` (null: unknown until run time); a size of 1
 * broadcasts against any other, and two different sizes above 1 are Keras's error.
 */
export function labelSizes(labels: EinsumLabels, shapes: readonly (readonly (number | null)[])[], subscripts: string): Map<string, number | null> {
  const sizes = new Map<string, number | null>();
  labels.inputs.forEach((operand, i) => {
    operand.forEach((label, axis) => {
      const size = shapes[i]![axis]!;
      if (!sizes.has(label)) return void sizes.set(label, size);
      const known = sizes.get(label)!;
      // An unknown size takes the known one, unless that is 1 (which would broadcast to it).
      if (known === null || size === null) return void sizes.set(label, known === null ? (size === 1 ? null : size) : known === 1 ? null : known);
      if (known !== size && known !== 1 && size !== 1) {
        throw new ValueError(`Size of label '${label}' does not match in \`einsum\`: ${known} and ${size}, received subscripts=${subscripts} and operands of shapes ${shapes.map(formatShape).join(', ')}.`);
      }
      sizes.set(label, Math.max(known, size));
    });
  });
  return sizes;
}
