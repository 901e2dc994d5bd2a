/**
 * W7, cold start: a fresh Node process that imports the library, initialises it, builds the W4
 * network (with W4's initial weights) and runs one `predict` on one image. The figure is the whole
 * process's wall time (spawn to exit, Node's own start-up included), median of 5.
 *
 * Run as a script (`node coldstart.js <subject-id>`) this file is that process: it prints the
 * predicted probabilities as JSON, so the parent can check that every library computed the same.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

import type { Library } from '../libs/library.js';
import { uniform } from '../lib/random.js';
import { type Subject, subjectEnvironment } from '../lib/subjects.js';
import { cnnSpec } from './cnn.js';

export const W7_REPS = 5;

export interface ColdStart {
  wallMs: number;
  /** The probabilities the process predicted. */
  probabilities: number[];
}

/** Runs and times one fresh process of `subject`. */
export function coldStart(subject: Subject): ColdStart {
  const started = performance.now();
  const run = spawnSync(process.execPath, [new URL(import.meta.url).pathname, subject.id], { env: subjectEnvironment(subject), encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`W7 ${subject.id}: exit ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return { wallMs, probabilities: JSON.parse(run.stdout) as number[] };
}

async function load(id: string): Promise<Library> {
  if (id.startsWith('kerasm')) return (await import('../libs/kerasm.js')).loadKerasm();
  return (await import('../libs/tfjs.js')).loadTfjs(id === 'tfjs-cpu' ? 'cpu' : 'wasm');
}

async function coldStartProcess(id: string): Promise<void> {
  const lib = await load(id);
  const spec = cnnSpec(0);
  const model = await lib.cnn(spec);
  const predictor = model.predictor(uniform(spec.rows * spec.cols, 401, 0, 1), 1);
  process.stdout.write(JSON.stringify([...predictor.run()]));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await coldStartProcess(process.argv[2]!);
