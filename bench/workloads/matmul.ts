/** W1: C = A·B for square f32 matrices, GFLOP/s = 2n³ / s. */
import type { Measurement } from '../lib/protocol.js';
import { uniform } from '../lib/random.js';
import { time } from '../lib/timing.js';
import type { CaseContext } from './context.js';

export async function matmulWorkload(n: number, ctx: CaseContext): Promise<Measurement> {
  const a = uniform(n * n, 1), b = uniform(n * n, 2);
  const product = ctx.lib.matmul(a, b, n);
  try {
    // Entries of A and B lie in [-1, 1): rounding error grows at most like n·ε per entry.
    await ctx.check([{ name: 'C', values: product.run(), atol: 1e-5 * n, rtol: 0 }]);
    const timing = await time(() => product.run(), ctx.policy);
    const gflops = (ms: number) => (2 * n ** 3) / (ms * 1e6);
    return { unit: 'GFLOP/s', median: gflops(timing.medianMs), min: gflops(timing.maxMs), max: gflops(timing.minMs), timing };
  } finally {
    product.dispose();
  }
}
