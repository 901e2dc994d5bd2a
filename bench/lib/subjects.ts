/**
 * The subjects of a run: each library, backend and thread count that gets its own child process.
 * The order is the run order: the reference (tfjs-cpu) first, so every later subject is checked
 * against it before it is timed.
 */
import type { CaseSpec } from './protocol.js';
import type { TimingPolicy } from './timing.js';

export interface Subject {
  /** `kerasm-2t`, `kerasm-1t`, `kerasm-simd`, `tfjs-wasm`, `tfjs-cpu`. */
  id: string;
  library: 'kerasm' | 'tfjs';
  backend: 'threaded' | 'simd' | 'cpu' | 'wasm';
  /** kerasm's threaded build: the pool size (`KERASM_THREADS`). */
  threads?: number;
  /** tfjs-cpu is 50–100× slower than the others: it gets fewer repetitions (see `policyFor`). */
  slow?: boolean;
}

/** Every subject for a machine with `cores` cores: kerasm threaded with 1, 2, 4, … and all cores. */
export function allSubjects(cores: number): Subject[] {
  const counts = new Set<number>();
  for (let t = 1; t < cores; t *= 2) counts.add(t);
  counts.add(cores);
  const threaded = [...counts].sort((a, b) => b - a).map(
    (threads): Subject => ({ id: `kerasm-${threads}t`, library: 'kerasm', backend: 'threaded', threads }),
  );
  return [
    { id: 'tfjs-cpu', library: 'tfjs', backend: 'cpu', slow: true },
    { id: 'tfjs-wasm', library: 'tfjs', backend: 'wasm' },
    ...threaded,
    { id: 'kerasm-simd', library: 'kerasm', backend: 'simd' },
  ];
}

/** The environment a subject's child process runs with. */
export function subjectEnvironment(subject: Subject): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.KERASM_THREADS;
  delete env.KERASM_VARIANT;
  if (subject.library === 'kerasm') {
    env.KERASM_VARIANT = subject.backend;
    if (subject.threads !== undefined) env.KERASM_THREADS = String(subject.threads);
  }
  return env;
}

/**
 * Warm-up and repetitions for a case. W1 and W2 time one product or convolution per repetition;
 * W3, W4, W5 and W9 one repetition of `W3_STEPS` / `W4_STEPS` / `SEQUENCE_STEPS` training steps; W6 one `predict`.
 * tfjs-cpu gets a single warm-up call and 3–5 repetitions: its JavaScript kernels need no wasm
 * tier-up, and one n = 1024 product takes seconds. Its W4 step takes ≈ 95 s: the checked step
 * is its warm-up and one more step is timed; its W6 at batch 256 gets 2 repetitions.
 */
export function policyFor(subject: Subject, spec: CaseSpec): TimingPolicy {
  if (spec.workload === 'W1') {
    const n = spec.n ?? 0;
    if (subject.slow) return { warmupCalls: 1, warmupMs: 0, reps: n >= 1024 ? 3 : 5, budgetMs: 20_000 };
    return { warmupCalls: 5, warmupMs: 1500, reps: n <= 256 ? 31 : n <= 512 ? 15 : 11, budgetMs: 10_000 };
  }
  if (spec.workload === 'W2') {
    if (subject.slow) return { warmupCalls: 1, warmupMs: 0, reps: 3, budgetMs: 20_000 };
    return { warmupCalls: 5, warmupMs: 1500, reps: 15, budgetMs: 10_000 };
  }
  if (spec.workload === 'W4') {
    if (subject.slow) return { warmupCalls: 0, warmupMs: 0, reps: 1, budgetMs: 0 };
    return { warmupCalls: 1, warmupMs: 2000, reps: 7, budgetMs: 20_000 };
  }
  if (spec.workload === 'W5' || spec.workload === 'W9') {
    // tfjs-cpu: seconds per step (≈ 16 s for W5); its checked step is its warm-up, one more is timed.
    if (subject.slow) return { warmupCalls: 0, warmupMs: 0, reps: 1, budgetMs: 0 };
    return { warmupCalls: 1, warmupMs: 2000, reps: 7, budgetMs: 20_000 };
  }
  if (spec.workload === 'W6') {
    const big = (spec.batch ?? 1) > 1;
    if (subject.slow) return big ? { warmupCalls: 0, warmupMs: 0, reps: 2, budgetMs: 0 } : { warmupCalls: 1, warmupMs: 0, reps: 11, budgetMs: 10_000 };
    return big ? { warmupCalls: 2, warmupMs: 1500, reps: 9, budgetMs: 10_000 } : { warmupCalls: 10, warmupMs: 1500, reps: 51, budgetMs: 5_000 };
  }
  if (subject.slow) return { warmupCalls: 1, warmupMs: 0, reps: 3, budgetMs: 30_000 };
  return { warmupCalls: 2, warmupMs: 2000, reps: 9, budgetMs: 20_000 };
}
