/**
 * `ops.image.resize` and `ops.image.affineTransform` against Keras 3.15.1 on JAX
 * (tests/fixtures/image/image_ops.json, from scripts/keras/image_preprocessing_fixtures.py):
 * every interpolation with and without antialiasing, cropping and padding to the aspect ratio,
 * every fill mode, both layouts, single images; outputs and the gradients to the images. Then
 * finite differences, the symbolic shapes and Keras's errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Input, memory, ops, tensor, tidy } from '../../ts/index.js';
import type { AffineTransformOptions, ResizeOptions } from '../../ts/ops/image.js';
import { valueAndGrads } from '../../ts/tensor/gradients.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

interface Values { shape: number[]; values: number[] }
interface Case {
  op: 'resize' | 'affine_transform';
  images: Values;
  transform?: number[] | number[][];
  options: ResizeOptions & { size?: [number, number] };
  output: Values;
  weights: number[];
  grad: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/image/image_ops.json', import.meta.url), 'utf8')) as { cases: Case[] };

function run(c: Case, images: ReturnType<typeof tensor>) {
  if (c.op === 'resize') {
    const { size, ...options } = c.options;
    return ops.image.resize(images, size!, options);
  }
  return ops.image.affineTransform(images, tensor(c.transform!), c.options as AffineTransformOptions);
}

const label = (c: Case) => `${c.op} ${JSON.stringify(c.options)} on ${JSON.stringify(c.images.shape)}`;

describe('image ops match Keras 3.15.1 (JAX)', () => {
  it.each(fixture.cases.map((c) => [label(c), c] as const))('%s', (_name, c) => {
    const before = memory().numTensors;
    tidy(() => {
      const images = tensor(c.images.values, c.images.shape);
      const { grads } = valueAndGrads(() => {
        const out = run(c, images);
        expect(out.shape).toEqual(c.output.shape);
        expectClose(out, c.output.values, 2e-5);
        return ops.sum(ops.multiply(out, tensor(c.weights, c.output.shape)));
      }, [images]);
      expectClose(grads[0]!, c.grad, 2e-5);
    });
    expect(memory().numTensors).toBe(before);
  });
});

describe('image op gradients', () => {
  const images = { values: seededValues(2 * 5 * 4 * 2, 3), shape: [2, 5, 4, 2] };
  it.each(['bilinear', 'nearest', 'bicubic', 'lanczos3', 'lanczos5'] as const)('resize (%s, antialiased) matches finite differences', (interpolation) => {
    gradcheck((x) => ops.image.resize(x, [3, 7], { interpolation, antialias: true }), [images]);
  });
  it.each(['constant', 'nearest', 'wrap', 'mirror', 'reflect'] as const)('affineTransform (bilinear, %s) matches finite differences', (fillMode) => {
    const transform = tensor([[0.9, -0.3, 0.8, 0.3, 0.9, -0.4, 0, 0], [1.1, 0.2, -0.3, -0.1, 0.95, 0.6, 0, 0]]);
    gradcheck((x) => ops.image.affineTransform(x, transform, { fillMode }), [images]);
    transform.dispose();
  });
});

describe('image ops on KerasTensors and bad arguments', () => {
  it('infers shapes symbolically, in either layout, and records Keras op classes', () => {
    expect(ops.image.resize(Input({ shape: [5, 6, 3] }), [2, 4]).shape).toEqual([null, 2, 4, 3]);
    expect(ops.image.resize(Input({ shape: [3, 5, 6] }), [2, 4], { dataFormat: 'channels_first' }).shape).toEqual([null, 3, 2, 4]);
    expect(ops.image.affineTransform(Input({ shape: [5, 6, 3] }), Input({ shape: [8] })).shape).toEqual([null, 5, 6, 3]);
  });

  it("raises Keras's errors: interpolations and fill modes named, ranks checked", () => {
    const x = tensor(seededValues(2 * 4 * 4 * 1), [2, 4, 4, 1]);
    const m = tensor([1, 0, 0, 0, 1, 0, 0, 0]);
    expect(() => ops.image.resize(x, [2, 2], { interpolation: 'area' as never })).toThrow(
      "Invalid value for argument `interpolation`. Expected of one ('bilinear', 'nearest', 'lanczos3', 'lanczos5', 'bicubic'). Received: interpolation=area");
    expect(() => ops.image.affineTransform(x, m, { interpolation: 'bicubic' as never })).toThrow("Expected of one {'nearest', 'bilinear'}. Received: interpolation=bicubic");
    expect(() => ops.image.affineTransform(x, m, { fillMode: 'edge' as never })).toThrow(
      "Invalid value for argument `fill_mode`. Expected of one {'constant', 'nearest', 'wrap', 'mirror', 'reflect'}. Received: fill_mode=edge");
    expect(() => ops.image.resize(tensor([1, 2, 3, 4], [2, 2]), [2, 2])).toThrow('Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received input with shape: images.shape=(2, 2)');
    expect(() => ops.image.resize(x, [2, 2], { cropToAspectRatio: true, padToAspectRatio: true })).toThrow('Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.');
    expect(() => ops.image.affineTransform(x, tensor([[[1]]]))).toThrow('Invalid transform rank: expected rank 1 (single transform) or rank 2 (batch of transforms).');
    x.dispose();
    m.dispose();
  });
});
