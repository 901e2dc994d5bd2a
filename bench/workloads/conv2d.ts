/**
 * W2: conv2d forward, inputs [32, 28, 28, 32] NHWC, kernel 3×3, 32 → 64 filters, padding 'same',
 * stride 1; GFLOP/s = 2·N·H·W·KH·KW·Cin·Cout / s.
 */
import type { Conv2dSpec } from '../libs/library.js';
import type { Measurement } from '../lib/protocol.js';
import { uniform } from '../lib/random.js';
import { time } from '../lib/timing.js';
import type { CaseContext } from './context.js';

export async function conv2dWorkload(ctx: CaseContext): Promise<Measurement> {
  const [n, h, w, cin, cout, k] = [32, 28, 28, 32, 64, 3];
  const spec: Conv2dSpec = {
    x: uniform(n * h * w * cin, 11),
    xShape: [n, h, w, cin],
    kernel: uniform(k * k * cin * cout, 12),
    kernelShape: [k, k, cin, cout],
    padding: 'same',
  };
  const conv = ctx.lib.conv2d(spec);
  try {
    // Entries lie in [-1, 1): each output sums k·k·cin = 288 products, rounding error at most ~288·ε.
    await ctx.check([{ name: 'y', values: conv.run(), atol: 1e-5 * k * k * cin, rtol: 0 }]);
    const timing = await time(() => conv.run(), ctx.policy);
    const flop = 2 * n * h * w * k * k * cin * cout;
    const gflops = (ms: number) => flop / (ms * 1e6);
    return { unit: 'GFLOP/s', median: gflops(timing.medianMs), min: gflops(timing.maxMs), max: gflops(timing.minMs), timing, details: { ms: timing.medianMs } };
  } finally {
    conv.dispose();
  }
}
