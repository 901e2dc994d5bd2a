/** Messages between `run.ts` (the parent) and `worker.ts` (one child process per subject). */
import type { Subject } from './subjects.js';
import type { Timing } from './timing.js';

/** A workload with its parameters, e.g. `{ workload: 'W1', n: 1024 }`, `{ workload: 'W6', batch: 1 }`. */
export interface CaseSpec {
  workload: 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6' | 'W7' | 'W8' | 'W9' | 'W10' | 'W11' | 'W12';
  /** W1: the matrix size. */
  n?: number;
  /** W5, W9: timesteps per sequence when not the workload's 50. */
  length?: number;
  /** W6: images per `predict`. */
  batch?: number;
  /** W8: what is weighed (`installed`, `download threaded`, `download simd`, `lazy`); W12: what is timed (`adapt`, `int`, `tf_idf`). */
  part?: string;
  /** W3 through `fit`: the batches given as arrays or yielded by a generator. */
  fit?: FitSource;
  /** W3 through `fit` with AdamW under a CosineDecay schedule (with warmup), one-hot targets, categorical crossentropy and the metrics AUC, Precision and Recall. */
  contract?: boolean;
}

/** How W3's `fit` cases give their batches. */
export type FitSource = 'arrays' | 'generator';

/** Parent → child: what to run. */
export interface StartMessage {
  type: 'start';
  subject: Subject;
  cases: CaseSpec[];
  /** Where the child writes the arrays it hands over for checking. */
  checkDir: string;
}

/** An array a case computed, written to `file` as raw float32, to compare with the reference library's. */
export interface CheckOutput {
  name: string;
  file: string;
  /** Elements agree when |got − want| ≤ atol + rtol·|want|. */
  atol: number;
  rtol: number;
}

/** Child → parent: compare these before timing; the parent answers with a `VerdictMessage`. */
export interface CheckMessage {
  type: 'check';
  caseKey: string;
  outputs: CheckOutput[];
  /** The child's CPU time so far (all threads), to tell its load from other processes'. */
  cpuMs: number;
}

export interface Verdict {
  ok: boolean;
  /** The subject compared against; null when this subject is the reference or none ran. */
  reference: string | null;
  /** The largest |got − want| over all outputs. */
  maxAbsDiff?: number;
  /** The largest |got − want| of each output. */
  diffs?: Record<string, number>;
  /** Why the check failed. */
  detail?: string;
}

export interface VerdictMessage {
  type: 'verdict';
  verdict: Verdict;
}

/** A measured figure: the median and the range over the repetitions. */
export interface Measurement {
  unit: string;
  median: number;
  min: number;
  max: number;
  timing: Timing;
  /** Extra per-workload facts (e.g. steps per repetition). */
  details?: Record<string, unknown>;
}

/** Child → parent: how the library runs (sent once, after loading it). */
export interface ReadyMessage {
  type: 'ready';
  library: string;
  backend: string;
  threads: number;
  facts: Record<string, unknown>;
}

/** Child → parent: one case's result, or why it has none. */
export interface ResultMessage {
  type: 'result';
  caseKey: string;
  spec: CaseSpec;
  verdict?: Verdict;
  measurement?: Measurement;
  error?: string;
  /** The child's CPU time so far (all threads). */
  cpuMs: number;
}

export type ChildMessage = ReadyMessage | CheckMessage | ResultMessage;

/** CPU milliseconds of this process, all threads. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A stable name for a case: `W1 n=1024`, `W3`, `W6 batch=256`, `W5 length=200`. */
export function caseKey(spec: CaseSpec): string {
  if (spec.n !== undefined) return `${spec.workload} n=${spec.n}`;
  if (spec.length !== undefined) return `${spec.workload} length=${spec.length}`;
  if (spec.fit !== undefined) return `${spec.workload} fit=${spec.fit}${spec.contract ? ' contract=adamw/cosine/auc/precision/recall' : ''}`;
  if (spec.part !== undefined) return `${spec.workload} part=${spec.part}`;
  return spec.batch === undefined ? spec.workload : `${spec.workload} batch=${spec.batch}`;
}
