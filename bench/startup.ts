/**
 * W7 (cold start) and W8 (footprint) of BENCHMARKS.md, for kerasm and TensorFlow.js in the same
 * run; prints two tables and appends one JSON line per figure to bench/results/<date>.jsonl, as
 * run.ts does for W1–W6. See bench/README.md.
 *
 *   node dist/bench/startup.js [--cases W7,W8] [--no-save] [--quiet-wait 30]
 */
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { waitForQuiet } from './lib/interference.js';
import { machineFacts, sourceRevision } from './lib/machine.js';
import { type ResultRecord, appendResults } from './lib/report.js';
import type { Subject } from './lib/subjects.js';
import { type ColdStart, W7_REPS, coldStart } from './workloads/coldstart.js';
import { type Size, downloaded, installed } from './workloads/footprint.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..'); // dist/bench → the repository

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: 'W7,W8' },
    'no-save': { type: 'boolean', default: false },
    'quiet-wait': { type: 'string', default: '30' },
  },
});
const machine = machineFacts();
const revision = sourceRevision(repo);
const records: ResultRecord[] = [];
const cases = new Set(args.cases.split(','));

const base = (workload: 'W7' | 'W8', subject: string, library: string, backend: string, threads: number) => ({
  date: new Date().toISOString(), ...revision, workload, params: {}, subject, library, backend, threads, facts: {}, machine,
});

if (cases.has('W7')) await coldStarts();
if (cases.has('W8')) await footprints();
if (!args['no-save'] && records.length > 0) console.log(`results appended to ${appendResults(join(repo, 'bench', 'results'), records)}`);

function median(runs: ColdStart[]): number {
  const sorted = runs.map((r) => r.wallMs).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function coldStarts(): Promise<void> {
  await waitForQuiet(0.2, Number(args['quiet-wait']) * 1000, console.log);
  const subjects: Subject[] = [
    { id: 'tfjs-wasm', library: 'tfjs', backend: 'wasm' },
    { id: `kerasm-${machine.cores}t`, library: 'kerasm', backend: 'threaded', threads: machine.cores },
    { id: 'kerasm-simd', library: 'kerasm', backend: 'simd' },
  ];
  // One process of each subject in turn, W7_REPS rounds: a change in the machine's load then
  // touches every subject alike instead of whichever ran at the time.
  const runs = subjects.map(() => [] as ColdStart[]);
  for (let rep = 0; rep < W7_REPS; rep++) subjects.forEach((subject, i) => runs[i]!.push(coldStart(subject)));
  const reference = { subject: subjects[0]!.id, probabilities: runs[0]![0]!.probabilities, median: median(runs[0]!) };
  const rows = subjects.map((subject, i) => {
    const samplesMs = runs[i]!.map((r) => r.wallMs);
    const [min, max, mid] = [Math.min(...samplesMs), Math.max(...samplesMs), median(runs[i]!)];
    const maxDiff = Math.max(...runs[i]!.flatMap((r) => r.probabilities.map((p, j) => Math.abs(p - reference.probabilities[j]!))));
    const ok = maxDiff <= 1e-5 + 1e-4 * Math.max(...reference.probabilities);
    records.push({
      ...base('W7', subject.id, subject.library, subject.backend, subject.threads ?? 1),
      unit: 'ms', median: mid, min, max, medianMs: mid, samplesMs,
      check: { ok, reference: reference.subject, maxAbsDiff: maxDiff, detail: ok ? 'same probabilities' : 'probabilities differ' },
    });
    return `| ${subject.id} | ${mid.toFixed(0)} (${min.toFixed(0)}–${max.toFixed(0)}) | ${(mid / reference.median).toFixed(2)}× | ${ok ? 'same' : 'DIFFERENT'} (max |diff| ${maxDiff.toExponential(1)}) |`;
  });
  console.log(`\nW7 cold start: whole-process wall ms, median (min–max) of ${W7_REPS} fresh processes\n`);
  console.log(['| subject | ms | / tfjs-wasm | predicted probabilities vs tfjs-wasm |', '| --- | --- | --- | --- |', ...rows].join('\n'));
}

async function footprints(): Promise<void> {
  await waitForQuiet(0.2, Number(args['quiet-wait']) * 1000, console.log);
  const kb = (s: Size) => `${(s.bytes / 1024).toFixed(0)} KB | ${(s.gzip / 1024).toFixed(0)} KB`;
  const record = (subject: string, library: string, backend: string, part: string, size: Size, details: Record<string, unknown>) =>
    records.push({ ...base('W8', subject, library, backend, 1), params: { part }, unit: 'bytes gzipped', median: size.gzip, min: size.gzip, max: size.gzip, details: { bytes: size.bytes, ...details } });

  const kerasm = installed([{ dir: repo, files: ['dist/ts'] }]);
  const tfjs = installed([{ dir: join(repo, 'node_modules/@tensorflow/tfjs') }, { dir: join(repo, 'node_modules/@tensorflow/tfjs-backend-wasm') }]);
  record('kerasm', 'kerasm', 'package', 'installed', kerasm, { packages: kerasm.packages });
  record('tfjs-wasm', 'tfjs', 'wasm', 'installed', tfjs, { packages: tfjs.packages });

  const { variants, notFetched } = await downloaded(repo);
  const rows = [`| installed | kerasm + dependencies (${kerasm.packages.length} packages) | ${kb(kerasm)} |`, `| installed | tfjs + tfjs-backend-wasm + dependencies (${tfjs.packages.length} packages) | ${kb(tfjs)} |`];
  for (const v of variants) {
    const total = [v.js, v.wasm, v.other].reduce((a, b) => ({ bytes: a.bytes + b.bytes, gzip: a.gzip + b.gzip }));
    record(`kerasm-${v.variant}`, 'kerasm', v.variant, `download ${v.variant}`, total, { js: v.js, wasm: v.wasm, other: v.other, files: v.files });
    rows.push(`| browser download, ${v.variant} build | JS ${kb(v.js).replace(' | ', ' / ')} gz; wasm ${kb(v.wasm).replace(' | ', ' / ')} gz; html ${kb(v.other).replace(' | ', ' / ')} gz | ${kb(total)} |`);
  }
  const lazy = notFetched.reduce<Size>((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip }), { bytes: 0, gzip: 0 });
  record('kerasm', 'kerasm', 'lazy', 'not fetched', lazy, { files: notFetched });
  rows.push(`| built but not fetched (lazy: ${notFetched.map((f) => f.path.replace(/^\/assets\//, '')).join(', ')}) | | ${kb(lazy)} |`);
  console.log('\nW8 footprint: raw | gzipped (each file on its own)\n');
  console.log(['| what | parts | raw | gzipped |', '| --- | --- | --- | --- |', ...rows].join('\n'));
}
