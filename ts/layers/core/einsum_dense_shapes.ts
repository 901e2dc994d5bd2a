/**
 * What an `EinsumDense` equation says about its weights, as Keras's `_analyze_einsum_string`:
 * the kernel's shape, the bias's (over the `bias_axes` and every output axis after the first of
 * them), the full output shape, and which kernel axes face the input and the output (the fans
 * of a variance-scaling initializer). Three forms: `ab,bc->ac`, `...b,bc->...c` (leading axes
 * elided) and `ab...,bc->ac...` (trailing ones).
 */
import type { SymbolicShape } from '../../engine/shape.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape } from '../../utils/python_repr.js';

export interface EinsumDenseShapes {
  kernelShape: number[];
  biasShape: number[] | null;
  outputShape: SymbolicShape;
  inputAxes: number[];
  outputAxes: number[];
}

interface SplitEquation {
  input: string;
  weight: string;
  output: string;
  leftElided: boolean;
}

/** The three specs of `equation`, or Keras's error for a form it does not take. */
function splitEquation(equation: string): SplitEquation {
  const dotted = equation.replace(/\.\.\./g, '0');
  const forms: [RegExp, boolean][] = [
    [/^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)/, false],
    [/^0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)/, true],
    [/^([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0/, false],
  ];
  for (const [form, leftElided] of forms) {
    const m = form.exec(dotted);
    if (m) return { input: m[1]!, weight: m[2]!, output: m[3]!, leftElided };
  }
  throw new ValueError(`Invalid einsum equation '${equation}'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....`);
}

/**
 * Keras's analysis of `equation` for inputs of `inputShape`, with `partialOutputShape` the sizes
 * after the batch axis; an input of a rank the equation cannot take is an error naming `layerName`.
 */
export function analyzeEinsumDense(layerName: string, equation: string, biasAxes: string | null, inputShape: SymbolicShape, partialOutputShape: SymbolicShape): EinsumDenseShapes {
  const { input, weight, output, leftElided } = splitEquation(equation);
  const elided = inputShape.length - input.length;
  if (elided < 0 || (elided > 0 && !equation.includes('...'))) {
    throw new ValueError(`Layer "${layerName}": the einsum equation '${equation}' names ${input.length} input axes${elided > 0 ? ' and elides none' : ''}, but the input has shape ${formatShape(inputShape)}.`);
  }
  const outputShape: SymbolicShape = [inputShape[0]!, ...partialOutputShape];
  // The elided axes in their order (Keras's own insertion reverses them when there are several).
  if (elided > 0 && leftElided) outputShape.splice(1, 0, ...inputShape.slice(1, elided));
  else if (elided > 0) for (let i = inputShape.length - elided; i < inputShape.length; i++) outputShape.push(inputShape[i]!);
  // With leading axes elided, the named axes are the last ones of the input and output.
  const inputAxis = (d: string) => input.indexOf(d) + (leftElided ? elided : 0);
  const outputAxis = (d: string) => output.indexOf(d) + (leftElided ? elided : 0);
  for (const d of input) {
    if (!output.includes(d)) continue;
    const [i, o] = [inputShape[inputAxis(d)], outputShape[outputAxis(d)]];
    if (o !== null && o !== undefined && o !== i) {
      throw new ValueError(`Input shape and output shape do not match at shared dimension '${d}'. Input shape is ${String(i)}, and output shape is ${String(o)}.`);
    }
  }
  for (const d of output) {
    if (!input.includes(d) && !weight.includes(d)) {
      throw new ValueError(`Dimension '${d}' was specified in the output '${output}' but has no corresponding dim in the input spec '${input}' or weight spec '${output}'`);
    }
  }
  const kernelShape: number[] = [];
  const inputAxes: number[] = [];
  const outputAxes: number[] = [];
  [...weight].forEach((d, i) => {
    if (output.includes(d)) {
      kernelShape.push(outputShape[outputAxis(d)] as number);
      outputAxes.push(i);
    } else if (input.includes(d)) {
      kernelShape.push(inputShape[inputAxis(d)] as number);
      inputAxes.push(i);
    } else {
      throw new ValueError(`Weight dimension '${d}' did not have a match in either the input spec '${input}' or the output spec '${output}'. For this layer, the weight must be fully specified.`);
    }
  });
  return { kernelShape, biasShape: biasShapeOf(biasAxes, output, outputShape, leftElided ? elided : 0, leftElided ? 0 : elided), outputShape, inputAxes, outputAxes };
}

/** The bias's shape: the sizes of `biasAxes` from the first of them on, 1 elsewhere, then 1 for each trailing elided axis. */
function biasShapeOf(biasAxes: string | null, output: string, outputShape: SymbolicShape, leftElided: number, rightElided: number): number[] | null {
  if (biasAxes === null) return null;
  for (const c of biasAxes) {
    if (!output.includes(c)) throw new ValueError(`Bias dimension '${c}' was requested, but is not part of the output spec '${output}'`);
  }
  const first = Math.min(...[...biasAxes].map((c) => output.indexOf(c)));
  const shape = [...output.slice(first)].map((c) => (biasAxes.includes(c) ? (outputShape[output.indexOf(c) + leftElided] as number) : 1));
  return [...shape, ...new Array<number>(rightElided).fill(1)];
}
