/**
 * `modelToDot(model, options)`: the model's layer graph in Graphviz's DOT language, built as
 * Keras's `keras.utils.model_to_dot` builds it, so Graphviz draws what Keras would draw: one box
 * per layer or op (see layer_label.ts), an edge per connection, nested models as one box or, with
 * `expandNested`, as dashed clusters whose edges reach the layers inside.
 */
import type { Operation } from '../ops/symbolic/operation.js';
import { Model } from '../models/model.js';
import { Sequential } from '../models/sequential.js';
import { LayerGraph } from '../models/graph.js';
import { ValueError } from '../utils/errors.js';
import { checkKnownKeys, flag, oneOf, positive } from './check_options.js';
import { DotGraph } from './dot_graph.js';
import { type LabelOptions, layerLabel } from './layer_label.js';

export const RANKDIRS = ['TB', 'LR', 'BT', 'RL'] as const;
export const SPLINES = ['ortho', 'curved', 'polyline', 'spline', 'line'] as const;

export interface ModelToDotOptions {
  /** Show each layer's input and output shapes. Default false. */
  showShapes?: boolean;
  /** Show each layer's output dtype. Default false. */
  showDtype?: boolean;
  /** Show layer names beside their classes. Default true here (false in `plotModel`, as in Keras). */
  showLayerNames?: boolean;
  /** 'TB' draws top to bottom, 'LR' left to right ('BT' and 'RL' reverse them). Default 'TB'. */
  rankdir?: (typeof RANKDIRS)[number];
  /** Draw nested Functional and Sequential models as clusters of their layers. Default false. */
  expandNested?: boolean;
  /** Image resolution in dots per inch (Graphviz scales the drawing by dpi / 72). Default 200. */
  dpi?: number;
  /** Show the activation of layers that have one (Dense, Conv2D…). Default false. */
  showLayerActivations?: boolean;
  /** Mark layers with weights as Trainable or Non-trainable. Default false. */
  showTrainable?: boolean;
  /** How edges are drawn: 'ortho' (right angles), 'curved', 'polyline', 'spline' or 'line'. Default 'ortho'. */
  splines?: (typeof SPLINES)[number];
}

export const MODEL_TO_DOT_KEYS = [
  'showShapes', 'showDtype', 'showLayerNames', 'rankdir', 'expandNested', 'dpi', 'showLayerActivations', 'showTrainable', 'splines',
] as const;

/** The options with Keras's defaults filled in, checked. */
export interface DotSettings {
  label: LabelOptions;
  rankdir: (typeof RANKDIRS)[number];
  expandNested: boolean;
  dpi: number;
  splines: (typeof SPLINES)[number];
}

export function modelToDot(model: Model, options: ModelToDotOptions = {}): string {
  checkKnownKeys('modelToDot', options, MODEL_TO_DOT_KEYS);
  return dotFor('modelToDot', model, dotSettings('modelToDot', options, true));
}

/** Checks the options of `fn` and fills in defaults (`showLayerNames` differs between Keras's two functions). */
export function dotSettings(fn: string, options: ModelToDotOptions, showLayerNames: boolean): DotSettings {
  return {
    label: {
      showShapes: flag(fn, 'showShapes', options.showShapes, false),
      showDtype: flag(fn, 'showDtype', options.showDtype, false),
      showLayerNames: flag(fn, 'showLayerNames', options.showLayerNames, showLayerNames),
      showLayerActivations: flag(fn, 'showLayerActivations', options.showLayerActivations, false),
      showTrainable: flag(fn, 'showTrainable', options.showTrainable, false),
    },
    rankdir: oneOf(fn, 'rankdir', options.rankdir, RANKDIRS, 'TB'),
    expandNested: flag(fn, 'expandNested', options.expandNested, false),
    dpi: positive(fn, 'dpi', options.dpi, 200),
    splines: oneOf(fn, 'splines', options.splines, SPLINES, 'ortho'),
  };
}

/** The DOT text of `model` with checked settings, for the public function `fn`. */
export function dotFor(fn: string, model: Model, settings: DotSettings): string {
  if (!(model instanceof Model)) throw new ValueError(`${fn} expects a keras Model, received ${describe(model)}.`);
  if (!model.built) {
    throw new ValueError('This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.');
  }
  const dot = new DotGraph('digraph', 'G');
  dot.set('rankdir', settings.rankdir);
  dot.set('concentrate', true);
  dot.set('dpi', settings.dpi);
  dot.set('splines', settings.splines);
  dot.setNodeDefaults({ shape: 'record' });
  new DotBuilder(settings).fill(dot, model);
  return dot.toString();
}

