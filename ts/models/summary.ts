/** `model.summary()`: Keras 3's table of layers, output shapes and parameter counts. */
import type { Layer } from '../engine/layer.js';
import { formatShape } from '../tensor/tensor.js';

export interface SummaryOptions {
  /** Where each line goes; default console.log. */
  printFn?: (line: string) => void;
}

const WIDTHS = [33, 24, 15];

/** Renders the summary of `model` (its `layers`) as lines. */
export function summaryLines(modelName: string, layers: Layer[], weights: { trainable: Layer['weights']; nonTrainable: Layer['weights'] }): string[] {
  const rows = layers.map((layer) => [
    `${layer.name} (${(layer.constructor as typeof Layer).className})`,
    layer.outputShapeValue ? formatShape(layer.outputShapeValue) : '?',
    layer.built ? layer.countParams().toLocaleString('en-US') : '0 (unbuilt)',
  ]);
  const trainable = countScalars(weights.trainable);
  const nonTrainable = countScalars(weights.nonTrainable);
  const lines = [`Model: "${modelName}"`, border('┏', '━', '┳', '┓'), row(['Layer (type)', 'Output Shape', 'Param #'], '┃'), border('┡', '━', '╇', '┩')];
  rows.forEach((r, i) => {
    lines.push(row(r, '│'));
    if (i < rows.length - 1) lines.push(border('├', '─', '┼', '┤'));
  });
  lines.push(border('└', '─', '┴', '┘'));
  lines.push(` Total params: ${countWithSize(trainable + nonTrainable)}`);
  lines.push(` Trainable params: ${countWithSize(trainable)}`);
  lines.push(` Non-trainable params: ${countWithSize(nonTrainable)}`);
  return lines;
}

function countScalars(weights: Layer['weights']): number {
  return weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
}

function border(left: string, fill: string, joint: string, right: string): string {
  return left + WIDTHS.map((w) => fill.repeat(w + 2)).join(joint) + right;
}

/** One table row; the parameter column is right-aligned, as in Keras. */
function row(cells: string[], edge: string): string {
  const padded = cells.map((c, i) => {
    const w = WIDTHS[i]!;
    const text = c.length > w ? `${c.slice(0, w - 1)}…` : c;
    return i === cells.length - 1 ? text.padStart(w) : text.padEnd(w);
  });
  return `${edge} ${padded.join(` ${edge} `)} ${edge}`;
}

/** `55,050 (215.04 KB)`: float32 bytes in Keras's readable units. */
function countWithSize(count: number): string {
  let size = count * 4;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${count.toLocaleString('en-US')} (${size.toFixed(2)} ${units[unit]})`;
}
