import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValueError, callbacks, memory } from '../../../ts/index.js';
import { tfRecord } from '../../../ts/training/callbacks/event_file_writer.js';
import { fileVersionEvent, scalarEvent, stringEvent } from '../../../ts/training/callbacks/summary_proto.js';
import { crc32c } from '../../../ts/utils/crc32c.js';
import { smallData, smallModel, tempFolder } from './file_helpers.js';

const { TensorBoard } = callbacks;

interface Fixture { model_json: string; scalars: { tag: string; value: number; step: number }[]; file_hex: string }
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/callbacks/tensorboard_events.json', import.meta.url), 'utf8')) as Fixture;

/** The TFRecords of an event file, each with the `wall_time` its Event starts with (field 1, a double). */
function records(bytes: Uint8Array): { bytes: Uint8Array; wallTime: number }[] {
  const out: { bytes: Uint8Array; wallTime: number }[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
    const length = Number(view.getBigUint64(0, true));
    expect(bytes[offset + 12]).toBe(0x09);
    out.push({ bytes: bytes.subarray(offset, offset + 16 + length), wallTime: view.getFloat64(13, true) });
    offset += 16 + length;
  }
  return out;
}

/** The one event file in `folder`, read as records. */
function eventFile(folder: string) {
  const names = readdirSync(folder);
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(/^events\.out\.tfevents\.\d+\..+\.\d+\.\d+\.v2$/);
  return records(readFileSync(join(folder, names[0]!)));
}

/** What an event encodes, given its wall time: the expected content of each record. */
type Expected = (wallTime: number) => Uint8Array;
const scalar = (tag: string, value: number, step: number): Expected => (t) => scalarEvent(t, step, tag, value);

/** Checks that `folder`'s event file holds the version record, then exactly `expected`, framed as TFRecords. */
function expectEvents(folder: string, expected: Expected[]): void {
  const found = eventFile(folder);
  const [version, ...rest] = found;
  expect(Array.from(version!.bytes)).toEqual(Array.from(tfRecord(fileVersionEvent(version!.wallTime, 'kerasm'))));
  expect(rest.length).toBe(expected.length);
  rest.forEach((record, i) => expect(Array.from(record.bytes), `record ${i + 1}`).toEqual(Array.from(tfRecord(expected[i]!(record.wallTime)))));
}

