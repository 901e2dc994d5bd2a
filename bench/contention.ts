/**
 * The threaded build under contention: kerasm on all cores against its single-thread `simd`
 * build, first on a quiet machine and then with busy loops (started and killed here) keeping
 * cores busy, as another tenant of a shared serverless host would. Rounds alternate every
 * subject and load, each subject in a fresh process, and pool the repetitions (lib/rounds.ts).
 * The threaded build's outputs are checked against the simd build's before they are timed.
 * See bench/README.md.
 *
 *   node dist/bench/contention.js [--cases "W1 n=1024,W6 batch=1"] [--busy 0,1] [--rounds 3]
 *       [--baseline <another build's dist/>] [--quiet-wait 30] [--no-save]
 *
 * `--baseline` also runs every subject from another build's compiled `dist/` (its `bench/worker.js`
 * and the wasm beside it), alternating with this build's: how a change is measured before/after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startBusyLoad } from './lib/busy.js';
import { selectCases } from './lib/cases.js';
import { Checker } from './lib/checker.js';
import { caseLabel, runChild } from './lib/child.js';
import { waitForQuiet } from './lib/interference.js';
import { machineFacts, sourceRevision } from './lib/machine.js';
import { caseKey } from './lib/protocol.js';
import { type ResultRecord, appendResults, format } from './lib/report.js';
import { poolRounds } from './lib/rounds.js';
import { type Subject, allSubjects, subjectById } from './lib/subjects.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..'); // dist/bench → the repository

/** Other processes' load (in cores) above which a load condition waits before starting. */
const QUIET = 0.2;
/** The single-thread build: the reference every threaded figure is compared (and checked) against. */
const SINGLE = 'kerasm-simd';
/** Suffix of the subjects run from the `--baseline` build. */
const BASE = '@base';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: 'W1 n=1024,W6 batch=1' },
    subjects: { type: 'string' },
    busy: { type: 'string', default: '0,1' },
    rounds: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    'quiet-wait': { type: 'string', default: '30' },
    'no-save': { type: 'boolean', default: false },
  },
});

const machine = machineFacts();
const revision = sourceRevision(repo);
const cases = selectCases(args.cases);
const threaded = `kerasm-${machine.cores}t`;
const subjects = (args.subjects ?? `${SINGLE},${threaded}`).split(',').map((id) => subjectById(id, allSubjects(machine.cores)));
const busyLevels = args.busy.split(',').map(Number);
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, received ${args.rounds}`);
if (!busyLevels.every((b) => Number.isInteger(b) && b >= 0)) throw new Error(`--busy must list process counts, received ${args.busy}`);

/** Every subject with the worker it runs from: this build's, then the baseline's. */
const baseline = args.baseline === undefined ? undefined : join(resolve(args.baseline), 'bench', 'worker.js');
const runs = [
  ...subjects.map((subject) => ({ subject, worker: join(here, 'worker.js') })),
  ...(baseline === undefined ? [] : subjects.map((s) => ({ subject: { ...s, id: `${s.id}${BASE}` }, worker: baseline }))),
];

const checkDir = mkdtempSync(join(tmpdir(), 'kerasm-contention-'));
// The first simd figure of a case is the reference: the builds must agree under load too.
const checker = new Checker((id) => id === SINGLE);
const records: ResultRecord[] = [];
console.log(`kerasm contention: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, commit ${revision.commit}${revision.dirty ? ' (dirty)' : ''}`);
try {
  for (let round = 1; round <= rounds; round++) {
    for (const busy of busyLevels) {
      const loadBefore = await waitForQuiet(QUIET, Number(args['quiet-wait']) * 1000, console.log);
      console.log(`round ${round} of ${rounds}, ${busy} busy process(es)`);
      const load = startBusyLoad(busy);
      try {
        for (const { subject, worker } of runs) {
          const out = await runChild({ subject, cases, checker, checkDir, worker, revision, machine });
          records.push(...out.map((r) => ({ ...r, busyProcesses: busy, otherLoadBefore: Math.round(loadBefore * 100) / 100 })));
        }
      } finally {
        load.stop();
      }
    }
  }
} finally {
  rmSync(checkDir, { recursive: true, force: true });
}
const pooled = poolRounds(records);

console.log(`\n${table(pooled)}\n`);
for (const r of pooled.filter((r) => r.error !== undefined)) console.log(`${r.subject} ${caseLabel(r)} (${r.busyProcesses} busy): ${r.error}`);
if (!args['no-save']) console.log(`results appended to ${appendResults(join(repo, 'bench', 'results'), pooled)}`);

/**
 * A row per case and load: every subject's median (min–max), the threaded build over the simd
 * build as a speed-up (> 1: the threaded build is faster) for each build, and the most load
 * (cores) anything but the subject put on the machine while a round was timed, busy loops included.
 */
function table(all: ResultRecord[]): string {
  const builds = args.baseline === undefined ? [''] : ['', BASE];
  const header = ['case', 'busy processes', ...runs.map((r) => r.subject.id), ...builds.map((b) => `${threaded}${b} / ${SINGLE}${b}`), 'other load (cores)'];
  const rows = cases.flatMap((spec) =>
    busyLevels.map((busy) => {
      const key = caseKey(spec);
      const find = (id: string) => all.find((r) => r.subject === id && caseLabel(r) === key && r.busyProcesses === busy);
      const ratio = (build: string) => {
        const [t, s] = [find(`${threaded}${build}`)?.median, find(`${SINGLE}${build}`)?.median];
        if (t === undefined || s === undefined) return '–';
        return `${(find(SINGLE + build)!.unit === 'ms' ? s / t : t / s).toFixed(2)}×`;
      };
      const load = Math.max(0, ...runs.map((r) => find(r.subject.id)?.otherLoad ?? 0));
      return [key, String(busy), ...runs.map((r) => cell(find(r.subject.id))), ...builds.map(ratio), load.toFixed(2)];
    }),
  );
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function cell(r: ResultRecord | undefined): string {
  if (r?.median === undefined) return r?.error === undefined ? '' : r.check?.ok === false ? 'WRONG' : 'error';
  return `${format(r.median)} ${r.unit} (${format(r.min!)}–${format(r.max!)})`;
}
