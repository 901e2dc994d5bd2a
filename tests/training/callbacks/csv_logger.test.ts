import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValueError, callbacks, memory } from '../../../ts/index.js';
import { smallData, smallModel, tempFolder } from './file_helpers.js';

const { CSVLogger } = callbacks;

interface Case { name: string; options: { separator?: string; append?: boolean }; runs: Record<string, string>[][]; csv: string }
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/callbacks/csv_logger.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** A log value written by the fixture script as Python's repr. */
function number(text: string): number {
  return Number(text.replace(/^(-?)inf$/, '$1Infinity').replace('nan', 'NaN'));
}

describe('CSVLogger', () => {
  it('takes Keras arguments positionally and as options, with Keras defaults', () => {
    for (const logger of [new CSVLogger('log.csv', ';', true), new CSVLogger({ filename: 'log.csv', separator: ';', append: true })]) {
      expect([logger.filename, logger.separator, logger.append]).toEqual(['log.csv', ';', true]);
    }
    const defaults = new CSVLogger('log.csv');
    expect([defaults.separator, defaults.append]).toEqual([',', false]);
    expect(() => new CSVLogger()).toThrow("CSVLogger missing required argument: 'filename'.");
  });

  for (const { name, options, runs, csv } of fixture.cases) {
    it(`writes the file Keras writes for the same logs: ${name}`, async () => {
      const path = join(tempFolder(), 'log.csv');
      const logger = new CSVLogger({ filename: path, ...options });
      for (const run of runs) {
        await logger.onTrainBegin();
        for (const [epoch, logs] of run.entries()) await logger.onEpochEnd(epoch, Object.fromEntries(Object.entries(logs).map(([k, v]) => [k, number(v)])));
        await logger.onTrainEnd();
      }
      expect(readFileSync(path, 'utf8')).toBe(csv);
    });
  }

  it('replaces an existing file unless appending, and appends after a header already there', async () => {
    const path = join(tempFolder(), 'log.csv');
    writeFileSync(path, 'old contents\r\n');
    const logger = new CSVLogger(path);
    await logger.onTrainBegin();
    await logger.onEpochEnd(0, { loss: 0.5, val_loss: 0.25 });
    await logger.onTrainEnd();
    expect(readFileSync(path, 'utf8')).toBe('epoch,loss,val_loss\r\n0,0.5,0.25\r\n');
    const appending = new CSVLogger(path, ',', true);
    await appending.onTrainBegin();
    await appending.onEpochEnd(1, { loss: 0.125, val_loss: 0.25 });
    await appending.onTrainEnd();
    expect(readFileSync(path, 'utf8')).toBe('epoch,loss,val_loss\r\n0,0.5,0.25\r\n1,0.125,0.25\r\n');
  });

  it('logs a real fit, every epoch flushed, with memory flat', async () => {
    const path = join(tempFolder(), 'fit.csv');
    const model = smallModel();
    const { x, y } = smallData();
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = memory().numTensors;
    const history = await model.fit(x, y, { epochs: 5, batchSize: 4, verbose: 0, validationSplit: 0.25, callbacks: [new CSVLogger(path)] });
    expect(memory().numTensors).toBe(before);
    const rows = readFileSync(path, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('epoch,loss,mae,val_loss,val_mae');
    expect(rows.slice(1).map((r) => r.split(',').map(Number))).toEqual(
      history.epoch.map((e, i) => [e, history.history.loss![i], history.history.mae![i], history.history.val_loss![i], history.history.val_mae![i]]),
    );
  });

  it('needs a folder that exists, and says which file it could not open', async () => {
    const path = join(tempFolder(), 'missing', 'log.csv');
    const logger = new CSVLogger(path);
    await expect(logger.onTrainBegin()).rejects.toThrow(ValueError);
    await expect(logger.onTrainBegin()).rejects.toThrow(`CSVLogger could not open '${path}': ENOENT`);
  });
});
