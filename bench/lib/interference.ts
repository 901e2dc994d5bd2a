/**
 * Other work on the machine. Benchmarks here share the machine with builds and tests, which
 * skew the figures (a 2-thread kernel with one core taken is slower than a 1-thread one). Every
 * result records how many cores other processes kept busy while it was timed, and a subject only
 * starts once the machine is quiet (or a wait limit has passed, which is then recorded too).
 */
import { cpus } from 'node:os';

import { processCpuMs as ownCpuMs } from './protocol.js';

/** Total busy and idle CPU milliseconds of the machine since boot, over all cores. */
function machineTimes(): { busy: number; idle: number } {
  let busy = 0, idle = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    idle += times.idle;
  }
  return { busy, idle };
}


/** Starts a measurement of other processes' load; `stop(childCpuMs)` gives the average busy cores. */
export function startLoadProbe(): { stop(childCpuMs: number): number } {
  const [machine0, own0, t0] = [machineTimes(), ownCpuMs(), performance.now()];
  return {
    stop(childCpuMs) {
      const wall = performance.now() - t0;
      const others = machineTimes().busy - machine0.busy - (ownCpuMs() - own0) - childCpuMs;
      return wall > 0 ? Math.max(0, others / wall) : 0;
    },
  };
}

/** Waits until other processes use less than `threshold` cores (sampled over 1 s), at most `maxWaitMs`. */
export async function waitForQuiet(threshold: number, maxWaitMs: number, log: (line: string) => void): Promise<number> {
  const start = performance.now();
  let logged = false;
  for (;;) {
    const probe = startLoadProbe();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const load = probe.stop(0);
    if (load < threshold || performance.now() - start >= maxWaitMs) return load;
    if (!logged) log(`  waiting for the machine to quiet down (other processes use ${load.toFixed(1)} cores)…`);
    logged = true;
  }
}
