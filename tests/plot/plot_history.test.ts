/**
 * plotHistory and lineChartSvg: one chart per metric from a real `fit()`, with and without
 * validation; points placed where their values say, ticks covering the data, gaps for NaN, the
 * file in Node, and errors that say what is wrong.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Input, Sequential, ValueError, layers, lineChartSvg, ops, plotHistory, tensor, tidy, type History } from '../../ts/index.js';
import { seededValues } from '../helpers/close.js';
import { type XmlElement, allElements, deepText, parseXml } from './xml.js';

const folder = mkdtempSync(join(tmpdir(), 'kerasm-history-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A few epochs of a small classifier, with or without a validation split. */
async function train(validationSplit: number): Promise<History> {
  const model = new Sequential([Input({ shape: [4] }), new layers.Dense(8, { activation: 'relu' }), new layers.Dense(2, { activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const x = tensor(seededValues(64 * 4, 7), [64, 4]);
  const y = tidy(() => ops.cast(ops.greater(ops.sum(x, 1), 0), 'float32'));
  const history = await model.fit(x, y, { epochs: 4, batchSize: 16, verbose: 0, validationSplit });
  [x, y].forEach((t) => t.dispose());
  model.dispose();
  return history;
}

const elements = (root: XmlElement, name: string, cls?: string) =>
  allElements(root).filter((e) => e.name === name && (cls === undefined || e.attributes.class === cls));
/** The charts of a history plot: the nested <svg> elements. */
const charts = (svg: XmlElement) => svg.children.filter((c) => c.name === 'svg');
const title = (chart: XmlElement) => deepText(elements(chart, 'text').find((t) => t.attributes['font-weight'] === 'bold')!);
const legend = (chart: XmlElement) => elements(chart, 'g', 'legend').flatMap((g) => elements(g, 'text').map(deepText));
/** The [x, y] vertices of each path of a chart, one list per stretch of line. */
function stretches(path: XmlElement): [number, number][][] {
  return path.attributes.d!.split('M').filter(Boolean).map((s) => s.split('L').map((p) => p.trim().split(' ').map(Number) as [number, number]));
}
/** The numeric tick labels of the y axis (right-aligned texts left of the plot). */
const yTicks = (chart: XmlElement) => elements(chart, 'text').filter((t) => t.attributes['text-anchor'] === 'end').map((t) => Number(deepText(t)));

describe('plotHistory', () => {
  it('after fit with validation: loss then accuracy, training and validation curves, one point per epoch', async () => {
    const history = await train(0.25);
    const svg = parseXml(await plotHistory(history));
    expect(charts(svg).map(title)).toEqual(['loss', 'accuracy']);
    expect(svg.attributes).toMatchObject({ width: '720', height: '240' });
    for (const chart of charts(svg)) {
      const metric = title(chart);
      expect(legend(chart)).toEqual(['training', 'validation']);
      const paths = elements(chart, 'path');
      expect(paths).toHaveLength(2);
      ([history.history[metric]!, history.history[`val_${metric}`]!] as number[][]).forEach((values, i) => {
        const [points] = stretches(paths[i]!);
        expect(points).toHaveLength(4);
        // Larger values sit higher (smaller y); epochs go left to right.
        for (let a = 0; a < values.length; a++) {
          for (let b = 0; b < values.length; b++) if (values[a]! > values[b]! + 1e-6) expect(points![a]![1]).toBeLessThan(points![b]![1]);
          if (a > 0) expect(points![a]![0]).toBeGreaterThan(points![a - 1]![0]);
        }
      });
      const all = [...history.history[metric]!, ...history.history[`val_${metric}`]!] as number[];
      const ticks = yTicks(chart);
      expect(Math.min(...ticks)).toBeLessThanOrEqual(Math.min(...all));
      expect(Math.max(...ticks)).toBeGreaterThanOrEqual(Math.max(...all));
      expect(ticks.every((t) => Number.isFinite(t))).toBe(true);
    }
  });

  it('without validation: training curves only; `metrics` picks the charts; the file is written in Node', async () => {
    const history = await train(0);
    expect(Object.keys(history.history)).toEqual(['accuracy', 'loss']);
    const path = join(folder, 'plots', 'history.svg');
    const text = await plotHistory(history, { metrics: ['accuracy'], toFile: path, width: 300, height: 200 });
    expect(readFileSync(path, 'utf8')).toBe(text);
    const svg = parseXml(text);
    expect(svg.attributes).toMatchObject({ width: '300', height: '200' });
    expect(charts(svg).map(title)).toEqual(['accuracy']);
    expect(legend(charts(svg)[0]!)).toEqual(['training']);
    expect(elements(svg, 'path')).toHaveLength(1);
  });

  it('a plain record of values works too, laid out in `columns`', async () => {
    const svg = parseXml(await plotHistory({ loss: [1, 0.5, 0.25], mae: [0.9, 0.7, 0.6], val_loss: [1.1, 0.7, 0.5] }, { columns: 1 }));
    expect(charts(svg).map(title)).toEqual(['loss', 'mae']);
    expect(charts(svg).map((c) => [c.attributes.x, c.attributes.y])).toEqual([['0', '0'], ['0', '240']]);
  });

  it('errors name the problem', async () => {
    const h = { loss: [1, 0.5], val_loss: [1.2, 0.9] };
    await expect(plotHistory(h, { metrics: ['accuracy'] })).rejects.toThrow('plotHistory: no metric "accuracy" in the history. Recorded: ["loss","val_loss"].');
    await expect(plotHistory({})).rejects.toThrow('plotHistory: the history is empty');
    await expect(plotHistory(h, { metrics: [] })).rejects.toThrow('`metrics` must be a non-empty array');
    await expect(plotHistory({ loss: ['a'] } as unknown as Record<string, number[]>)).rejects.toThrow("metric 'loss' must be an array of numbers");
    await expect(plotHistory(h, { columns: 0 })).rejects.toThrow('plotHistory: `columns` must be a positive number, received 0.');
    await expect(plotHistory(h, { toFile: join(folder, 'h.png') })).rejects.toThrow('plotHistory: `toFile` must end in .svg');
    await expect(plotHistory(h, { metric: ['loss'] } as object)).rejects.toThrow('plotHistory: unrecognized options ["metric"]');
    await expect(plotHistory(null as unknown as History)).rejects.toThrow(ValueError);
  });
});

describe('lineChartSvg', () => {
  it('draws each series in its own colour with a legend, title and axis names', () => {
    const svg = parseXml(lineChartSvg(
      [{ name: 'a<b', values: [3, 1, 2] }, { name: 'c', values: [0, 4, 1], color: 'purple' }],
      { title: 'T & t', xLabel: 'batch', yLabel: 'loss' },
    ));
    expect(svg.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: '360', height: '240' });
    expect(legend(svg)).toEqual(['a<b', 'c']);
    expect(elements(svg, 'text').map(deepText)).toEqual(expect.arrayContaining(['T & t', 'batch', 'loss']));
    const paths = elements(svg, 'path');
    expect(paths.map((p) => p.attributes.stroke)).toEqual(['#1f77b4', 'purple']);
    expect(elements(svg, 'circle')).toHaveLength(6);
  });

  it('non-finite values leave gaps; given x values place the points; yDomain fixes the axis', () => {
    const svg = parseXml(lineChartSvg([{ name: 'v', values: [1, NaN, 2, 3, Infinity, 2], x: [10, 20, 30, 40, 50, 60] }], { yDomain: [0, 5], markers: false }));
    const parts = stretches(elements(svg, 'path')[0]!);
    expect(parts.map((p) => p.length)).toEqual([1, 2, 1]);
    expect(elements(svg, 'circle')).toHaveLength(0);
    expect(yTicks(svg)).toEqual([0, 1, 2, 3, 4, 5]);
    const xTicks = elements(svg, 'text').filter((t) => t.attributes['text-anchor'] === 'middle').map((t) => Number(deepText(t)));
    expect(Math.min(...xTicks)).toBeLessThanOrEqual(10);
    expect(Math.max(...xTicks)).toBeGreaterThanOrEqual(60);
    // Pixels are proportional to x: the drawn points sit at x = 10, 30, 40, 60.
    const xs = parts.flat().map((p) => p[0]);
    expect((xs[1]! - xs[0]!) / 20).toBeCloseTo((xs[2]! - xs[1]!) / 10, 1);
    expect((xs[3]! - xs[2]!) / 20).toBeCloseTo((xs[2]! - xs[1]!) / 10, 1);
  });

  it('lines are clipped to the plot area, so values outside a fixed yDomain stay inside the axes', () => {
    const svg = parseXml(lineChartSvg([{ name: 'acc', values: [0.5, 1.7, 0.9] }], { yDomain: [0, 1] }));
    const frame = elements(svg, 'g', 'axes')[0]!.children.find((e) => e.name === 'rect')!.attributes;
    const viewport = elements(svg, 'svg').find((e) => e.attributes.overflow === 'hidden')!;
    expect(elements(viewport, 'path')).toHaveLength(1);
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(viewport.attributes[k]));
    expect(x! + w! / 2).toBeCloseTo(Number(frame.x) + Number(frame.width) / 2, 5);
    expect(y! + h! / 2).toBeCloseTo(Number(frame.y) + Number(frame.height) / 2, 5);
    expect(h).toBeLessThan(Number(frame.height) + 10);
  });

  it('a live curve of 200,000 batches draws (no spread of huge arrays)', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => 1 / (1 + i / 1000));
    const svg = parseXml(lineChartSvg([{ name: 'loss', values }], { xLabel: 'batch' }));
    expect(stretches(elements(svg, 'path')[0]!)[0]).toHaveLength(200_000);
    expect(elements(svg, 'circle')).toHaveLength(0);
  });

  it('a single point or a flat line still gets a readable axis', () => {
    for (const values of [[0.5], [2, 2, 2], [0, 0]]) {
      const svg = parseXml(lineChartSvg([{ name: 'flat', values }]));
      const ticks = yTicks(svg);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...ticks)).toBeLessThan(values[0]!);
      expect(Math.max(...ticks)).toBeGreaterThan(values[0]!);
    }
  });

  it('tick labels are nice numbers for tiny and large ranges', () => {
    const small = yTicks(parseXml(lineChartSvg([{ name: 's', values: [0.00012, 0.00031] }])));
    const steps = small.slice(1).map((t, i) => t - small[i]!);
    expect(steps.every((s) => Math.abs(s - steps[0]!) < 1e-12)).toBe(true);
    expect([1, 2, 5].some((m) => Math.abs(steps[0]! / 10 ** Math.floor(Math.log10(steps[0]!)) - m) < 1e-9)).toBe(true);
    const large = yTicks(parseXml(lineChartSvg([{ name: 'l', values: [1200, 98000] }])));
    expect(large).toEqual([0, 20000, 40000, 60000, 80000, 100000]);
  });

  it('bad series and options are refused', () => {
    expect(() => lineChartSvg([])).toThrow('lineChartSvg: `series` must be a non-empty array of { name, values }.');
    expect(() => lineChartSvg([{ name: 'a', values: [1, 2], x: [1] }])).toThrow("lineChartSvg: series 'a' has 2 values but 1 x values.");
    expect(() => lineChartSvg([{ name: 'a', values: ['1'] as unknown as number[] }])).toThrow('an array of numbers `values`');
    expect(() => lineChartSvg([{ name: 'a', values: [1] }], { yDomain: [1, 0] })).toThrow('`yDomain` must be [min, max] with min < max, received [1,0].');
    expect(() => lineChartSvg([{ name: 'a', values: [1] }], { width: 40 })).toThrow('leaves no room to plot');
    expect(() => lineChartSvg([{ name: 'a', values: [1] }], { height: -1 })).toThrow('`height` must be a positive number');
    expect(() => lineChartSvg([{ name: 'a', values: [1] }], { title: 3 as unknown as string })).toThrow('`title` must be a string');
    expect(() => lineChartSvg([{ name: 'a', values: [1] }], { colour: 'red' } as object)).toThrow('unrecognized options ["colour"]');
  });
});
