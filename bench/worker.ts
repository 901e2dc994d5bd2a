/**
 * One subject's child process: loads its library, then for each case hands its outputs to the
 * parent (`run.ts`) for checking, waits for the verdict, and only then times it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Library } from './libs/library.js';
import { type CaseSpec, type ChildMessage, type Measurement, type StartMessage, type Verdict, type VerdictMessage, caseKey, processCpuMs } from './lib/protocol.js';
import { type Subject, policyFor } from './lib/subjects.js';
import { CheckFailed, type CaseContext, type CheckArray } from './workloads/context.js';
import { attentionWorkload } from './workloads/attention.js';
import { augmentWorkload } from './workloads/augment.js';
import { cnnInferenceWorkload, cnnTrainingWorkload } from './workloads/cnn.js';
import { conv2dWorkload } from './workloads/conv2d.js';
import { matmulWorkload } from './workloads/matmul.js';
import { mlpFitWorkload, mlpWorkload } from './workloads/mlp.js';
import { W5_LENGTH, sequenceTrainingWorkload } from './workloads/sequence.js';
import { textVectorizationWorkload } from './workloads/text.js';

function send(message: ChildMessage): void {
  process.send!(message);
}

/** Sends a check and resolves to the parent's verdict (the parent answers one check at a time). */
function askVerdict(message: ChildMessage): Promise<Verdict> {
  return new Promise((resolve) => {
    process.once('message', (reply: VerdictMessage) => resolve(reply.verdict));
    send(message);
  });
}

async function loadLibrary(subject: Subject): Promise<Library> {
  if (subject.library === 'kerasm') return (await import('./libs/kerasm.js')).loadKerasm();
  return (await import('./libs/tfjs.js')).loadTfjs(subject.backend as 'cpu' | 'wasm');
}

async function runCase(subject: Subject, lib: Library, spec: CaseSpec, checkDir: string): Promise<void> {
  const key = caseKey(spec);
  let verdict: Verdict | undefined;
  const ctx: CaseContext = {
    lib,
    policy: policyFor(subject, spec),
    async check(arrays: CheckArray[]) {
      const outputs = arrays.map(({ name, values, atol, rtol }, i) => {
        const file = join(checkDir, `${subject.id}-${key.replace(/\W+/g, '_')}-${i}.f32`);
        writeFileSync(file, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
        return { name, file, atol, rtol };
      });
      verdict = await askVerdict({ type: 'check', caseKey: key, outputs, cpuMs: processCpuMs() });
      if (!verdict.ok) throw new CheckFailed(verdict);
      return verdict;
    },
  };
  try {
    const measurement = await runWorkload(spec, ctx, subject.slow === true);
    send({ type: 'result', caseKey: key, spec, verdict, measurement, cpuMs: processCpuMs() });
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    send({ type: 'result', caseKey: key, spec, verdict, error, cpuMs: processCpuMs() });
  }
}

function runWorkload(spec: CaseSpec, ctx: CaseContext, slow: boolean): Promise<Measurement> {
  switch (spec.workload) {
    case 'W1': return matmulWorkload(spec.n!, ctx);
    case 'W2': return conv2dWorkload(ctx);
    case 'W3': return spec.fit ? mlpFitWorkload(ctx, spec.fit, spec.contract === true) : mlpWorkload(ctx);
    case 'W4': return cnnTrainingWorkload(ctx, slow);
    case 'W5': return sequenceTrainingWorkload(ctx, 'lstm', spec.length ?? W5_LENGTH, slow);
    case 'W6': return cnnInferenceWorkload(ctx, spec.batch!);
    case 'W9': return sequenceTrainingWorkload(ctx, 'gru', spec.length ?? W5_LENGTH, slow);
    case 'W10': return attentionWorkload(ctx, slow);
    case 'W11': return augmentWorkload(ctx);
    case 'W12': return textVectorizationWorkload(ctx, spec.part as 'adapt' | 'int' | 'tf_idf');
    // W7 and W8 measure whole processes and files: startup.ts runs them, not a subject's child.
    case 'W7':
    case 'W8':
      throw new Error(`${spec.workload} is run by startup.js, not by a subject's process`);
  }
}

process.once('message', async (start: StartMessage) => {
  const subject = start.subject;
  const lib = await loadLibrary(subject);
  send({ type: 'ready', library: lib.name, backend: lib.backend, threads: lib.threads, facts: lib.facts });
  for (const spec of start.cases) await runCase(subject, lib, spec, start.checkDir);
  process.exit(0);
});

