/**
 * `plotHistory(history, options)`: the curves users of Keras draw from `history.history` with
 * matplotlib, as one SVG: a small chart per metric (loss first), training and validation
 * (`val_…`) over the epochs, returned as text and, in Node, written to `toFile`.
 */
import type { History } from '../training/callbacks/history.js';
import { ValueError } from '../utils/errors.js';
import { checkKnownKeys, positive } from './check_options.js';
import { type LineSeries, chartSize, lineChart } from './line_chart.js';
import { extensionOf, writeTextFile } from './output_file.js';

export interface PlotHistoryOptions {
  /** The metrics to draw, one chart each, as named in `history.history` (`'loss'`, `'accuracy'`…). Default: all of them, validation folded in. */
  metrics?: string[];
  /** Node only: an `.svg` file to write. Default: none (the SVG is only returned). */
  toFile?: string;
  /** Width of each chart in pixels. Default 360. */
  width?: number;
  /** Height of each chart in pixels. Default 240. */
  height?: number;
  /** Charts per row. Default 2 (1 for a single metric). */
  columns?: number;
}

const KEYS = ['metrics', 'toFile', 'width', 'height', 'columns'] as const;
const VALIDATION = 'val_';

/**
 * @example
 * const history = await model.fit(x, y, { epochs: 10, validationSplit: 0.2 });
 * await plotHistory(history, { toFile: 'history.svg' });            // loss and accuracy, training and validation
 * element.innerHTML = await plotHistory(history, { metrics: ['loss'] }); // in a browser
 */
export async function plotHistory(history: History | Record<string, number[]>, options: PlotHistoryOptions = {}): Promise<string> {
  checkKnownKeys('plotHistory', options, KEYS);
  const svg = historySvg(history, options);
  if (options.toFile !== undefined) {
    if (typeof options.toFile !== 'string' || extensionOf(options.toFile) !== 'svg') {
      throw new ValueError(`plotHistory: \`toFile\` must end in .svg, received ${JSON.stringify(options.toFile)}.`);
    }
    await writeTextFile('plotHistory', options.toFile, svg);
  }
  return svg;
}

/** History's keys come sorted, as Keras's logs; the loss is charted first all the same. */
function lossFirst(names: string[]): string[] {
  return [...names.filter((n) => n === 'loss'), ...names.filter((n) => n !== 'loss')];
}

function historySvg(history: History | Record<string, number[]>, options: PlotHistoryOptions): string {
  const { logs, epochs } = readHistory(history);
  const metrics = options.metrics ?? lossFirst(Object.keys(logs).filter((k) => !k.startsWith(VALIDATION) || !(k.slice(VALIDATION.length) in logs)));
  checkMetrics(metrics, logs);
  const { width, height } = chartSize('plotHistory', options);
  const columns = Math.min(metrics.length, Math.round(positive('plotHistory', 'columns', options.columns, 2)));
  const rows = Math.ceil(metrics.length / columns);
  const charts = metrics.map((metric, i) => {
    const chart = lineChart(seriesOf(metric, logs, epochs), { width, height, title: metric, xLabel: 'epoch', yLabel: metric });
    const x = (i % columns) * width;
    const y = Math.floor(i / columns) * height;
    return `<svg x="${x}" y="${y}" width="${width}" height="${height}">${chart}</svg>`;
  });
  const [w, h] = [columns * width, rows * height];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${charts.join('')}</svg>`;
}

/** The logs and their epoch numbers (1-based, as progress bars count them). */
function readHistory(history: History | Record<string, number[]>): { logs: Record<string, number[]>; epochs: number[] | null } {
  if (history === null || typeof history !== 'object') throw new ValueError(`plotHistory expects a History or a record of metric values, received ${history === null ? 'null' : typeof history}.`);
  const isHistory = 'history' in history && typeof history.history === 'object' && !Array.isArray(history.history);
  const logs = (isHistory ? (history as History).history : history) as Record<string, number[]>;
  const lengths = Object.values(logs).map((v) => (Array.isArray(v) ? v.length : -1));
  if (lengths.length === 0) throw new ValueError('plotHistory: the history is empty: no metric was recorded (did `fit()` run for at least one epoch?).');
  const invalid = Object.entries(logs).find(([, v]) => !Array.isArray(v) || !v.every((x) => typeof x === 'number'));
  if (invalid) throw new ValueError(`plotHistory: metric '${invalid[0]}' must be an array of numbers, received ${JSON.stringify(invalid[1])}.`);
  const epoch = isHistory ? (history as History).epoch : null;
  const epochs = epoch && epoch.length === Math.max(...lengths) ? epoch.map((e) => e + 1) : null;
  return { logs, epochs };
}

function checkMetrics(metrics: unknown, logs: Record<string, number[]>): asserts metrics is string[] {
  if (!Array.isArray(metrics) || metrics.length === 0) {
    throw new ValueError(`plotHistory: \`metrics\` must be a non-empty array of names, received ${JSON.stringify(metrics)}.`);
  }
  for (const m of metrics) {
    if (typeof m !== 'string' || !(m in logs)) {
      throw new ValueError(`plotHistory: no metric ${JSON.stringify(m)} in the history. Recorded: ${JSON.stringify(Object.keys(logs))}.`);
    }
  }
}

/** The training curve of `metric` and, when recorded, its validation curve. */
function seriesOf(metric: string, logs: Record<string, number[]>, epochs: number[] | null): LineSeries[] {
  const curve = (name: string, values: number[]): LineSeries => ({ name, values, x: epochs?.slice(0, values.length) ?? values.map((_, i) => i + 1) });
  const validation = logs[`${VALIDATION}${metric}`];
  if (validation === undefined) return [curve(metric.startsWith(VALIDATION) ? 'validation' : 'training', logs[metric]!)];
  return [curve('training', logs[metric]!), curve('validation', validation)];
}
