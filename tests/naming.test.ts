import { describe, expect, it } from 'vitest';
import { layers } from '../ts/index.js';
import { toSnakeCase } from '../ts/utils/naming.js';

describe("automatic layer names (Keras's to_snake_case)", () => {
  it.each([
    ['Dense', 'dense'],
    ['Conv2D', 'conv2d'],
    ['Conv2DTranspose', 'conv2d_transpose'],
    ['MaxPooling2D', 'max_pooling2d'],
    ['GlobalAveragePooling1D', 'global_average_pooling1d'],
    ['BatchNormalization', 'batch_normalization'],
    ['PReLU', 'p_re_lu'],
    ['UpSampling3D', 'up_sampling3d'],
  ])('%s → %s', (className, snake) => {
    expect(toSnakeCase(className)).toBe(snake);
  });

  it('names new layers from their class as Keras does', () => {
    expect(new layers.Conv2D({ filters: 1, kernelSize: 1 }).name).toMatch(/^conv2d(_\d+)?$/);
    expect(new layers.MaxPooling2D({}).name).toMatch(/^max_pooling2d(_\d+)?$/);
  });
});