describe('TensorBoard event files', () => {
  it('computes CRC-32C as the standard check value says', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it("encodes the records TensorFlow's summary writer wrote, byte for byte (with its wall times)", () => {
    const tf = records(Uint8Array.from(Buffer.from(fixture.file_hex, 'hex')));
    const expected: Expected[] = [
      (t) => fileVersionEvent(t, 'tensorflow.core.util.events_writer'),
      (t) => stringEvent(t, 0, 'keras', fixture.model_json, 'graph_keras_model', '1'),
      ...fixture.scalars.map(({ tag, value, step }) => scalar(tag, value, step)),
    ];
    expect(tf.length).toBe(expected.length);
    tf.forEach((record, i) => expect(Array.from(tfRecord(expected[i]!(record.wallTime))), `record ${i}`).toEqual(Array.from(record.bytes)));
  });
});

describe('TensorBoard', () => {
  it('takes Keras arguments positionally and as options, refusing what kerasm cannot write', () => {
    for (const t of [new TensorBoard('runs', 0, false, false, true, 5), new TensorBoard({ logDir: 'runs', writeGraph: false, writeStepsPerSecond: true, updateFreq: 5 })]) {
      expect([t.logDir, t.writeGraph, t.writeStepsPerSecond, t.updateFreq]).toEqual(['runs', false, true, 5]);
    }
    const defaults = new TensorBoard();
    expect([defaults.logDir, defaults.writeGraph, defaults.writeStepsPerSecond, defaults.updateFreq]).toEqual(['logs', true, false, 'epoch']);
    expect(new TensorBoard({ updateFreq: 'batch' }).updateFreq).toBe(1);
    expect(() => new TensorBoard({ histogramFreq: 1 })).toThrow('TensorBoard: kerasm does not support the argument `histogram_freq` (histogramFreq) other than at its default 0. Received: histogramFreq=1');
    expect(() => new TensorBoard({ profileBatch: 2 })).toThrow(ValueError);
    expect(() => new TensorBoard({ embeddingsFreq: 1 })).toThrow(ValueError);
    expect(() => new TensorBoard({ writeImages: true })).toThrow(ValueError);
    expect(() => new TensorBoard({ updateFreq: 0 })).toThrow("TensorBoard: `update_freq` must be 'epoch', 'batch' or a positive integer. Received: update_freq=0");
  });

  it("writes Keras's epoch scalars to train/ and validation/, and the model's graph", async () => {
    // KERASM_TENSORBOARD_OUT keeps this run's files for scripts/keras/tensorboard_check.py.
    const logDir = process.env.KERASM_TENSORBOARD_OUT ?? tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    const history = await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, validationSplit: 0.25, callbacks: [new TensorBoard(logDir)] });
    const h = history.history as Record<string, number[]>;
    const train: Expected[] = [(t) => stringEvent(t, 0, 'keras', model.toJSON(), 'graph_keras_model', '1')];
    const validation: Expected[] = [];
    for (const epoch of history.epoch) {
      train.push(scalar('epoch_loss', h.loss![epoch]!, epoch), scalar('epoch_mae', h.mae![epoch]!, epoch), scalar('epoch_learning_rate', model.optimizer.learningRate, epoch));
      // 3 training steps an epoch: the evaluation is logged against the optimizer's step count.
      validation.push(
        scalar('evaluation_loss_vs_iterations', h.val_loss![epoch]!, 3 * (epoch + 1)),
        scalar('evaluation_mae_vs_iterations', h.val_mae![epoch]!, 3 * (epoch + 1)),
        scalar('epoch_loss', h.val_loss![epoch]!, epoch),
        scalar('epoch_mae', h.val_mae![epoch]!, epoch),
      );
    }
    expect(readdirSync(logDir).sort()).toEqual(['train', 'validation']);
    expectEvents(join(logDir, 'train'), train);
    expectEvents(join(logDir, 'validation'), validation);
  });

  it("with an integer updateFreq writes batch scalars, recording only at multiples of it, as Keras's record_if", async () => {
    const logDir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    const batchLogs: Record<string, number>[] = [];
    const recorder = new callbacks.LambdaCallback({ onTrainBatchEnd: (_, logs) => void batchLogs.push(logs as Record<string, number>) });
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: [recorder, new TensorBoard({ logDir, updateFreq: 2, writeGraph: false })] });
    // 4 batches an epoch: batch summaries at global steps 2, 4, 6, 8; epoch summaries only where the
    // step at the epoch's end (4, 8) is a multiple of 2 — here both.
    const expected: Expected[] = [];
    for (const step of [2, 4, 6, 8]) {
      const logs = batchLogs[step - 1]!;
      expected.push(scalar('batch_loss', logs.loss!, step), scalar('batch_mae', logs.mae!, step));
      if (step % 4 === 0) {
        const epoch = step / 4 - 1;
        expected.push(scalar('epoch_loss', history.history.loss![epoch] as number, epoch), scalar('epoch_mae', history.history.mae![epoch] as number, epoch), scalar('epoch_learning_rate', model.optimizer.learningRate, epoch));
      }
    }
    expectEvents(join(logDir, 'train'), expected);
    // With 3 batches an epoch the first epoch ends at step 3: Keras drops its epoch summaries.
    const odd = tempFolder();
    const three = await model.fit(x, y, { epochs: 2, batchSize: 6, verbose: 0, callbacks: [new TensorBoard({ logDir: odd, updateFreq: 2, writeGraph: false })] });
    expect(three.epoch).toEqual([0, 1]);
    // The version record, the batch pairs at steps 2, 4 and 6, and only the second epoch's three scalars.
    expect(eventFile(join(odd, 'train'))).toHaveLength(1 + 3 * 2 + 3);
  });

  it('writes new files for each fit and keeps memory flat', async () => {
    const logDir = tempFolder();
    const model = smallModel();
    const { x, y } = smallData();
    const board = new TensorBoard({ logDir, updateFreq: 1, writeStepsPerSecond: true });
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [board] });
    const before = memory().numTensors;
    await model.fit(x, y, { epochs: 10, batchSize: 4, verbose: 0, callbacks: [board] });
    expect(memory().numTensors).toBe(before);
    expect(readdirSync(join(logDir, 'train'))).toHaveLength(2);
  });
});
