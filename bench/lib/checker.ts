/**
 * The cross-library check, run in the parent: the first subject to report a case (the reference,
 * tfjs-cpu in a full run) sets the expected arrays; every later subject must match them within
 * the tolerances the workload gave.
 */
import { readFileSync } from 'node:fs';

import type { CheckMessage, CheckOutput, Verdict } from './protocol.js';

interface Reference {
  subject: string;
  arrays: Map<string, Float32Array>;
}

export class Checker {
  private readonly references = new Map<string, Reference>();

  /** Whether `subject` may serve as a reference (kerasm never checks itself). */
  constructor(private readonly canBeReference: (subject: string) => boolean) {}

  verdict(subject: string, message: CheckMessage): Verdict {
    const reference = this.references.get(message.caseKey);
    if (reference === undefined) {
      if (!this.canBeReference(subject)) return { ok: true, reference: null, detail: 'unchecked: no tfjs subject in this run' };
      const arrays = new Map(message.outputs.map((o) => [o.name, read(o.file)]));
      this.references.set(message.caseKey, { subject, arrays });
      return { ok: true, reference: null };
    }
    let maxAbsDiff = 0;
    const diffs: Record<string, number> = {};
    for (const output of message.outputs) {
      const want = reference.arrays.get(output.name);
      if (want === undefined) return { ok: false, reference: reference.subject, detail: `the reference has no '${output.name}'` };
      const failure = compare(read(output.file), want, output);
      maxAbsDiff = Math.max(maxAbsDiff, failure.maxAbsDiff);
      diffs[output.name] = failure.maxAbsDiff;
      if (failure.detail !== undefined) return { ok: false, reference: reference.subject, maxAbsDiff, diffs, detail: failure.detail };
    }
    return { ok: true, reference: reference.subject, maxAbsDiff, diffs };
  }
}

function read(file: string): Float32Array {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function compare(got: Float32Array, want: Float32Array, tolerance: CheckOutput): { maxAbsDiff: number; detail?: string } {
  if (got.length !== want.length) {
    return { maxAbsDiff: Infinity, detail: `'${tolerance.name}' has ${got.length} values, the reference ${want.length}` };
  }
  let maxAbsDiff = 0;
  let worst: number | null = null;
  for (let i = 0; i < got.length; i++) {
    const diff = Math.abs(got[i]! - want[i]!);
    if (!(diff <= tolerance.atol + tolerance.rtol * Math.abs(want[i]!))) worst ??= i; // also catches NaN
    if (diff > maxAbsDiff || Number.isNaN(diff)) maxAbsDiff = Number.isNaN(diff) ? Infinity : diff;
  }
  if (worst === null) return { maxAbsDiff };
  return {
    maxAbsDiff,
    detail: `'${tolerance.name}'[${worst}] is ${got[worst]}, the reference ${want[worst]} (atol ${tolerance.atol}, rtol ${tolerance.rtol}; max |diff| ${maxAbsDiff.toExponential(2)})`,
  };
}
