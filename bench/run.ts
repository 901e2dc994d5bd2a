/**
 * `npm run bench`: runs W1 (matmul), W2 (conv2d), W3 (MLP training), W4 (CNN training), W5
 * (LSTM training), W6 (CNN inference) and W9 (GRU training) for kerasm and TensorFlow.js, each subject in its own child process, one after
 * another; checks every subject's numbers against the reference (tfjs-cpu) before it is timed;
 * appends the results to bench/results/<date>.jsonl and prints the table. See bench/README.md.
 *
 *   node dist/bench/run.js [--cases W1,W2,W3,W4,W5,W6,W9] [--subjects tfjs-wasm,kerasm-2t] [--rounds 3] [--quiet-wait 30] [--no-save]
 *
 * With `--rounds N` every subject but the reference runs N times, alternating with the others,
 * and its repetitions are pooled (see lib/rounds.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Checker } from './lib/checker.js';
import { startLoadProbe, waitForQuiet } from './lib/interference.js';
import { machineFacts, sourceRevision } from './lib/machine.js';
import { type CaseSpec, type ChildMessage, type ReadyMessage, type StartMessage, caseKey } from './lib/protocol.js';
import { OTHER_LOAD_NOTE, type ResultRecord, appendResults, tables } from './lib/report.js';
import { poolRounds } from './lib/rounds.js';
import { type Subject, allSubjects, subjectEnvironment } from './lib/subjects.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..'); // dist/bench → the repository

/** Other processes' load (in cores) above which a subject waits before starting. */
const QUIET = 0.2;

const ALL_CASES: CaseSpec[] = [
  { workload: 'W1', n: 256 },
  { workload: 'W1', n: 512 },
  { workload: 'W1', n: 1024 },
  { workload: 'W2' },
  { workload: 'W3' },
  { workload: 'W4' },
  { workload: 'W5' },
  { workload: 'W6', batch: 1 },
  { workload: 'W6', batch: 256 },
  { workload: 'W9' },
  // W5's growth with the sequence length (run on request: `--cases 'W5 length=10,W5 length=200'`).
  { workload: 'W5', length: 10 },
  { workload: 'W5', length: 100 },
  { workload: 'W5', length: 200 },
];

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: 'W1,W2,W3,W4,W5,W6,W9' },
    subjects: { type: 'string' },
    'no-save': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    /** Seconds to wait, before each subject, for other processes to leave the cores idle. */
    'quiet-wait': { type: 'string', default: '30' },
  },
});

const machine = machineFacts();
const revision = sourceRevision(repo);
const workloads = new Set(args.cases.split(','));
// A workload's name selects its standard cases; the others (W5's lengths) are selected by their key.
const cases = ALL_CASES.filter((c) => (workloads.has(c.workload) && c.length === undefined) || workloads.has(caseKey(c)));
const everySubject = allSubjects(machine.cores);
const subjects = args.subjects === undefined ? everySubject : args.subjects.split(',').map((id) => subjectById(id, everySubject));

