/** Results as JSON lines (one per case and subject) and as the printed table of figures and ratios. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Machine } from './machine.js';
import { type CaseSpec, type Verdict, caseKey } from './protocol.js';

/** One line of `bench/results/<date>.jsonl`. */
export interface ResultRecord {
  date: string;
  commit: string;
  /** The work tree had uncommitted changes under bench/, ts/ or crates/. */
  dirty: boolean;
  workload: CaseSpec['workload'];
  params: Omit<CaseSpec, 'workload'>;
  subject: string;
  library: string;
  /** kerasm: the WebAssembly variant; tfjs: the backend. */
  backend: string;
  threads: number;
  facts: Record<string, unknown>;
  unit?: string;
  median?: number;
  min?: number;
  max?: number;
  medianMs?: number;
  samplesMs?: number[];
  details?: Record<string, unknown>;
  check?: Verdict;
  error?: string;
  /** Cores kept busy by other processes while this case was timed (see lib/interference.ts). */
  otherLoad?: number;
  /** The same, sampled just before the subject's process started. */
  otherLoadBefore?: number;
  /** `contention.ts`: busy-loop processes it ran beside the subject (counted in `otherLoad` too). */
  busyProcesses?: number;
  machine: Machine;
}

/** Appends the records to `<dir>/<YYYY-MM-DD>.jsonl`; returns the file's path. */
export function appendResults(dir: string, records: ResultRecord[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 10)}.jsonl`);
  appendFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return file;
}

/**
 * Two markdown tables. Figures: a row per case, a column per subject (median and min–max).
 * Ratios (speed-ups: > 1 when the first subject is faster, also for times): each kerasm subject
 * to tfjs-wasm, kerasm's default build (threaded, all cores) to tfjs-cpu, and that build's
 * speed-up over one thread.
 */
export function tables(records: ResultRecord[], subjects: string[], cores: number): string {
  const keys = [...new Set(records.map((r) => caseLabel(r)))];
  const find = (key: string, subject: string) => records.find((r) => caseLabel(r) === key && r.subject === subject);
  const figure = (key: string, subject: string) => {
    const r = find(key, subject);
    return r?.median !== undefined && r.check?.ok !== false ? r.median : undefined;
  };
  // A speed ratio either way: for times (ms) the reference's figure over the subject's.
  const ratio = (key: string, [a, b]: [string, string]) => {
    const [x, y] = [figure(key, a), figure(key, b)];
    if (x === undefined || y === undefined) return '–';
    return `${(unit(key) === 'ms' ? y / x : x / y).toFixed(2)}×`;
  };
  const unit = (key: string) => records.find((r) => caseLabel(r) === key && r.unit !== undefined)?.unit ?? '';

  const all = `kerasm-${cores}t`;
  const pairs: [string, string][] = [
    ...subjects.filter((s) => s.startsWith('kerasm-')).map((s): [string, string] => [s, 'tfjs-wasm']),
    [all, 'tfjs-cpu'],
    [all, 'kerasm-1t'],
  ];
  const figures = markdown(['case', 'unit', ...subjects], keys.map((key) => [key, unit(key), ...subjects.map((s) => cell(find(key, s)))]));
  const ratios = markdown(['case', ...pairs.map(([a, b]) => `${a} / ${b}`)], keys.map((key) => [key, ...pairs.map((pair) => ratio(key, pair))]));
  const note = records.some((r) => (r.otherLoad ?? 0) >= OTHER_LOAD_NOTE)
    ? `\n\n(*) other processes kept ≥ ${OTHER_LOAD_NOTE} cores busy while this was timed: the figure is disturbed.`
    : '';
  const speed = keys.some((key) => unit(key) === 'ms') ? "\n\nRatios are speed-ups: for figures in ms, the second subject's time over the first's." : '';
  return `${figures}${note}\n\n${ratios}${speed}`;
}

function markdown(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Other processes' load (cores) from which a figure is marked `(*)` as disturbed. */
export const OTHER_LOAD_NOTE = 0.25;

function caseLabel(r: ResultRecord): string {
  return caseKey({ workload: r.workload, ...r.params });
}

function cell(r: ResultRecord | undefined): string {
  if (r === undefined) return '';
  if (r.error !== undefined) return r.check?.ok === false ? 'WRONG' : 'error';
  if (r.median === undefined) return '';
  const busy = (r.otherLoad ?? 0) >= OTHER_LOAD_NOTE ? ' (*)' : '';
  return `${format(r.median)} (${format(r.min!)}–${format(r.max!)})${busy}`;
}

/** Three significant digits, no exponent. */
export function format(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
