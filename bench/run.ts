/**
 * `npm run bench`: runs W1 (matmul), W2 (conv2d), W3 (MLP training), W4 (CNN training), W5
 * (LSTM training), W6 (CNN inference), W9 (GRU training), W10 (attention block training) and W11
 * (image augmentation) for
 * kerasm and TensorFlow.js, each subject in its own child process, one after another; checks every subject's numbers against the reference (tfjs-cpu) before it is timed;
 * appends the results to bench/results/<date>.jsonl and prints the table. See bench/README.md.
 *
 *   node dist/bench/run.js [--cases W1,W2,W3,W4,W5,W6,W9,W10,W11] [--subjects tfjs-wasm,kerasm-2t] [--rounds 3] [--quiet-wait 30] [--no-save]
 *
 * With `--rounds N` every subject but the reference runs N times, alternating with the others,
 * and its repetitions are pooled (see lib/rounds.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { selectCases } from './lib/cases.js';
import { Checker } from './lib/checker.js';
import { caseLabel, runChild } from './lib/child.js';
import { waitForQuiet } from './lib/interference.js';
import { machineFacts, sourceRevision } from './lib/machine.js';
import { type ResultRecord, appendResults, tables } from './lib/report.js';
import { poolRounds } from './lib/rounds.js';
import { type Subject, allSubjects, subjectById } from './lib/subjects.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..'); // dist/bench → the repository

/** Other processes' load (in cores) above which a subject waits before starting. */
const QUIET = 0.2;

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: 'W1,W2,W3,W4,W5,W6,W9,W10,W11' },
    subjects: { type: 'string' },
    'no-save': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    /** Seconds to wait, before each subject, for other processes to leave the cores idle. */
    'quiet-wait': { type: 'string', default: '30' },
  },
});

const machine = machineFacts();
const revision = sourceRevision(repo);
const cases = selectCases(args.cases);
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

/** Waits for the machine to quiet down, then runs one subject's child process to the end. */
async function runSubject(subject: Subject): Promise<ResultRecord[]> {
  const loadBefore = await waitForQuiet(QUIET, Number(args['quiet-wait']) * 1000, console.log);
  const records = await runChild({ subject, cases, checker, checkDir, worker: join(here, 'worker.js'), revision, machine });
  return records.map((r) => ({ ...r, otherLoadBefore: Math.round(loadBefore * 100) / 100 }));
}
