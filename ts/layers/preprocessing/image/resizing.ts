/**
 * Resizing: resizes images to `height` × `width` with `ops.image.resize` (Keras's JAX
 * interpolations, optional antialiasing), after cropping (`cropToAspectRatio`) or padding
 * (`padToAspectRatio`, with `fillValue`) to the target's aspect ratio when asked. In training and
 * inference alike; differentiable.
 */
import { type KerasArgs, REQUIRED } from '../../../arguments/signature.js';
import { type LayerConfig, type ShapeOrShapes, layerSignature } from '../../../engine/layer.js';
import { registerBuiltIn } from '../../../engine/registry.js';
import type { SymbolicShape } from '../../../engine/shape.js';
import { RESIZE_INTERPOLATIONS, type ResizeInterpolation, checkInterpolation } from '../../../ops/image.js';
import * as ops from '../../../ops/index.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { type ImageLayerArgs, ImagePreprocessingLayer } from './image_layer.js';

export interface ResizingArgs extends ImageLayerArgs {
  /** The output's height. */
  height?: number;
  /** The output's width. */
  width?: number;
  /** One of 'bilinear' (default), 'nearest', 'bicubic', 'lanczos3', 'lanczos5'. */
  interpolation?: ResizeInterpolation;
  /** Cut the largest centred window of the target's aspect ratio first. Default false. */
  cropToAspectRatio?: boolean;
  /** Pad the short side evenly to the target's aspect ratio first. Default false. */
  padToAspectRatio?: boolean;
  /** How padding is filled: only 'constant'. */
  fillMode?: 'constant';
  /** The padding's value. Default 0. */
  fillValue?: number;
  /** Widen the kernel when downscaling. Default false. */
  antialias?: boolean;
}

export class Resizing extends ImagePreprocessingLayer {
  static override className = 'Resizing';
  static override readonly signature = layerSignature<ResizingArgs>()({
    height: REQUIRED, width: REQUIRED, interpolation: 'bilinear', cropToAspectRatio: false, padToAspectRatio: false,
    fillMode: 'constant', fillValue: 0.0, antialias: false, dataFormat: null,
  });
  readonly height: number;
  readonly width: number;
  readonly interpolation: ResizeInterpolation;
  readonly cropToAspectRatio: boolean;
  readonly padToAspectRatio: boolean;
  readonly fillMode: 'constant';
  readonly fillValue: number;
  readonly antialias: boolean;

  /** `new Resizing(224, 224)`, or `new Resizing({ height: 64, width: 64, interpolation: 'bicubic' })`. */
  constructor(...args: KerasArgs<[height: number, width: number, interpolation: ResizeInterpolation], ResizingArgs>) {
    const a = Resizing.signature.resolve(args, new.target);
    super(a);
    this.height = a.height;
    this.width = a.width;
    this.interpolation = checkInterpolation(a.interpolation, RESIZE_INTERPOLATIONS, false);
    this.cropToAspectRatio = a.cropToAspectRatio;
    this.padToAspectRatio = a.padToAspectRatio;
    this.fillMode = a.fillMode;
    this.fillValue = a.fillValue;
    this.antialias = Boolean(a.antialias);
  }

  call(inputs: Tensor): Tensor {
    this.checkRank(inputs.shape);
    return ops.image.resize(inputs, [this.height, this.width], {
      interpolation: this.interpolation, antialias: this.antialias, cropToAspectRatio: this.cropToAspectRatio,
      padToAspectRatio: this.padToAspectRatio, fillMode: this.fillMode, fillValue: this.fillValue, dataFormat: this.dataFormat,
    });
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return this.withSize(inputShape as SymbolicShape, this.height, this.width);
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(), height: this.height, width: this.width, interpolation: this.interpolation,
      crop_to_aspect_ratio: this.cropToAspectRatio, pad_to_aspect_ratio: this.padToAspectRatio,
      fill_mode: this.fillMode, fill_value: this.fillValue, antialias: this.antialias,
    };
  }
}

registerBuiltIn(Resizing);
