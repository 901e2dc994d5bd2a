/** The cases a run can time, and the selection `--cases` makes of them. */
import { type CaseSpec, caseKey } from './protocol.js';

export const ALL_CASES: CaseSpec[] = [
  { workload: 'W1', n: 256 },
  { workload: 'W1', n: 512 },
  { workload: 'W1', n: 1024 },
  { workload: 'W2' },
  { workload: 'W3' },
  { workload: 'W4' },
  { workload: 'W6', batch: 1 },
  { workload: 'W6', batch: 256 },
];

/** The cases named in a comma-separated list of workloads (`W1`) or single cases (`W6 batch=1`). */
export function selectCases(list: string): CaseSpec[] {
  const names = new Set(list.split(','));
  return ALL_CASES.filter((c) => names.has(c.workload) || names.has(caseKey(c)));
}
