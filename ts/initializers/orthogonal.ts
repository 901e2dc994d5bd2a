/** `Orthogonal`: a random orthogonal matrix times `gain`. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import { type DType, type Shape, type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { Random } from '../utils/random.js';
import { Initializer, filled } from './initializer.js';
import { type SeededArgs, checkSeed } from './random.js';

/** Options of `Orthogonal`. */
export interface OrthogonalArgs extends SeededArgs {
  /** The multiplicative factor applied to the orthogonal matrix. Default 1. */
  gain?: number;
}

/**
 * A random orthogonal matrix times `gain`, as `keras.initializers.Orthogonal`: the weight is
 * viewed as a (product of leading axes) x (last axis) matrix; a normal matrix of the taller
 * orientation is factored as QR, the columns of Q are signed by diag(R) (so Q is unique), and Q is
 * transposed back when the weight has more columns than rows. Rows (or columns, whichever are
 * fewer) are orthonormal to float precision.
 */
export class Orthogonal extends Initializer {
  static override className = 'Orthogonal';
  static override readonly signature = signature<OrthogonalArgs>()({ gain: 1, seed: null });
  readonly gain: number;
  readonly seed: number | null;

  constructor(...args: KerasArgs<[gain: number, seed: number | null], OrthogonalArgs>) {
    super();
    const a = Orthogonal.signature.resolve(args, new.target);
    this.gain = a.gain;
    this.seed = checkSeed(a.seed);
  }

  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    if (shape.length < 2) {
      throw new ValueError(`The tensor to initialize must be at least two-dimensional. Received: shape=${formatShape(shape)} of rank ${shape.length}.`);
    }
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1]!;
    const [m, n] = [Math.max(rows, cols), Math.min(rows, cols)];
    const rng = new Random(this.seed);
    // The draws are i.i.d., so they can be laid out column by column directly.
    const q = orthonormalColumns(Float64Array.from({ length: m * n }, () => rng.normal()), m, n);
    // Column j of Q is q[j*m .. (j+1)*m]. The weight is Q (rows >= cols) or its transpose.
    return filled(shape, dtype, (i) => {
      const [r, c] = [Math.floor(i / cols), i % cols];
      return this.gain * (rows >= cols ? q[c * m + r]! : q[r * m + c]!);
    });
  }

  override getConfig() {
    return { seed: this.seed, gain: this.gain };
  }
}

/**
 * The Q of the thin QR factorisation of the m x n matrix `a` (m >= n, stored column by column),
 * with R's diagonal positive, in the same layout: modified Gram-Schmidt in float64 with each
 * column orthogonalised twice ("twice is enough", Giraud et al. 2005), which keeps Q orthonormal
 * to rounding error. Works in place on `a`.
 */
function orthonormalColumns(a: Float64Array, m: number, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    const vj = j * m;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const qi = i * m;
        let dot = 0;
        for (let r = 0; r < m; r++) dot += a[qi + r]! * a[vj + r]!;
        for (let r = 0; r < m; r++) a[vj + r]! -= dot * a[qi + r]!;
      }
    }
    let norm = 0;
    for (let r = 0; r < m; r++) norm += a[vj + r]! * a[vj + r]!;
    norm = Math.sqrt(norm);
    for (let r = 0; r < m; r++) a[vj + r]! /= norm;
  }
  return a;
}
