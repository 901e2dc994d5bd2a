/** What a workload gets from the worker: the library, its timing policy and the cross-library check. */
import type { Library } from '../libs/library.js';
import type { Verdict } from '../lib/protocol.js';
import type { TimingPolicy } from '../lib/timing.js';

export interface CheckArray {
  name: string;
  values: Float32Array;
  /** Elements agree when |got − want| ≤ atol + rtol·|want|. */
  atol: number;
  rtol: number;
}

export interface CaseContext {
  lib: Library;
  policy: TimingPolicy;
  /**
   * Compares `arrays` with the reference library's for the same case (in the parent process).
   * Throws `CheckFailed` when they differ: a fast wrong result is not a result.
   */
  check(arrays: CheckArray[]): Promise<Verdict>;
}

export class CheckFailed extends Error {
  constructor(readonly verdict: Verdict) {
    super(`differs from ${verdict.reference}: ${verdict.detail}`);
    this.name = 'CheckFailed';
  }
}
