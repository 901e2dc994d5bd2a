/**
 * `lineChartSvg(series, options)`: a small line chart as SVG text (axes with ticks, grid, a
 * legend, a title), written in plain SVG so it costs nothing to load; plotHistory draws one per
 * metric and a page can redraw one per batch for live training curves.
 */
import { ValueError } from '../utils/errors.js';
import { checkKnownKeys, flag, optionalText, positive } from './check_options.js';
import { FONT, PALETTE, escapeXml, px } from './svg_text.js';
import { type Axis, niceAxis, tickLabel } from './ticks.js';

export interface LineSeries {
  /** The legend's name for the line. */
  name: string;
  /** The y values; NaN or infinite values leave a gap in the line. */
  values: number[];
  /** The x values, one per y value. Default 1, 2, 3, … */
  x?: number[];
  /** A CSS colour. Default: the next colour of matplotlib's cycle. */
  color?: string;
}

export interface LineChartOptions {
  /** Width in pixels. Default 360. */
  width?: number;
  /** Height in pixels. Default 240. */
  height?: number;
  /** A title above the chart. Default none. */
  title?: string;
  /** The x axis's name. Default none. */
  xLabel?: string;
  /** The y axis's name. Default none. */
  yLabel?: string;
  /** Fixed y range `[min, max]` (e.g. `[0, 1]` for accuracy). Default: the data's range. */
  yDomain?: [number, number];
  /** Dots on each point. Default: when no line has more than 40 points. */
  markers?: boolean;
}

const KEYS = ['width', 'height', 'title', 'xLabel', 'yLabel', 'yDomain', 'markers'] as const;
const MARGIN = { left: 56, right: 14, bottom: 40 };
const TITLE_HEIGHT = 22;
const LEGEND_HEIGHT = 18;

/** A standalone `<svg>` document fragment holding the chart. */
export function lineChartSvg(series: LineSeries[], options: LineChartOptions = {}): string {
  const { width, height } = chartSize('lineChartSvg', options);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${lineChart(series, options)}</svg>`;
}

/** The size a chart with `options` takes, checked. */
export function chartSize(fn: string, options: LineChartOptions): { width: number; height: number } {
  return { width: positive(fn, 'width', options.width, 360), height: positive(fn, 'height', options.height, 240) };
}

/** The chart's elements, in a `0 0 width height` box (for composing several charts in one SVG). */
export function lineChart(series: LineSeries[], options: LineChartOptions = {}): string {
  checkKnownKeys('lineChartSvg', options, KEYS);
  for (const key of ['title', 'xLabel', 'yLabel'] as const) optionalText('lineChartSvg', key, options[key]);
  checkSeries(series);
  const { width, height } = chartSize('lineChartSvg', options);
  const top = (options.title ? TITLE_HEIGHT : 6) + LEGEND_HEIGHT;
  const plot = { left: MARGIN.left, top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  if (plot.right - plot.left < 20 || plot.bottom - plot.top < 20) {
    throw new ValueError(`lineChartSvg: a ${width}×${height} chart leaves no room to plot; make it at least ${MARGIN.left + MARGIN.right + 20}×${top + MARGIN.bottom + 20}.`);
  }
  const xs = series.map((s) => s.x ?? s.values.map((_, i) => i + 1));
  const points = series.flatMap((s, i) => s.values.map((y, j) => [xs[i]![j]!, y] as const)).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const [xLo, xHi] = range(points.map((p) => p[0]));
  const [yLo, yHi] = range(points.map((p) => p[1]));
  const xAxis = niceAxis(xLo, xHi, 6, points.every((p) => Number.isInteger(p[0])));
  const yAxis = options.yDomain ? fixedAxis(options.yDomain) : niceAxis(yLo, yHi, 5);
  const sx = (x: number) => plot.left + ((x - xAxis.min) / (xAxis.max - xAxis.min)) * (plot.right - plot.left);
  const sy = (y: number) => plot.bottom - ((y - yAxis.min) / (yAxis.max - yAxis.min)) * (plot.bottom - plot.top);
  const markers = flag('lineChartSvg', 'markers', options.markers, series.every((s) => s.values.length <= 40));
  const colors = series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]!);
  return [
    `<rect width="${width}" height="${height}" fill="white"/>`,
    options.title ? `<text x="${px(width / 2)}" y="16" text-anchor="middle" ${FONT} font-size="13" font-weight="bold">${escapeXml(options.title)}</text>` : '',
    legend(series.map((s) => s.name), colors, plot.left, top - LEGEND_HEIGHT + 12),
    grid(xAxis, yAxis, plot, sx, sy),
    axisLabels(options, plot),
    clipped(plot, series.map((s, i) => line(xs[i]!, s.values, colors[i]!, markers, sx, sy)).join('')),
  ].join('');
}

/** [min, max] of `values` (a loop: live curves can hold more points than a spread may pass). */
function range(values: number[]): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return [lo, hi];
}

/**
 * `content` cut to the plot area (plus room for a marker), so values outside a fixed `yDomain`
 * stay inside: a nested <svg> viewport clips without needing a document-unique clipPath id.
 */
function clipped(plot: Box, content: string): string {
  const pad = 4;
  const [x, y, w, h] = [plot.left - pad, plot.top - pad, px(plot.right - plot.left + 2 * pad), px(plot.bottom - plot.top + 2 * pad)];
  return `<svg x="${x}" y="${y}" width="${w}" height="${h}" viewBox="${x} ${y} ${w} ${h}" overflow="hidden">${content}</svg>`;
}

function checkSeries(series: LineSeries[]): void {
  if (!Array.isArray(series) || series.length === 0) throw new ValueError('lineChartSvg: `series` must be a non-empty array of { name, values }.');
  for (const s of series) {
    if (typeof s?.name !== 'string' || !Array.isArray(s.values) || !s.values.every((v) => typeof v === 'number')) {
      throw new ValueError(`lineChartSvg: each series needs a string \`name\` and an array of numbers \`values\`, received ${JSON.stringify(s)}.`);
    }
    if (s.x !== undefined && (!Array.isArray(s.x) || s.x.length !== s.values.length)) {
      throw new ValueError(`lineChartSvg: series '${s.name}' has ${s.values.length} values but ${Array.isArray(s.x) ? s.x.length : 'no array of'} x values.`);
    }
  }
}

