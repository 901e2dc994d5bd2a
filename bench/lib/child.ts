/**
 * One subject's child process (`worker.ts`) run to the end: the parent answers its checks, times
 * what else the machine does while each case is timed, and turns its results into records.
 */
import { type ChildProcess, fork } from 'node:child_process';

import type { Checker } from './checker.js';
import { startLoadProbe } from './interference.js';
import type { Machine } from './machine.js';
import { type CaseSpec, type ChildMessage, type ReadyMessage, type StartMessage, caseKey } from './protocol.js';
import { OTHER_LOAD_NOTE, type ResultRecord } from './report.js';
import { type Subject, subjectEnvironment } from './subjects.js';

export interface ChildRun {
  subject: Subject;
  cases: CaseSpec[];
  checker: Checker;
  /** Where the child writes the arrays it hands over for checking. */
  checkDir: string;
  /** The compiled `worker.js` to run (another build's, to compare builds). */
  worker: string;
  revision: { commit: string; dirty: boolean };
  machine: Machine;
}

/** Runs the child and resolves to one record per case (an error record for a case it never reached). */
export async function runChild(run: ChildRun): Promise<ResultRecord[]> {
  const { subject, cases, checker } = run;
  const child = fork(run.worker, [], { env: subjectEnvironment(subject), stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
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
      const r = record(run, ready, message);
      r.otherLoad = round(probe.stop(message.cpuMs - childCpuAtCheck));
      out.push(r);
      console.log(`  ${caseLabel(r)}: ${summary(r)}`);
    }
  });
  const start: StartMessage = { type: 'start', subject, cases, checkDir: run.checkDir };
  child.send(start);
  const code = await exited(child);
  if (code !== 0) {
    const error = `child process exited with code ${code}: ${lastLines(stderr)}`;
    for (const spec of cases.filter((c) => !out.some((r) => caseLabel(r) === caseKey(c)))) {
      out.push(record(run, ready, { type: 'result', caseKey: caseKey(spec), spec, error, cpuMs: 0 }));
    }
  }
  return out;
}

function record({ subject, revision, machine }: ChildRun, ready: ReadyMessage | null, message: Extract<ChildMessage, { type: 'result' }>): ResultRecord {
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

/** `W1 n=1024`, `W6 batch=1`: the record's case. */
export function caseLabel(r: ResultRecord): string {
  return caseKey({ workload: r.workload, ...r.params });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' | ');
}
