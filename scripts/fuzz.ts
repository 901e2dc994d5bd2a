/**
 * The long fuzz run of issue 16: the cases of `scripts/hostile/cases.ts` (the CI test runs the
 * first 1,500 of one seed), each a mutated `.keras`, legacy `.h5` or `.weights.h5` file or config.
 *
 *   npm run fuzz -- --cases 10000 [--seed 20261123] [--hang-seconds 30] [--only 3302]
 *
 * Reports the cases, how many loaded, how many ended in a clean error (ValueError), crashes (any
 * other error), hangs (cases that did not finish within the time limit), leaks (cases that left
 * tensors behind), the slowest case and the peak RSS; each crash, hang and leak is listed by case
 * number and mutation, so that it can be replayed alone with `--only`. Exits with 1 when there is any.
 */
import { parseArgs } from 'node:util';
import { fuzzCase, fuzzSources, removeFuzzFiles, runCase, type Outcome } from './hostile/cases.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261123' },
    'hang-seconds': { type: 'string', default: '30' },
    only: { type: 'string' },
  },
});
const first = values.only === undefined ? 0 : Number(values.only);
const cases = values.only === undefined ? Number(values.cases) : 1;
const seed = Number(values.seed);
const hangMs = Number(values['hang-seconds']) * 1000;

/** The outcome of `run`, or 'hang' when it has not settled after `ms`. */
async function withinTime(run: Promise<Outcome>, ms: number): Promise<Outcome | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'hang'>((resolve) => { timer = setTimeout(() => resolve('hang'), ms); });
  try {
    return await Promise.race([run, limit]);
  } finally {
    clearTimeout(timer);
  }
}

const MiB = 2 ** 20;
const sources = await fuzzSources();
const counts = { loaded: 0, refused: 0, crashed: 0, hangs: 0, leaks: 0 };
const problems: string[] = [];
let slowest = { ms: 0, name: '' };
const start = performance.now();
for (let i = first; i < first + cases; i++) {
  const c = await fuzzCase(sources, seed, i);
  const began = performance.now();
  const outcome = await withinTime(runCase(c), hangMs);
  const ms = performance.now() - began;
  if (ms > slowest.ms) slowest = { ms, name: `case ${i} (${c.name})` };
  if (outcome === 'hang') {
    counts.hangs++;
    problems.push(`hang   case ${i}: ${c.name}`);
    continue;
  }
  counts[outcome.kind]++;
  if (values.only !== undefined) console.log(`case ${i} (${c.name}): ${outcome.kind} in ${ms.toFixed(0)} ms ${outcome.message}`);
  if (outcome.kind === 'crashed') problems.push(`crash  case ${i}: ${c.name}\n         ${outcome.message.slice(0, 300)}`);
  if (outcome.leaked !== 0) {
    counts.leaks++;
    problems.push(`leak   case ${i}: ${c.name}: ${outcome.leaked} tensors (${outcome.kind}: ${outcome.message.slice(0, 200)})`);
  }
  if ((i + 1) % 1000 === 0) console.log(`  ${i + 1} cases, ${((performance.now() - start) / 1000).toFixed(0)} s, RSS ${(process.memoryUsage().rss / MiB).toFixed(0)} MiB`);
}
removeFuzzFiles();
for (const source of sources) source.model.dispose();

console.log(problems.join('\n'));
console.log(`fuzz: ${cases} cases (seed ${seed}) in ${((performance.now() - start) / 1000).toFixed(0)} s`);
console.log(`  loaded ${counts.loaded}, clean errors (ValueError) ${counts.refused}, crashes ${counts.crashed}, hangs (> ${hangMs / 1000} s) ${counts.hangs}, cases leaking tensors ${counts.leaks}`);
console.log(`  slowest: ${slowest.ms.toFixed(0)} ms, ${slowest.name}`);
console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
process.exit(counts.crashed + counts.hangs + counts.leaks > 0 ? 1 : 0);