const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, received ${args.rounds}`);

const checkDir = mkdtempSync(join(tmpdir(), 'kerasm-bench-'));
const runsOnce = (id: string) => id === 'tfjs-cpu';
const checker = new Checker((id) => id.startsWith('tfjs-'));
const runs: ResultRecord[] = [];
const started = performance.now();
console.log(`kerasm bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, commit ${revision.commit}${revision.dirty ? ' (dirty)' : ''}`);
try {
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) console.log(`round ${round} of ${rounds}`);
    // The reference (tfjs-cpu) is only checked against, and needs minutes per W4 step: once.
    for (const subject of subjects.filter((s) => round === 1 || !runsOnce(s.id))) runs.push(...(await runSubject(subject)));
  }
} finally {
  rmSync(checkDir, { recursive: true, force: true });
}
const records = poolRounds(runs);

console.log(`\n${tables(records, subjects.map((s) => s.id), machine.cores)}\n`);
for (const r of records.filter((r) => r.error !== undefined)) console.log(`${r.subject} ${caseLabel(r)}: ${r.error}`);
if (!args['no-save']) console.log(`results appended to ${appendResults(join(repo, 'bench', 'results'), records)}`);
console.log(`whole run: ${((performance.now() - started) / 1000).toFixed(0)} s`);

/** Runs one subject's child process to the end, answering its checks; resolves to its records. */
async function runSubject(subject: Subject): Promise<ResultRecord[]> {
  const loadBefore = await waitForQuiet(QUIET, Number(args['quiet-wait']) * 1000, console.log);
  const child = fork(join(here, 'worker.js'), [], { env: subjectEnvironment(subject), stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const out: ResultRecord[] = [];
  let ready: ReadyMessage | null = null;
  let probe = startLoadProbe();
  let childCpuAtCheck = 0;
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'ready') {
      ready = message;
      console.log(`${subject.id}: ${message.library} ${message.backend}, ${message.threads} thread(s) ${JSON.stringify(message.facts)}`);
    } else if (message.type === 'check') {
      child.send({ type: 'verdict', verdict: checker.verdict(subject.id, message) });
      // Timing starts now: measure what else runs until the result comes back.
      [probe, childCpuAtCheck] = [startLoadProbe(), message.cpuMs];
    } else {
      const r = record(subject, ready!, message);
      r.otherLoad = round(probe.stop(message.cpuMs - childCpuAtCheck));
      r.otherLoadBefore = round(loadBefore);
      out.push(r);
      console.log(`  ${caseLabel(r)}: ${summary(r)}`);
    }
  });
  const start: StartMessage = { type: 'start', subject, cases, checkDir };
  child.send(start);
  const code = await exited(child);
  if (code !== 0) {
    const error = `child process exited with code ${code}: ${lastLines(stderr)}`;
    for (const spec of cases.filter((c) => !out.some((r) => caseLabel(r) === caseKey(c)))) {
      out.push(record(subject, ready, { type: 'result', caseKey: caseKey(spec), spec, error, cpuMs: 0 }));
    }
  }
  return out;
}

function record(subject: Subject, ready: ReadyMessage | null, message: Extract<ChildMessage, { type: 'result' }>): ResultRecord {
  const { workload, ...params } = message.spec;
  const m = message.measurement;
  return {
    date: new Date().toISOString(),
    ...revision,
    workload,
    params,
    subject: subject.id,
    library: ready?.library ?? subject.library,
    backend: ready?.backend ?? subject.backend,
    threads: ready?.threads ?? subject.threads ?? 1,
    facts: ready?.facts ?? {},
    ...(m && { unit: m.unit, median: m.median, min: m.min, max: m.max, medianMs: m.timing.medianMs, samplesMs: m.timing.samplesMs, details: m.details }),
    ...(message.verdict && { check: message.verdict }),
    ...(message.error !== undefined && { error: message.error }),
    machine,
  };
}

function summary(r: ResultRecord): string {
  if (r.error !== undefined) return `ERROR ${r.error}`;
  const check = r.check?.reference ? `checked against ${r.check.reference}, max |diff| ${r.check.maxAbsDiff?.toExponential(1)}` : r.check?.detail ?? 'reference';
  const load = r.otherLoad! >= OTHER_LOAD_NOTE ? `; OTHER PROCESSES USED ${r.otherLoad} CORES` : '';
  return `${r.median!.toFixed(1)} ${r.unit} (${r.min!.toFixed(1)}–${r.max!.toFixed(1)}, ${r.samplesMs!.length} reps; ${check}${load})`;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function caseLabel(r: ResultRecord): string {
  return caseKey({ workload: r.workload, ...r.params });
}

function subjectById(id: string, known: Subject[]): Subject {
  const found = known.find((s) => s.id === id);
  if (found) return found;
  const threads = /^kerasm-(\d+)t$/.exec(id)?.[1];
  if (threads === undefined) throw new Error(`unknown subject '${id}'; known: ${known.map((s) => s.id).join(', ')}, kerasm-<n>t`);
  return { id, library: 'kerasm', backend: 'threaded', threads: Number(threads) };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' | ');
}
