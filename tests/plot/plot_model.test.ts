/**
 * plotModel: Graphviz (WebAssembly) draws modelToDot's graph as SVG with no Graphviz install; the
 * SVG is well formed, has a box per layer and a line per edge, follows rankdir and dpi, and is
 * written to `toFile` in Node (or the DOT text, for a `.dot` file).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model, ValueError, layers, modelToDot, plotModel, serializeLayer } from '../../ts/index.js';
import { autoencoder, mlp, siamese, tickets, toyResnet } from './keras_models.js';
import { readDot } from './read_dot.js';
import { type XmlElement, allElements, deepText, parseXml } from './xml.js';

const folder = mkdtempSync(join(tmpdir(), 'kerasm-plot-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const byClass = (svg: XmlElement, cls: string) => allElements(svg).filter((e) => e.name === 'g' && e.attributes.class === cls);
const texts = (e: XmlElement) => allElements(e).filter((x) => x.name === 'text').map(deepText);
/** The drawing's size in points, from the root's `width="…pt"` and `height="…pt"`. */
const size = (svg: XmlElement) => [parseFloat(svg.attributes.width!), parseFloat(svg.attributes.height!)] as const;

describe('plotModel', () => {
  it('the toy ResNet: one box per layer with its name, class and shapes, one line per edge', async () => {
    const model = toyResnet();
    const svg = parseXml(await plotModel(model, { showShapes: true, showLayerNames: true }));
    expect(svg.name).toBe('svg');
    const boxes = byClass(svg, 'node');
    expect(boxes).toHaveLength(model.layers.length);
    for (const layer of model.layers) {
      const box = boxes.find((b) => texts(b).includes(layer.name));
      expect(box, layer.name).toBeDefined();
      expect(texts(box!)).toContain(` (${serializeLayer(layer).class_name})`);
      const output = layer.outputShape as (number | null)[];
      expect(texts(box!)).toContain(`(${output.map((d) => (d === null ? 'None' : d)).join(', ')})`);
    }
    const edges = readDot(modelToDot(model)).edges;
    expect(byClass(svg, 'edge')).toHaveLength(edges.length);
    // The residual adds each take two inputs.
    expect(edges.filter(([, target]) => target.startsWith('add_'))).toHaveLength(4);
    model.dispose();
  });

  it('hides layer names by default, as Keras plot_model does, and shows classes', async () => {
    const model = mlp();
    const svg = parseXml(await plotModel(model));
    const shown = byClass(svg, 'node').flatMap(texts);
    expect(shown.filter((t) => t === 'Dense')).toHaveLength(3);
    for (const layer of model.layers) expect(shown).not.toContain(layer.name);
    model.dispose();
  });

  it('rankdir TB draws a chain tall and LR draws it wide; dpi scales the drawing', async () => {
    const model = mlp();
    const [tallW, tallH] = size(parseXml(await plotModel(model, { rankdir: 'TB' })));
    const [wideW, wideH] = size(parseXml(await plotModel(model, { rankdir: 'LR' })));
    expect(tallH).toBeGreaterThan(tallW);
    expect(wideW).toBeGreaterThan(wideH);
    const [lowW] = size(parseXml(await plotModel(model, { rankdir: 'TB', dpi: 100 })));
    expect(tallW / lowW).toBeCloseTo(2, 1);
    model.dispose();
  });

  it('multi-input/output and shared layers: every input and output layer drawn and connected', async () => {
    for (const model of [tickets(), siamese()]) {
      const svg = parseXml(await plotModel(model, { showLayerNames: true, showTrainable: true }));
      const shown = byClass(svg, 'node').flatMap(texts);
      for (const layer of model.layers) expect(shown).toContain(layer.name);
      expect(byClass(svg, 'edge').length).toBe(readDot(modelToDot(model)).edges.length);
      if (model.name === 'siamese') expect(shown).toContain('Non-trainable');
      model.dispose();
    }
  });

  it('expandNested draws nested models as dashed clusters titled with their names', async () => {
    const model = autoencoder();
    const collapsed = parseXml(await plotModel(model, { showLayerNames: true }));
    expect(byClass(collapsed, 'cluster')).toHaveLength(0);
    expect(byClass(collapsed, 'node').flatMap(texts)).toEqual(expect.arrayContaining(['encoder', 'decoder']));
    const expanded = parseXml(await plotModel(model, { showLayerNames: true, expandNested: true }));
    const clusters = byClass(expanded, 'cluster');
    expect(clusters.map((c) => texts(c)[0])).toEqual(['encoder', 'decoder']);
    for (const c of clusters) expect(allElements(c).some((e) => e.attributes['stroke-dasharray'] !== undefined)).toBe(true);
    const inner = (model.getLayer('encoder') as Model).layers.map((l) => l.name);
    expect(byClass(expanded, 'node').flatMap(texts)).toEqual(expect.arrayContaining(inner));
    model.dispose();
  });

  it('toFile writes the SVG, or the DOT text for .dot, creating folders', async () => {
    const model = siamese();
    const svgPath = join(folder, 'nested', 'siamese.svg');
    const svg = await plotModel(model, { showShapes: true, toFile: svgPath });
    expect(readFileSync(svgPath, 'utf8')).toBe(svg);
    parseXml(svg);
    const dotPath = join(folder, 'siamese.dot');
    const dot = await plotModel(model, { showShapes: true, expandNested: true, toFile: dotPath });
    expect(readFileSync(dotPath, 'utf8')).toBe(dot);
    expect(dot).toBe(modelToDot(model, { showShapes: true, expandNested: true, showLayerNames: false }));
    model.dispose();
  });

  it('bad arguments: raster files, unknown options, bad values, unbuilt models', async () => {
    const model = mlp();
    await expect(plotModel(model, { toFile: join(folder, 'model.png') })).rejects.toThrow(
      /plotModel: `toFile` must end in .svg, .dot or .gv .*model\.png/,
    );
    await expect(plotModel(model, { toFile: '' })).rejects.toThrow(ValueError);
    await expect(plotModel(model, { to_file: 'x.svg' } as object)).rejects.toThrow('plotModel: unrecognized options ["to_file"]');
    await expect(plotModel(model, { rankdir: 'down' as 'TB' })).rejects.toThrow('plotModel: `rankdir` must be one of');
    await expect(plotModel(new Model(), {})).rejects.toThrow('This model has not yet been built.');
    await expect(plotModel(new layers.Dense(3) as unknown as Model)).rejects.toThrow('plotModel expects a keras Model, received Dense.');
    model.dispose();
  });
});
