/** The cases a run can time, and the selection `--cases` makes of them. */
import { type CaseSpec, caseKey } from './protocol.js';

export const ALL_CASES: CaseSpec[] = [
  { workload: 'W1', n: 256 },
  { workload: 'W1', n: 512 },
  { workload: 'W1', n: 1024 },
  { workload: 'W2' },
  { workload: 'W3' },
  // W3's model trained by `fit`, from arrays and from a generator of the same batches.
  { workload: 'W3', fit: 'arrays' },
  { workload: 'W3', fit: 'generator' },
  // The same from arrays with issue 14's training contract: AdamW, CosineDecay with warmup, AUC, Precision and Recall (their cost, beside `W3 fit=arrays`).
  { workload: 'W3', fit: 'arrays', contract: true },
  { workload: 'W4' },
  { workload: 'W5' },
  { workload: 'W6', batch: 1 },
  { workload: 'W6', batch: 256 },
  { workload: 'W9' },
  { workload: 'W10' },
  { workload: 'W11' },
  { workload: 'W12', part: 'adapt' },
  { workload: 'W12', part: 'int' },
  { workload: 'W12', part: 'tf_idf' },
  // W5's growth with the sequence length (run on request: `--cases 'W5 length=10,W5 length=200'`).
  { workload: 'W5', length: 10 },
  { workload: 'W5', length: 100 },
  { workload: 'W5', length: 200 },
];

/**
 * The cases named in a comma-separated list of workloads (`W1`) or single cases (`W6 batch=1`).
 * A workload's name selects its standard cases; the others (W5's lengths) only by their own name.
 */
export function selectCases(list: string): CaseSpec[] {
  const names = new Set(list.split(','));
  return ALL_CASES.filter((c) => (names.has(c.workload) && c.length === undefined) || names.has(caseKey(c)));
}
