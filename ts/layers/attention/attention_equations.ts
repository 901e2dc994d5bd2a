/**
 * The einsum equations of multi-head attention, as Keras builds them
 * (`_build_proj_equation`, `_build_attention_equation`): letters `a`, `b`, … for the axes in
 * order, so the equations, and so the kernels' shapes, are Keras's own.
 */
import type { SymbolicShape } from '../../engine/shape.js';

const letter = (i: number): string => String.fromCharCode(97 + i);

/** A projection's equation: `freeDims` axes kept, `boundDims` contracted with the kernel, `outputDims` new ones (which the bias spans). */
export function projectionEquation(freeDims: number, boundDims: number, outputDims: number): { equation: string; biasAxes: string; outputRank: number } {
  const free = Array.from({ length: freeDims }, (_, i) => letter(i)).join('');
  const bound = Array.from({ length: boundDims }, (_, i) => letter(freeDims + i)).join('');
  const out = Array.from({ length: outputDims }, (_, i) => letter(freeDims + boundDims + i)).join('');
  return { equation: `${free}${bound},${bound}${out}->${free}${out}`, biasAxes: out, outputRank: free.length + out.length };
}

/** The partial output shape of a projection of rank `outputRank` (batch excluded): unknown sizes, then `knownLastDims`. */
export function projectionOutputShape(outputRank: number, knownLastDims: number[]): SymbolicShape {
  return [...new Array<null>(outputRank - knownLastDims.length).fill(null), ...knownLastDims];
}

/**
 * The query-key product and the combination with the values, for projected tensors of `rank`
 * (`(batch, <other axes>, <attention axes>, heads, channels)`), attending over `attentionAxes`:
 * the scores are `(batch, <other axes>, heads, <query attention axes>, <key attention axes>)`.
 */
export function attentionEquations(rank: number, attentionAxes: number[]): { dotProduct: string; combine: string; scoresRank: number } {
  const target = Array.from({ length: rank }, (_, i) => letter(i));
  const batchAxes = target.map((_, i) => i).filter((i) => !attentionAxes.includes(i) && i !== rank - 1);
  let offset = rank;
  const source = target.map((c, i) => (batchAxes.includes(i) || i === rank - 1 ? c : letter(offset++)));
  const product = [...batchAxes.map((i) => target[i]!), ...attentionAxes.map((i) => target[i]!), ...attentionAxes.map((i) => source[i]!)].join('');
  const [s, t] = [source.join(''), target.join('')];
  return { dotProduct: `${s},${t}->${product}`, combine: `${product},${s}->${t}`, scoresRank: product.length };
}
