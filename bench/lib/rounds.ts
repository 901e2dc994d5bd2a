/**
 * Rounds: the whole subject sequence run several times over, each subject in a fresh process
 * per round. This machine's speed drifts in phases of seconds (other tenants of the host), and a
 * short case such as W6 batch 1 fits inside one phase, so a single run compares whichever phases
 * each subject happened to meet. Pooling every round's repetitions gives each subject a sample
 * of the same phases.
 */
import type { ResultRecord } from './report.js';

/**
 * One record per subject and case: the repetitions of every round pooled, the median and
 * min–max recomputed from them in the case's unit; `details.roundMedians` keeps each round's
 * own median. A case that failed in any round keeps that round's error.
 */
export function poolRounds(records: ResultRecord[]): ResultRecord[] {
  const groups = new Map<string, ResultRecord[]>();
  for (const r of records) {
    const key = `${r.subject} ${JSON.stringify([r.workload, r.params, r.busyProcesses])}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map(pool);
}

function pool(rounds: ResultRecord[]): ResultRecord {
  const failed = rounds.find((r) => r.error !== undefined || r.check?.ok === false);
  if (rounds.length === 1 || failed) return failed ?? rounds[0]!;
  const first = rounds[0]!;
  const samplesMs = rounds.flatMap((r) => r.samplesMs!);
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  // A figure is either the time itself or a rate `work / time` with the same work in every round.
  const work = first.median! * first.medianMs!;
  const figure = (ms: number) => (first.unit === 'ms' ? ms : work / ms);
  const [fast, slow] = [figure(sorted[0]!), figure(sorted[sorted.length - 1]!)];
  return {
    ...first,
    median: figure(medianMs),
    min: Math.min(fast, slow),
    max: Math.max(fast, slow),
    medianMs,
    samplesMs,
    details: { ...first.details, rounds: rounds.length, roundMedians: rounds.map((r) => r.median!) },
    otherLoad: Math.max(...rounds.map((r) => r.otherLoad ?? 0)),
    otherLoadBefore: Math.max(...rounds.map((r) => r.otherLoadBefore ?? 0)),
  };
}
