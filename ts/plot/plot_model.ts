/**
 * `plotModel(model, options)`: Keras's `keras.utils.plot_model` without a Graphviz install. The
 * DOT text of `modelToDot` is laid out and drawn by Graphviz compiled to WebAssembly; the SVG
 * (or, for a `.dot` file, the DOT text) is returned and, in Node, written to `toFile`.
 */
import type { Model } from '../models/model.js';
import { ValueError } from '../utils/errors.js';
import { checkKnownKeys } from './check_options.js';
import { dotToSvg } from './graphviz.js';
import { MODEL_TO_DOT_KEYS, type ModelToDotOptions, dotFor, dotSettings } from './model_to_dot.js';
import { extensionOf, writeTextFile } from './output_file.js';

export interface PlotModelOptions extends ModelToDotOptions {
  /**
   * Node only: the file to write, `.svg` for the drawing or `.dot` / `.gv` for the DOT text.
   * Default: none (the result is only returned).
   */
  toFile?: string;
}

/** File extensions `toFile` may have, and the format each one writes. */
const FORMATS: Record<string, 'svg' | 'dot'> = { svg: 'svg', dot: 'dot', gv: 'dot' };

/**
 * The model's graph as SVG text (as DOT text when `toFile` ends in `.dot`). Layer names are hidden
 * by default, as in Keras's `plot_model`; pass `showLayerNames: true` to show them.
 *
 * @example
 * await plotModel(model, { showShapes: true, showLayerNames: true, toFile: 'model.svg' });
 * element.innerHTML = await plotModel(model, { rankdir: 'LR' }); // in a browser
 */
export async function plotModel(model: Model, options: PlotModelOptions = {}): Promise<string> {
  checkKnownKeys('plotModel', options, [...MODEL_TO_DOT_KEYS, 'toFile']);
  const format = options.toFile === undefined ? 'svg' : formatOf(options.toFile);
  const dot = dotFor('plotModel', model, dotSettings('plotModel', options, false));
  const text = format === 'dot' ? dot : await dotToSvg(dot);
  if (options.toFile !== undefined) await writeTextFile('plotModel', options.toFile, text);
  return text;
}

function formatOf(path: unknown): 'svg' | 'dot' {
  const format = typeof path === 'string' ? FORMATS[extensionOf(path)] : undefined;
  if (format === undefined) {
    throw new ValueError(`plotModel: \`toFile\` must end in .svg, .dot or .gv (no raster formats without a native Graphviz), received ${JSON.stringify(path)}.`);
  }
  return format;
}
