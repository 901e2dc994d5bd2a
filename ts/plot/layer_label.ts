/**
 * The box drawn for one layer or op, as Keras's `make_layer_label` writes it: a Graphviz
 * HTML-like table with the name and class on a black bar (`not_equal (NotEqual)`), then
 * optionally the activation, the input and output shapes, the output dtype and a trainable marker.
 */
import type { KerasTensor } from '../ops/symbolic/keras_tensor.js';
import type { Operation } from '../ops/symbolic/operation.js';
import { Layer, classNameOf } from '../engine/layer.js';
import type { Activation } from '../activations.js';
import { ValueError } from '../utils/errors.js';
import { formatShape, pythonQuoted } from '../utils/python_repr.js';

/** What each box shows (the `show*` options of `plotModel`). */
export interface LabelOptions {
  showShapes: boolean;
  showDtype: boolean;
  showLayerNames: boolean;
  showLayerActivations: boolean;
  showTrainable: boolean;
}

export function layerLabel(layer: Operation, options: LabelOptions): string {
  const className = classNameOf(layer);
  const colspan = Math.max(1, Number(options.showDtype) + Number(options.showTrainable) + (options.showShapes ? 2 : 0));
  const title = options.showLayerNames ? `<b>${escapeHtml(layer.name)}</b> (${escapeHtml(className)})` : `<b>${escapeHtml(className)}</b>`;
  let table = '<table border="0" cellborder="1" bgcolor="black" cellpadding="10">';
  table += `<tr><td colspan="${colspan}" bgcolor="black"><font point-size="16" color="white">${title}</font></td></tr>`;
  const activation = options.showLayerActivations ? activationName(layer) : null;
  if (activation !== null) {
    table += `<tr><td bgcolor="white" colspan="${colspan}"><font point-size="14">Activation: <b>${escapeHtml(activation)}</b></font></td></tr>`;
  }
  const cells = detailCells(layer, className, options);
  if (cells.length > 0) table += `<tr>${cells.join('')}</tr>`;
  return `${table}</table>`;
}

function detailCells(layer: Operation, className: string, options: LabelOptions): string[] {
  const cells: string[] = [];
  const white = (text: string) => `<td bgcolor="white"><font point-size="14">${text}</font></td>`;
  if (options.showShapes) {
    if (className !== 'InputLayer') cells.push(white(`Input shape: <b>${shapesOf(layer, 'input')}</b>`));
    cells.push(white(`Output shape: <b>${shapesOf(layer, 'output')}</b>`));
  }
  if (options.showDtype) cells.push(white(`Output dtype: <b>${dtypesOf(layer)}</b>`));
  // Keras marks only layers that have weights: for the others "trainable" says nothing.
  if (options.showTrainable && layer instanceof Layer && layer.weights.length > 0) {
    const [colour, text] = layer.trainable ? ['forestgreen', 'Trainable'] : ['firebrick', 'Non-trainable'];
    cells.push(`<td bgcolor="${colour}"><font point-size="14" color="white"><b>${text}</b></font></td>`);
  }
  return cells;
}

/** The shape(s) of the layer's first call, or `?` for a layer never called (as Keras). */
function shapesOf(layer: Operation, which: 'input' | 'output'): string {
  const tensors = firstCall(layer, which);
  if (tensors === null) return '?';
  return Array.isArray(tensors) ? `[${tensors.map((t) => formatShape(t.shape)).join(', ')}]` : formatShape(tensors.shape);
}

function dtypesOf(layer: Operation): string {
  const tensors = firstCall(layer, 'output');
  if (tensors === null) return '?';
  return Array.isArray(tensors) ? `[${tensors.map((t) => pythonQuoted(t.dtype)).join(', ')}]` : tensors.dtype;
}

/** `layer.input` / `layer.output`, or null when the layer has none (never called), as Keras shows `?`. */
function firstCall(layer: Operation, which: 'input' | 'output'): KerasTensor | KerasTensor[] | null {
  try {
    return which === 'input' ? layer.input : layer.output;
  } catch (e) {
    if (e instanceof ValueError) return null;
    throw e;
  }
}

/** The Keras name of a layer's `activation` (Dense, Conv…), or null for layers without one. */
function activationName(layer: Operation): string | null {
  const activation = (layer as Operation & { activation?: Activation | null }).activation;
  if (typeof activation !== 'function') return null;
  return activation.activationName ?? activation.name;
}

/** Text inside a Graphviz HTML-like label: the XML special characters as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
