/**
 * What Keras's image preprocessing layers share (its `BaseImagePreprocessingLayer`): images of
 * rank 3 (one image) or 4 (a batch) in `channels_last` or `channels_first` layout, a `data_format`
 * in the config, Keras's `factor` ranges, and the random layers' seeded draws. No weights; the
 * random layers transform only in training and pass their input through otherwise.
 */
import { standardizeDataFormat, type DataFormat } from '../../../arguments/data_format.js';
import { Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes } from '../../../engine/layer.js';
import type { SymbolicShape } from '../../../engine/shape.js';
import { spatialAxes } from '../../../ops/image.js';
import * as ops from '../../../ops/index.js';
import { SeedGenerator } from '../../../ops/seed_generator.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { ValueError } from '../../../utils/errors.js';
import { formatShape, pythonRepr } from '../../../utils/python_repr.js';

/** A factor: one number `f` (the range [-f, f], clipped to the layer's bounds) or `[lower, upper]`. */
export type Factor = number | [number, number];

export interface ImageLayerArgs extends LayerArgs {
  /** 'channels_last' (default: images `(batch, height, width, channels)`) or 'channels_first'. */
  dataFormat?: DataFormat | null;
}

export abstract class ImagePreprocessingLayer extends Layer {
  readonly dataFormat: DataFormat;

  constructor(args: ImageLayerArgs) {
    super(args);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.built = true;
  }

  /** Keras's check that the input is one image (rank 3) or a batch (rank 4). */
  protected checkRank(shape: readonly (number | null)[]): void {
    if (shape.length !== 3 && shape.length !== 4) {
      throw new ValueError(`Layer "${this.name}": Expected image tensor to have rank 3 (single image) or 4 (batch of images). Received: data.shape=${formatShape(shape)}`);
    }
  }

  /** The height and width of images of `shape`, after the rank check. */
  protected heightWidth<D extends number | null>(shape: readonly D[]): [D, D] {
    this.checkRank(shape);
    const [h, w] = spatialAxes(shape.length, this.dataFormat);
    return [shape[h]!, shape[w]!];
  }

  /** The number of images in `images` (1 for a single image). */
  protected batchSize(images: Tensor): number {
    this.checkRank(images.shape);
    return images.shape.length === 4 ? images.shape[0]! : 1;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    this.heightWidth(inputShape as SymbolicShape);
    return inputShape;
  }

  /** `shape` with its height and width replaced (after the rank check): the shape of the cropping and resizing layers. */
  protected withSize(shape: SymbolicShape, height: number, width: number): SymbolicShape {
    this.checkRank(shape);
    const out = [...shape];
    const [h, w] = spatialAxes(shape.length, this.dataFormat);
    [out[h], out[w]] = [height, width];
    return out;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }
}

/** A layer that draws a random transformation per call in training, from its `seed`. */
export abstract class RandomImageLayer extends ImagePreprocessingLayer {
  readonly seed: number | null;
  private readonly generator: SeedGenerator;

  constructor(args: ImageLayerArgs & { seed?: number | null }) {
    super(args);
    this.seed = args.seed ?? null;
    this.generator = new SeedGenerator(this.seed);
  }

  /** `count` numbers drawn uniformly from [lower, upper), from the layer's stream. */
  protected uniform(count: number, lower: number, upper: number): number[] {
    const t = ops.randomUniform([count], { minval: lower, maxval: upper, seed: this.generator });
    try {
      return Array.from(t.dataSync());
    } finally {
      t.dispose();
    }
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), seed: this.seed };
  }
}

/**
 * Keras's `_set_factor`: `[lower, upper]` sorted, or `f` as `[max(-|f|, bounds[0]), |f|]`.
 */
export function factorRange(factor: unknown, bounds: [number, number], name = 'factor'): [number, number] {
  const error = (): ValueError => new ValueError(
    `The \`${name}\` argument should be a number (or a list of two numbers) in the range [${bounds[0]}, ${bounds[1]}]. Received: ${name}=${pythonRepr(factor)}`);
  if (Array.isArray(factor)) {
    if (factor.length !== 2 || !factor.every((f) => typeof f === 'number')) throw error();
    const [a, b] = factor as [number, number];
    if (a > bounds[1] || b < bounds[0]) throw error();
    return a <= b ? [a, b] : [b, a];
  }
  if (typeof factor !== 'number' || factor < bounds[0] || factor > bounds[1]) throw error();
  const f = Math.abs(factor);
  return [Math.max(-f, bounds[0]), f];
}

/**
 * RandomZoom's and RandomTranslation's `_set_factor`: `[lower, upper]` sorted or `f` as `[-|f|, |f|]`,
 * each bound checked by `inRange`; `message` starts Keras's error.
 */
export function boundedRange(factor: unknown, name: string, message: string, inRange: (f: number) => boolean): [number, number] {
  const check = (f: unknown): number => {
    if (typeof f !== 'number' || !inRange(f)) throw new ValueError(`${message}Received: input_number=${pythonRepr(f)}`);
    return f;
  };
  if (Array.isArray(factor) && factor.length === 2) {
    const [a, b] = [check(factor[0]), check(factor[1])];
    return a <= b ? [a, b] : [b, a];
  }
  if (typeof factor === 'number') return [-Math.abs(check(factor)), Math.abs(factor)];
  throw new ValueError(`${message}Received: ${name}=${pythonRepr(factor)}`);
}

/** A factor as Keras stores it in the config: a pair as a list, a number as is. */
export function factorConfig(factor: Factor): Factor {
  return Array.isArray(factor) ? [...factor] as [number, number] : factor;
}
