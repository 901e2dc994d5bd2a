/**
 * The image preprocessing layers: Keras 3.15.1's outputs for a given transformation
 * (tests/fixtures/image/image_layers.json: factors whose range is one value), training-only
 * behaviour, the distributions of the random draws, seeding, positional forms, configs, errors,
 * and use in Sequential and Functional models that train, save and load.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, Model, Sequential, type Tensor, layers, loadModel, memory, ops, saveModel, tensor, tidy, utils } from '../../../../ts/index.js';
import { expectClose, seededValues } from '../../../helpers/close.js';
import { gradcheck } from '../../../helpers/gradcheck.js';

interface LayerCase { class_name: string; args: Record<string, unknown>; images: { shape: number[]; values: number[] }; output: { shape: number[]; values: number[] } }
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/image/image_layers.json', import.meta.url), 'utf8')) as { cases: LayerCase[] };

type AnyLayer = new (args: Record<string, unknown>) => InstanceType<typeof layers.Layer>;
const make = (name: string, args: Record<string, unknown>) => new (layers[name as keyof typeof layers] as unknown as AnyLayer)(args);

describe('image layers match Keras 3.15.1 for a given transformation', () => {
  it.each(fixture.cases.map((c) => [`${c.class_name} ${JSON.stringify(c.args)}`, c] as const))('%s', (_name, c) => {
    const before = memory().numTensors;
    tidy(() => {
      const out = make(c.class_name, c.args).apply(tensor(c.images.values, c.images.shape), { training: true }) as Tensor;
      expect(out.shape).toEqual(c.output.shape);
      expectClose(out, c.output.values, 2e-5);
    });
    expect(memory().numTensors).toBe(before);
  });
});

const images = (shape: number[], seed = 1) => tensor(seededValues(shape.reduce((a, b) => a * b, 1), seed, 0, 1), shape);

describe('random image layers', () => {
  // Seeded, so that the draws are known to change every batch (RandomFlip's include a flip).
  const random = () => [
    new layers.RandomFlip({ seed: 1 }), new layers.RandomRotation(0.3, 'reflect', 'bilinear', 1), new layers.RandomZoom({ heightFactor: 0.3, seed: 1 }),
    new layers.RandomTranslation({ heightFactor: 0.2, widthFactor: 0.2, seed: 1 }), new layers.RandomContrast(0.5, [0, 1], 1),
    new layers.RandomBrightness(0.3, [0, 1], 1), new layers.RandomCrop(3, 4, 1),
  ];

  it('pass images through outside training, and change them in training', () => {
    tidy(() => {
      const x = images([4, 6, 6, 2]);
      for (const layer of random()) {
        expectClose(layer.apply(x) as Tensor, x.dataSync(), 0);
        const trained = layer.apply(x, { training: true }) as Tensor;
        const same = trained.shape.join() === x.shape.join() && trained.dataSync().every((v, i) => v === x.dataSync()[i]);
        expect(same, layer.name).toBe(false);
      }
    });
  });

  it('draw the same sequence from the same seed, and from setRandomSeed when unseeded', () => {
    tidy(() => {
      const x = images([3, 6, 5, 2]);
      const twice = (make2: () => InstanceType<typeof layers.Layer>) => {
        const [a, b] = [make2(), make2()];
        for (let i = 0; i < 2; i++) expectClose(a.apply(x, { training: true }) as Tensor, (b.apply(x, { training: true }) as Tensor).dataSync(), 0);
      };
      twice(() => new layers.RandomRotation({ factor: 0.4, seed: 5 }));
      twice(() => new layers.RandomFlip({ seed: 9 }));
      const unseeded = () => { utils.setRandomSeed(11); return new layers.RandomZoom(0.5); };
      const [a, b] = [unseeded(), unseeded()];
      expectClose(a.apply(x, { training: true }) as Tensor, (b.apply(x, { training: true }) as Tensor).dataSync(), 0);
    });
  });

  it('flip each image with probability 1/2, horizontally, vertically or both at once', () => {
    tidy(() => {
      // Image i is [[a, b], [c, d]]: a flip shows which corner came first.
      const n = 2000;
      const x = tensor(Array.from({ length: n }, () => [[[1], [2]], [[3], [4]]]));
      const firsts = (mode: 'horizontal' | 'vertical' | 'horizontal_and_vertical') => {
        const out = (new layers.RandomFlip({ mode, seed: 3 }).apply(x, { training: true }) as Tensor).dataSync();
        return Array.from({ length: n }, (_, i) => out[4 * i]!);
      };
      for (const [mode, flipped] of [['horizontal', 2], ['vertical', 3], ['horizontal_and_vertical', 4]] as const) {
        const f = firsts(mode);
        expect(f.every((v) => v === 1 || v === flipped), mode).toBe(true);
        const rate = f.filter((v) => v === flipped).length / n;
        expect(rate, mode).toBeGreaterThan(0.45);
        expect(rate, mode).toBeLessThan(0.55);
      }
    });
  });

  it('draw rotation angles, zooms and shifts over their whole range and no further', () => {
    const n = 4000;
    type Drawing = { drawTransforms(count: number, height: number, width: number): number[][] };
    const draw = (layer: object) => (layer as Drawing).drawTransforms(n, 9, 7);
    const spread = (values: number[], lo: number, hi: number) => {
      expect(Math.min(...values)).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(Math.max(...values)).toBeLessThanOrEqual(hi + 1e-9);
      expect(Math.min(...values)).toBeLessThan(lo + 0.02 * (hi - lo));
      expect(Math.max(...values)).toBeGreaterThan(hi - 0.02 * (hi - lo));
    };
    // factor 0.1 → angles in [-36°, 36°]; [-0.05, 0.2] → [-18°, 72°].
    spread(draw(new layers.RandomRotation(0.1)).map(([a0, , , b0]) => (Math.atan2(b0!, a0!) * 180) / Math.PI), -36, 36);
    spread(draw(new layers.RandomRotation([0.2, -0.05])).map(([a0, , , b0]) => (Math.atan2(b0!, a0!) * 180) / Math.PI), -18, 72);
    const zooms = draw(new layers.RandomZoom([-0.3, 0.2], 0.1));
    spread(zooms.map((m) => m[4]!), 0.7, 1.2);
    spread(zooms.map((m) => m[0]!), 0.9, 1.1);
    const shifts = draw(new layers.RandomTranslation(0.2, [-0.1, 0.3]));
    spread(shifts.map((m) => -m[5]!), -0.2 * 9, 0.2 * 9);
    spread(shifts.map((m) => -m[2]!), -0.1 * 7, 0.3 * 7);
  });

  it('draw brightness deltas and contrast factors per image within their ranges', () => {
    tidy(() => {
      const n = 2000;
      // Mid-grey images: brightness adds the delta; contrast on a two-valued image scales its spread.
      const grey = tensor(new Float32Array(n * 2).fill(0.5), [n, 1, 2, 1]);
      const bright = (new layers.RandomBrightness([-0.1, 0.3], [0, 1]).apply(grey, { training: true }) as Tensor).dataSync();
      const deltas = Array.from({ length: n }, (_, i) => bright[2 * i]! - 0.5);
      expect(Math.min(...deltas)).toBeGreaterThanOrEqual(-0.1 - 1e-6);
      expect(Math.max(...deltas)).toBeLessThanOrEqual(0.3 + 1e-6);
      expect(new Set(deltas.map((d) => d.toFixed(3))).size).toBeGreaterThan(100);
      const pairs = tensor(Array.from({ length: n }, () => [[[0.4], [0.6]]]));
      const contrast = (new layers.RandomContrast([0.2, 0.5], [0, 1]).apply(pairs, { training: true }) as Tensor).dataSync();
      // Keras 3 reads [lower, upper] as factors in [1 - lower, 1 + upper].
      const factors = Array.from({ length: n }, (_, i) => (contrast[2 * i + 1]! - contrast[2 * i]!) / 0.2);
      expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.8 - 1e-4);
      expect(Math.max(...factors)).toBeLessThanOrEqual(1.5 + 1e-4);
      expect(Math.min(...factors)).toBeLessThan(0.85);
      expect(Math.max(...factors)).toBeGreaterThan(1.45);
    });
  });

  it('RandomCrop cuts a window of the image in training, the same for the whole batch', () => {
    tidy(() => {
      const x = tensor(Array.from({ length: 2 * 6 * 7 }, (_, i) => i), [2, 6, 7, 1]);
      const layer = new layers.RandomCrop({ height: 3, width: 4, seed: 2 });
      const corners = new Set<string>();
      for (let k = 0; k < 40; k++) {
        const out = (layer.apply(x, { training: true }) as Tensor).dataSync();
        const [top, left] = [Math.floor(out[0]! / 7), out[0]! % 7];
        expect(top + 3 <= 6 && left + 4 <= 7).toBe(true);
        const want = ops.slice(x, [0, top, left, 0], [2, 3, 4, 1]);
        expectClose(out, want.dataSync(), 0);
        corners.add(`${top},${left}`);
      }
      expect(corners.size).toBeGreaterThan(6);
    });
  });
});

describe('image layers: arguments, configs and errors as Keras', () => {
  it('take Keras positional forms and write Keras configs', () => {
    expect(new layers.RandomFlip('horizontal').getConfig()).toMatchObject({ mode: 'horizontal', seed: null, data_format: 'channels_last' });
    expect(new layers.RandomRotation(0.2).getConfig()).toMatchObject({ factor: [-0.2, 0.2], fill_mode: 'reflect', interpolation: 'bilinear', fill_value: 0 });
    expect(new layers.Resizing(64, 32, 'bicubic').getConfig()).toMatchObject({ height: 64, width: 32, interpolation: 'bicubic', antialias: false, crop_to_aspect_ratio: false });
    expect(new layers.RandomZoom(0.2, [-0.1, 0.3]).getConfig()).toMatchObject({ height_factor: 0.2, width_factor: [-0.1, 0.3] });
    expect(new layers.RandomTranslation(0.1, 0.2, 'constant').getConfig()).toMatchObject({ height_factor: 0.1, width_factor: 0.2, fill_mode: 'constant' });
    expect(new layers.RandomContrast(0.1).getConfig()).toMatchObject({ factor: [0, 0.1], value_range: [0, 255], data_format: 'channels_last' });
    expect(new layers.RandomBrightness(0.1, [1, 0]).getConfig()).toMatchObject({ factor: [-0.1, 0.1], value_range: [0, 1] });
    expect(new layers.CenterCrop(4, 3).getConfig()).toMatchObject({ height: 4, width: 3 });
    expect(new layers.RandomCrop({ height: 4, width: 4, seed: 7 }).getConfig()).toMatchObject({ height: 4, width: 4, seed: 7, data_format: 'channels_last' });
    expect(new layers.RandomCrop(4, 4).getConfig().seed).toEqual(expect.any(Number));
  });

  it("raise Keras's errors for bad factors, fill modes and interpolations", () => {
    expect(() => new layers.RandomRotation(1.5)).toThrow('The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. Received: factor=1.5');
    expect(() => new layers.RandomContrast(-0.2)).toThrow('in the range [0, 1]. Received: factor=-0.2');
    expect(() => new layers.RandomBrightness([0.1, 0.2, 0.3] as never)).toThrow('Received: factor=[0.1, 0.2, 0.3]');
    expect(() => new layers.RandomBrightness({ factor: 0.1, valueRange: 5 as never })).toThrow('The `value_range` argument should be a list of two numbers. Received: value_range=5');
    expect(() => new layers.RandomZoom(-1)).toThrow('The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range (-1.0, 1.0]. Received: input_number=-1');
    expect(() => new layers.RandomTranslation(0.1, 1.2)).toThrow('The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: input_number=1.2');
    expect(() => new layers.RandomRotation({ factor: 0.1, fillMode: 'mirror' as never })).toThrow("Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', 'constant', 'nearest').");
    expect(() => new layers.RandomZoom({ heightFactor: 0.1, interpolation: 'bicubic' as never })).toThrow("Unknown `interpolation` bicubic. Expected of one ('nearest', 'bilinear').");
    expect(() => new layers.Resizing(4, 4, 'area' as never)).toThrow("Expected of one ('bilinear', 'nearest', 'lanczos3', 'lanczos5', 'bicubic'). Received: interpolation=area");
    expect(() => new layers.RandomFlip('diagonal' as never)).toThrow("Expected one of ('horizontal', 'vertical', 'horizontal_and_vertical'). Received: mode=diagonal");
    tidy(() => {
      expect(() => new layers.RandomFlip().apply(tensor([[1, 2]]), { training: true })).toThrow('Expected image tensor to have rank 3 (single image) or 4 (batch of images). Received: data.shape=(1, 2)');
      expect(() => new layers.RandomContrast(0.1).apply(tensor([[1, 2]]))).toThrow('Expected the input image to be rank 3 or 4. Received inputs.shape=(1, 2)');
    });
  });

  it('Resizing, CenterCrop and the affine layers pass gradients (finite differences)', () => {
    const x = { values: seededValues(2 * 5 * 6 * 1, 8), shape: [2, 5, 6, 1] };
    // A seeded stream draws the same transformation again only from its start: a new layer per evaluation.
    const makers = [() => new layers.Resizing(3, 8, 'bicubic'), () => new layers.CenterCrop(3, 4), () => new layers.CenterCrop(7, 4),
      () => new layers.RandomRotation({ factor: 0.2, seed: 3 }), () => new layers.RandomZoom({ heightFactor: 0.3, fillMode: 'constant', seed: 3 })];
    for (const makeLayer of makers) gradcheck((t) => makeLayer().apply(t, { training: true }) as Tensor, [x]);
  });
});

describe('image layers in models', () => {
  const augment = () => [new layers.RandomFlip({ seed: 1 }), new layers.RandomRotation({ factor: 0.1, seed: 2 }), new layers.RandomZoom({ heightFactor: 0.1, seed: 3 }),
    new layers.RandomTranslation({ heightFactor: 0.1, widthFactor: 0.1, seed: 4 }), new layers.RandomContrast({ factor: 0.2, valueRange: [0, 1], seed: 5 }),
    new layers.RandomBrightness({ factor: 0.1, valueRange: [0, 1], seed: 6 })];

  it('train in a Sequential model (augmenting only in fit), save and load as .keras with the same predictions', async () => {
    const model = new Sequential([
      Input({ shape: [10, 12, 3] }), new layers.Resizing(8, 8), new layers.CenterCrop(6, 6), ...augment(),
      new layers.RandomCrop({ height: 6, width: 6, seed: 7 }), new layers.Flatten(), new layers.Dense(2),
    ]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = images([8, 10, 12, 3], 4);
    const y = tensor(seededValues(16, 5), [8, 2]);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(history.history.loss!.every(Number.isFinite)).toBe(true);
    const p1 = model.predict(x) as Tensor;
    expectClose(model.predict(x) as Tensor, p1.dataSync(), 0);
    const loaded = await loadModel(await saveModel(model));
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    expectClose(loaded.predict(x) as Tensor, p1.dataSync(), 1e-6);
    for (const t of [x, y, p1]) t.dispose();
  });

  it('build a Functional model on single images in channels_first layout', () => {
    const input = Input({ shape: [3, 9, 9] });
    let h = new layers.Resizing({ height: 7, width: 5, dataFormat: 'channels_first' }).apply(input);
    h = new layers.RandomRotation({ factor: 0.2, dataFormat: 'channels_first', seed: 1 }).apply(h);
    h = new layers.RandomFlip({ dataFormat: 'channels_first', seed: 1 }).apply(h);
    const model = new Model(input, h);
    expect(model.outputs[0]!.shape).toEqual([null, 3, 7, 5]);
    tidy(() => {
      const out = model.apply(images([2, 3, 9, 9]), { training: true }) as Tensor;
      expect(out.shape).toEqual([2, 3, 7, 5]);
    });
  });
});