/** Walks a model (and, when expanding, its nested models) into a DotGraph. */
class DotBuilder {
  /** Node ids: the layer's name, made unique when nested models reuse a name (`img`, `img#2`). */
  private readonly ids = new Map<Operation, string>();
  private readonly usedIds = new Set<string>();
  private readonly graphs = new Map<Operation, LayerGraph | null>();

  constructor(private readonly settings: DotSettings) {}

  fill(dot: DotGraph, model: Model): void {
    const graph = this.graphOf(model);
    if (graph === null) {
      // A subclassed model has no layer graph to show: one box, as in Keras.
      this.addLayerNode(dot, model);
      return;
    }
    const sequential = model instanceof Sequential;
    const layers: Operation[] = sequential ? model.layers : graph.operations;
    for (const layer of layers) {
      if (this.settings.expandNested && this.graphOf(layer) !== null) dot.addSubgraph(this.cluster(layer as Model));
      else this.addLayerNode(dot, layer);
    }
    if (sequential && !this.settings.expandNested) {
      for (let i = 0; i + 1 < layers.length; i++) this.addEdge(dot, layers[i]!, layers[i + 1]!);
      return;
    }
    for (const node of graph.nodes) {
      // A Sequential's input layer is not drawn: the edge into its first layer comes from outside.
      if (sequential && node.operation === layers[0]) continue;
      node.inputs.forEach((tensor, inputIndex) => {
        const producer = tensor.node!.operation;
        if (this.settings.expandNested) this.addEdge(dot, this.producingLayer(producer, tensor.outputIndex), this.consumingLayer(node.operation, inputIndex));
        else this.addEdge(dot, producer, node.operation);
      });
    }
  }

  /**
   * The layer that really computes output `outputIndex` of `layer`: inside nested models, the
   * layer producing the model's output, however deep (an expanded model has no box of its own).
   */
  private producingLayer(layer: Operation, outputIndex: number): Operation {
    let source = layer;
    let index = outputIndex;
    for (let graph = this.graphOf(source); graph !== null; graph = this.graphOf(source)) {
      const output = graph.outputs[index]!;
      source = output.node!.operation;
      index = output.outputIndex;
    }
    return source;
  }

  /** The layer that receives input `inputIndex` of `layer`: a nested Functional's input layer, a nested Sequential's first layer. */
  private consumingLayer(layer: Operation, inputIndex: number): Operation {
    let target = layer;
    for (let graph = this.graphOf(target); graph !== null; graph = this.graphOf(target)) {
      target = target instanceof Sequential ? target.layers[0]! : graph.inputs[inputIndex]!.node!.operation;
    }
    return target;
  }

  private graphOf(layer: Operation): LayerGraph | null {
    if (!this.graphs.has(layer)) this.graphs.set(layer, layerGraphOf(layer));
    return this.graphs.get(layer)!;
  }

  private cluster(model: Model): DotGraph {
    const cluster = new DotGraph('subgraph', `cluster_${this.idOf(model)}`);
    cluster.set('style', 'dashed');
    cluster.set('label', model.name);
    cluster.set('labeljust', 'l');
    this.fill(cluster, model);
    return cluster;
  }

  private addLayerNode(dot: DotGraph, layer: Operation): void {
    dot.addNode(this.idOf(layer), { label: { html: layerLabel(layer, this.settings.label) }, fontname: 'Helvetica', border: '0', margin: '0' });
  }

  private addEdge(dot: DotGraph, source: Operation, target: Operation): void {
    dot.addEdge(this.idOf(source), this.idOf(target), { penwidth: '2' });
  }

  /** Graphviz keeps backslashes of ids literally but cannot end an id with one: they become slashes. */
  private idOf(layer: Operation): string {
    let id = this.ids.get(layer);
    if (id === undefined) {
      const base = layer.name.replace(/\\/g, '/');
      id = base;
      for (let n = 2; this.usedIds.has(id); n++) id = `${base}#${n}`;
      this.ids.set(layer, id);
      this.usedIds.add(id);
    }
    return id;
  }
}

/** The layer graph of a built Functional or Sequential model; null for other layers and subclassed models. */
function layerGraphOf(layer: Operation): LayerGraph | null {
  if (!(layer instanceof Model) || !layer.built) return null;
  let inputs;
  try {
    inputs = layer.inputs;
  } catch (e) {
    // A subclassed model has no symbolic inputs: Model says so with a ValueError.
    if (e instanceof ValueError) return null;
    throw e;
  }
  return new LayerGraph(inputs, layer.outputs);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value;
}
