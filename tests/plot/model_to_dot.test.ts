/**
 * modelToDot against Keras's own model_to_dot (fixtures/keras_model_to_dot.py): the same boxes
 * with the same labels, the same edges, the same clusters and graph attributes, read back through
 * Graphviz. Also the behaviours the fixture does not cover: unbuilt and subclassed models,
 * repeated names across nested models, and bad options.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Model, Sequential, ValueError, layers, modelToDot, type Tensor, type ModelToDotOptions } from '../../ts/index.js';
import { MODELS, autoencoder, mlp, siamese, tickets } from './keras_models.js';
import { readDot } from './read_dot.js';

interface KerasCase {
  options: Record<string, unknown>;
  graph: Record<string, unknown> & { node_defaults: Record<string, string>[] };
  nodes: { name: string; cluster: string | null; label: string; attributes: Record<string, string> }[];
  edges: [string, string, Record<string, string>][];
  clusters: { name: string; parent: string | null; attributes: Record<string, string> }[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/keras_model_to_dot.json', import.meta.url), 'utf8')) as {
  cases: Record<keyof typeof MODELS, KerasCase[]>;
};

const camel = (options: Record<string, unknown>): ModelToDotOptions =>
  Object.fromEntries(Object.entries(options).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]));
const sortedEdges = (edges: [string, string, unknown][]) => edges.map(([a, b]) => `${a} -> ${b}`).sort();

describe('modelToDot matches Keras 3 model_to_dot', () => {
  for (const [name, cases] of Object.entries(fixture.cases) as [keyof typeof MODELS, KerasCase[]][]) {
    for (const keras of cases) {
      it(`${name} with ${JSON.stringify(keras.options)}`, () => {
        const model = MODELS[name]();
        const ours = readDot(modelToDot(model, camel(keras.options)));
        for (const key of ['rankdir', 'concentrate', 'dpi', 'splines']) {
          expect(ours.attributes[key], key).toBe(String(keras.graph[key]));
        }
        expect(ours.nodes.map((n) => n.name).sort()).toEqual(keras.nodes.map((n) => n.name).sort());
        // Boxes come in the order of `model.layers` (which for the ticket model is not Keras's depth order).
        const topLevel = ours.nodes.filter((n) => n.cluster === null).map((n) => n.name);
        expect(topLevel).toEqual(model.layers.filter((l) => !(keras.options.expand_nested && l instanceof Model)).map((l) => l.name));
        for (const expected of keras.nodes) {
          const node = ours.nodes.find((n) => n.name === expected.name)!;
          expect(node.label, `label of ${expected.name}`).toBe(expected.label);
          expect(node.cluster, `cluster of ${expected.name}`).toBe(expected.cluster);
          expect(node.attributes).toMatchObject({ ...expected.attributes, ...keras.graph.node_defaults[0] });
        }
        expect(sortedEdges(ours.edges)).toEqual(sortedEdges(keras.edges));
        for (const [, , attributes] of ours.edges) expect(attributes).toMatchObject(keras.edges[0]![2]);
        expect(ours.clusters.map((c) => c.name)).toEqual(keras.clusters.map((c) => c.name));
        ours.clusters.forEach((c, i) => expect(c.attributes).toMatchObject(keras.clusters[i]!.attributes));
        model.dispose();
      });
    }
  }
});

describe('modelToDot', () => {
  it('defaults: names on, shapes off, top to bottom at 200 dpi with right-angled edges', () => {
    const model = tickets();
    const dot = readDot(modelToDot(model));
    expect(dot.attributes).toMatchObject({ rankdir: 'TB', dpi: '200', splines: 'ortho', concentrate: 'true' });
    for (const layer of model.layers) {
      const node = dot.nodes.find((n) => n.name === layer.name)!;
      expect(node.label).toContain(`<b>${layer.name}</b>`);
      expect(node.label).not.toContain('shape');
    }
    model.dispose();
  });

  it('rankdir LR lays the graph out left to right', () => {
    const model = mlp();
    expect(readDot(modelToDot(model, { rankdir: 'LR' })).attributes.rankdir).toBe('LR');
    model.dispose();
  });

  it('a subclassed model is one box with the shapes of its first call', () => {
    class TwoStep extends Model {
      first = new layers.Dense(3, { name: 'first' });
      second = new layers.Dense(2, { name: 'second' });
      override call(x: Tensor) {
        return this.second.apply(this.first.apply(x));
      }
    }
    const model = new TwoStep({ name: 'two_step' });
    expect(() => modelToDot(model)).toThrow(/This model has not yet been built/);
    model.apply(Input({ shape: [5] }));
    const dot = readDot(modelToDot(model, { showShapes: true }));
    expect(dot.nodes.map((n) => n.name)).toEqual(['two_step']);
    expect(dot.nodes[0]!.label).toContain('<b>two_step</b> (TwoStep)');
    expect(dot.nodes[0]!.label).toContain('Input shape: <b>(None, 5)</b>');
    expect(dot.nodes[0]!.label).toContain('Output shape: <b>(None, 2)</b>');
    expect(dot.edges).toEqual([]);
    model.dispose();
  });

  it('an unbuilt Sequential is refused with Keras message', () => {
    const model = new Sequential([new layers.Dense(2)]);
    expect(() => modelToDot(model)).toThrow(ValueError);
    expect(() => modelToDot(model)).toThrow('This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.');
  });

  it('layers of nested models that share a name with outer layers stay distinct boxes', () => {
    // The autoencoder's encoder has an input named 'img'; an outer layer named 'img' too.
    const inner = autoencoder();
    const input = Input({ shape: [28, 28, 1], name: 'img' });
    const outer = new Model({ inputs: input, outputs: inner.apply(input) as ReturnType<typeof Input>, name: 'outer' });
    const dot = readDot(modelToDot(outer, { expandNested: true }));
    const imgs = dot.nodes.filter((n) => n.label.includes('<b>img</b>'));
    expect(imgs.map((n) => n.cluster).sort()).toEqual(['encoder', null]);
    expect(new Set(dot.nodes.map((n) => n.name)).size).toBe(dot.nodes.length);
    // The outer input feeds the autoencoder's input layer, inside its cluster.
    expect(dot.edges.map(([a, b]) => [dot.nodes.find((n) => n.name === a)!.cluster, b])).toContainEqual([null, 'image']);
    expect(dot.clusters.map((c) => c.attributes.label)).toEqual(['autoencoder', 'encoder', 'decoder']);
    outer.dispose();
  });

  it('special characters in names are escaped for Graphviz', () => {
    const input = Input({ shape: [2], name: 'a<b>&"c"' });
    const model = new Model({ inputs: input, outputs: new layers.Dense(1, { name: 'back\\slash' }).apply(input) as typeof input });
    const dot = readDot(modelToDot(model));
    expect(dot.nodes.map((n) => n.name)).toEqual(['a<b>&"c"', 'back/slash']);
    expect(dot.nodes[1]!.label).toContain('<b>back\\slash</b>');
    expect(dot.nodes[0]!.label).toContain('<b>a&lt;b&gt;&amp;&quot;c&quot;</b>');
    model.dispose();
  });

  it('bad options name the function, the option and what it takes', () => {
    const model = siamese();
    expect(() => modelToDot(model, { rankdir: 'TopDown' as 'TB' })).toThrow('modelToDot: `rankdir` must be one of ["TB","LR","BT","RL"], received "TopDown".');
    expect(() => modelToDot(model, { dpi: 0 })).toThrow('modelToDot: `dpi` must be a positive number, received 0.');
    expect(() => modelToDot(model, { showShapes: 'yes' as unknown as boolean })).toThrow('`showShapes` must be a boolean');
    expect(() => modelToDot(model, { splines: 'zigzag' as 'ortho' })).toThrow('`splines` must be one of');
    expect(() => modelToDot(model, { show_shapes: true } as ModelToDotOptions)).toThrow('modelToDot: unrecognized options ["show_shapes"]');
    expect(() => modelToDot({} as Model)).toThrow('modelToDot expects a keras Model, received Object.');
    model.dispose();
  });
});
