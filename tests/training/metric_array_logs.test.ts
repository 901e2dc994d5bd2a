/**
 * Metrics whose result is an array (F1Score without `average`, FBetaScore, R2Score with
 * `classAggregation: null`) in `compile()`, logged whole as Keras 3.15.1 logs them: History, a
 * LambdaCallback's logs, evaluate's list and dict, the CSVLogger file and the progress bar's means
 * (scripts/keras/metric_array_logs_fixtures.py).
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Input, Sequential, type Tensor, callbacks, layers, memory, metrics, optimizers, tensor } from '../../ts/index.js';
import { ProgbarLogger } from '../../ts/training/callbacks/progbar_logger.js';
import type { LogValue, Logs } from '../../ts/training/callbacks/callback.js';
import { float32Str } from '../../ts/utils/python_format.js';

interface Fixture {
  x: number[][];
  y: number[][];
  kernel: number[][];
  history: Record<string, LogValue[]>;
  epoch_logs: Logs[];
  batch_logs: Logs[];
  evaluate: LogValue[];
  evaluate_dict: Logs;
  csv: string;
  progbar_verbose1: Record<string, string>;
  progbar_verbose2: Record<string, string>;
}
const want = JSON.parse(readFileSync(new URL('../fixtures/training/metric_array_logs.json', import.meta.url), 'utf8')) as Fixture;

function model() {
  const m = new Sequential([Input({ shape: [2] }), new layers.Dense(3, { activation: 'softmax' })]);
  const [kernel, bias] = [tensor(want.kernel.flat(), [2, 3]), tensor([0, 0, 0], [3])];
  m.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  m.compile({
    optimizer: new optimizers.SGD({ learningRate: 0.5 }),
    loss: 'categorical_crossentropy',
    metrics: [new metrics.F1Score(), new metrics.FBetaScore({ beta: 2 }), new metrics.R2Score({ classAggregation: null })],
  });
  return m;
}

const data = (): [Tensor, Tensor] => [tensor(want.x.flat(), [4, 2]), tensor(want.y.flat(), [4, 3])];

function expectLogsClose(got: Record<string, unknown>, expected: Record<string, unknown>) {
  expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) expectValueClose(got[key], value);
}

function expectValueClose(got: unknown, expected: unknown) {
  if (Array.isArray(expected)) {
    expect(Array.isArray(got)).toBe(true);
    expect((got as unknown[]).length).toBe(expected.length);
    expected.forEach((v, i) => expectValueClose((got as unknown[])[i], v));
  } else {
    expect(typeof got).toBe('number');
    expect(got as number).toBeCloseTo(expected as number, 5);
  }
}

/** The numbers of a `"""[0.5, 0.0]"""` cell. */
const arrayCell = (cell: string) => cell.replace(/["[\]]/g, '').split(', ').map(Number);

/** A CSV row's cells, quoted ones (holding commas) kept whole. */
const csvCells = (row: string): string[] => row.match(/"(?:[^"]|"")*"|[^,]+/g) ?? [];

describe('metrics with an array result in compile()', () => {
  it('fit: History and a LambdaCallback hold the arrays, as Keras', async () => {
    const before = memory().numTensors;
    const m = model();
    const [x, y] = data();
    const epochLogs: Logs[] = [];
    const batchLogs: Logs[] = [];
    const recorder = new callbacks.LambdaCallback({ onEpochEnd: (_e, logs) => void epochLogs.push(logs), onTrainBatchEnd: (_b, logs) => void batchLogs.push(logs) });
    const history = await m.fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0, callbacks: [recorder] });
    expectLogsClose(history.history, want.history);
    want.epoch_logs.forEach((logs, i) => expectLogsClose(epochLogs[i]!, logs));
    want.batch_logs.forEach((logs, i) => expectLogsClose(batchLogs[i]!, logs));

    expectValueClose(m.evaluate(x, y, { batchSize: 2, verbose: 0 }), want.evaluate);
    expectLogsClose(m.evaluate(x, y, { batchSize: 2, verbose: 0, returnDict: true }) as Logs, want.evaluate_dict);
    x.dispose();
    y.dispose();
    m.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it("CSVLogger writes each array as Keras's quoted list of float32 values", async () => {
    const m = model();
    const [x, y] = data();
    const file = join(mkdtempSync(join(tmpdir(), 'kerasm-array-logs-')), 'log.csv');
    await m.fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0, callbacks: [new callbacks.CSVLogger(file)] });
    const got = readFileSync(file, 'utf8').split('\r\n');
    const expected = want.csv.split('\r\n');
    // The header and the array cells match Keras's text; the float64 losses are compared as numbers.
    expect(got[0]).toBe(expected[0]);
    for (let row = 1; row < expected.length - 1; row++) {
      const [gotCells, wantCells] = [csvCells(got[row]!), csvCells(expected[row]!)];
      expect(gotCells.length).toBe(wantCells.length);
      wantCells.forEach((cell, i) => {
        if (cell === 'NA' || !cell.includes('.')) expect(gotCells[i]).toBe(cell);
        else if (!cell.startsWith('"')) expect(Number(gotCells[i])).toBeCloseTo(Number(cell), 6);
        else {
          // kerasm's float32 arithmetic may differ from Keras's in the last digit: same layout, close values.
          expect(gotCells[i]).toMatch(/^"""\[.*\]"""$/);
          expectValueClose(arrayCell(gotCells[i]!), arrayCell(cell));
        }
      });
    }
    x.dispose();
    y.dispose();
    m.dispose();
  });

  it("an array cell gives each value as NumPy's float32 str, as Keras's CSVLogger", () => {
    // Keras's own logged values, laid out by kerasm, give Keras's text byte for byte.
    const lines = want.csv.split('\r\n');
    const header = csvCells(lines[0]!);
    lines.slice(1, -1).map(csvCells).forEach((cells, epoch) => {
      for (const name of ['f1_score', 'fbeta_score', 'r2_score']) {
        const values = want.history[name]![epoch] as number[];
        expect(`"""[${values.map(float32Str).join(', ')}]"""`).toBe(cells[header.indexOf(name)]);
      }
    });
    expect([0, 1e-5, 1e16, -2.5, 0.1].map(float32Str)).toEqual(['0.0', '1e-05', '1e+16', '-2.5', '0.1']);
  });

  it.each([
    ['EarlyStopping', () => new callbacks.EarlyStopping({ monitor: 'f1_score', mode: 'max' })],
    ['ReduceLROnPlateau', () => new callbacks.ReduceLROnPlateau({ monitor: 'f1_score', mode: 'max' })],
  ])('%s monitoring an array fails, as Keras fails comparing it', async (name, make) => {
    const m = model();
    const [x, y] = data();
    await expect(m.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [make()] })).rejects.toThrow(
      new RegExp(`^${name} monitors 'f1_score', whose value is an array: \\[.*\\]\\. The truth value of an array with more than one element is ambiguous`),
    );
    x.dispose();
    y.dispose();
    m.dispose();
  });

  it('ModelCheckpoint with saveBestOnly on an array warns and saves every epoch, as Keras', async () => {
    const m = model();
    const [x, y] = data();
    const folder = mkdtempSync(join(tmpdir(), 'kerasm-array-logs-'));
    const warnings: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
    const checkpoint = new callbacks.ModelCheckpoint({ filepath: join(folder, 'e{epoch}.weights.h5'), monitor: 'f1_score', saveBestOnly: true, saveWeightsOnly: true });
    await m.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0, callbacks: [checkpoint] });
    warn.mockRestore();
    expect(readdirSync(folder).sort()).toEqual(['e1.weights.h5', 'e2.weights.h5']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Can save best model only when `monitor` is a scalar value\. Received: \[.*\]\. Falling back to `save_best_only=False`\.$/);
    x.dispose();
    y.dispose();
    m.dispose();
  });

  it('ModelCheckpoint refuses a filepath naming an array log (Keras writes NumPy\'s array text there)', async () => {
    const m = model();
    const [x, y] = data();
    const filepath = join(mkdtempSync(join(tmpdir(), 'kerasm-array-logs-')), 'm{f1_score:.2f}.weights.h5');
    await expect(m.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0, callbacks: [new callbacks.ModelCheckpoint({ filepath, saveWeightsOnly: true })] })).rejects.toThrow(
      `ModelCheckpoint filepath "${filepath}" names 'f1_score', whose value is an array: kerasm fills a filepath with single values only.`,
    );
    x.dispose();
    y.dispose();
    m.dispose();
  });

  it("TensorBoard refuses an array, as Keras's tf.summary.scalar", async () => {
    const m = model();
    const [x, y] = data();
    const logDir = mkdtempSync(join(tmpdir(), 'kerasm-array-logs-'));
    await expect(m.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0, callbacks: [new callbacks.TensorBoard({ logDir, writeGraph: false })] })).rejects.toThrow(
      'Expected scalar shape, saw shape: (3,).',
    );
    x.dispose();
    y.dispose();
    m.dispose();
  });

  it.each([
    [1, 'progbar_verbose1'],
    [2, 'progbar_verbose2'],
  ] as const)('the progress bar (verbose %i) shows each array by its mean, as Keras', async (verbose, key) => {
    const m = model();
    const [x, y] = data();
    let text = '';
    const stream = { write: (s: string) => void (text += s), isTTY: false };
    const logger = new ProgbarLogger({ stream });
    if (verbose === 1) {
      await m.fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0 });
      await m.evaluate(x, y, { batchSize: 2, verbose: 1, callbacks: [logger] });
    } else {
      await m.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 2, callbacks: [logger] });
    }
    const line = text.trim().split('\n').at(-1)!;
    const shown = Object.fromEntries([...line.matchAll(/ - ([a-z0-9_]+): (\S+)/g)].map((match) => [match[1], match[2]]));
    expect(shown).toEqual(want[key]);
    x.dispose();
    y.dispose();
    m.dispose();
  });
});