function fixedAxis(domain: [number, number]): Axis {
  const [lo, hi] = Array.isArray(domain) && domain.length === 2 ? domain : [NaN, NaN];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo >= hi) {
    throw new ValueError(`lineChartSvg: \`yDomain\` must be [min, max] with min < max, received ${JSON.stringify(domain)}.`);
  }
  const axis = niceAxis(lo, hi, 5);
  const ticks = axis.ticks.filter((t) => t >= lo - 1e-12 && t <= hi + 1e-12);
  return { ...axis, min: lo, max: hi, ticks };
}

type Box = { left: number; top: number; right: number; bottom: number };

/** Grid lines, the axes' frame, and tick labels. */
function grid(xAxis: Axis, yAxis: Axis, plot: Box, sx: (x: number) => number, sy: (y: number) => number): string {
  const parts: string[] = [];
  for (const t of yAxis.ticks) {
    const y = px(sy(t));
    parts.push(`<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${plot.left - 6}" y="${y}" dy="0.32em" text-anchor="end" ${FONT} font-size="10" fill="#333">${tickLabel(t, yAxis.decimals)}</text>`);
  }
  for (const t of xAxis.ticks) {
    const x = px(sx(t));
    parts.push(`<line x1="${x}" y1="${plot.bottom}" x2="${x}" y2="${plot.bottom + 4}" stroke="#333"/>`);
    parts.push(`<text x="${x}" y="${plot.bottom + 15}" text-anchor="middle" ${FONT} font-size="10" fill="#333">${tickLabel(t, xAxis.decimals)}</text>`);
  }
  parts.push(`<rect x="${plot.left}" y="${plot.top}" width="${px(plot.right - plot.left)}" height="${px(plot.bottom - plot.top)}" fill="none" stroke="#333"/>`);
  return `<g class="axes">${parts.join('')}</g>`;
}

function axisLabels(options: LineChartOptions, plot: Box): string {
  const parts: string[] = [];
  if (options.xLabel) {
    parts.push(`<text x="${px((plot.left + plot.right) / 2)}" y="${plot.bottom + 32}" text-anchor="middle" ${FONT} font-size="11">${escapeXml(options.xLabel)}</text>`);
  }
  if (options.yLabel) {
    const cy = px((plot.top + plot.bottom) / 2);
    parts.push(`<text transform="translate(12 ${cy}) rotate(-90)" text-anchor="middle" ${FONT} font-size="11">${escapeXml(options.yLabel)}</text>`);
  }
  return parts.join('');
}

/** One legend entry per series: a short stroke in its colour, then its name, left to right. */
function legend(names: string[], colors: string[], left: number, baseline: number): string {
  let x = left;
  const parts = names.map((name, i) => {
    const entry =
      `<line x1="${px(x)}" y1="${baseline - 4}" x2="${px(x + 16)}" y2="${baseline - 4}" stroke="${escapeXml(colors[i]!)}" stroke-width="2"/>` +
      `<text x="${px(x + 20)}" y="${baseline}" ${FONT} font-size="11">${escapeXml(name)}</text>`;
    x += 32 + name.length * 6.5; // Helvetica at 11px averages about 6 px a character
    return entry;
  });
  return `<g class="legend">${parts.join('')}</g>`;
}

/** The series as a path; a non-finite value ends one stretch and the next finite one starts another. */
function line(xs: number[], ys: number[], color: string, markers: boolean, sx: (x: number) => number, sy: (y: number) => number): string {
  let d = '';
  let drawing = false;
  const dots: string[] = [];
  ys.forEach((y, i) => {
    const x = xs[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${px(sx(x))} ${px(sy(y))}`;
    drawing = true;
    if (markers) dots.push(`<circle cx="${px(sx(x))}" cy="${px(sy(y))}" r="2.5" fill="${escapeXml(color)}"/>`);
  });
  const path = d ? `<path d="${d}" fill="none" stroke="${escapeXml(color)}" stroke-width="2" stroke-linejoin="round"/>` : '';
  return `<g class="series">${path}${dots.join('')}</g>`;
}
