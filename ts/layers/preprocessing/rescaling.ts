/**
 * Rescales every value of its input: `inputs * scale + offset`, in the layer's dtype (integer
 * inputs come out as floats). `scale` and `offset` are numbers, or arrays broadcast against the
 * input's trailing axes (per-channel values of channels-last images, as EfficientNet's ImageNet
 * standard deviations; Keras moves them onto the channels axis when its global image data format is
 * channels_first, a setting kerasm does not have). No weights; masks pass through.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes, layerSignature } from '../../engine/layer.js';
import { configToArgs, registerBuiltIn } from '../../engine/registry.js';
import * as ops from '../../ops/index.js';
import { tensor } from '../../tensor/create.js';
import type { NestedArray, Tensor } from '../../tensor/tensor.js';

/** A number, or nested arrays of numbers broadcast against the inputs. */
export type RescalingValue = number | NestedArray;

export interface RescalingArgs extends LayerArgs {
  /** The factor every input value is multiplied by, e.g. `1 / 255` (a number or an array). */
  scale?: RescalingValue;
  /** What is added after scaling, e.g. `-1` for `[-1, 1]` from `scale: 1 / 127.5` (a number or an array). Default 0. */
  offset?: RescalingValue;
}

export class Rescaling extends Layer {
  static override className = 'Rescaling';
  static override readonly signature = layerSignature<RescalingArgs>()({ scale: REQUIRED, offset: 0.0 });
  readonly scale: RescalingValue;
  readonly offset: RescalingValue;

  /** `new Rescaling(1 / 255)`, `new Rescaling(1 / 127.5, -1)`, or `new Rescaling({ scale: 1 / 127.5, offset: -1 })`. */
  constructor(...args: KerasArgs<[scale: RescalingValue, offset: RescalingValue], RescalingArgs>) {
    const a = Rescaling.signature.resolve(args, new.target);
    super(a);
    this.scale = a.scale;
    this.offset = a.offset;
    this.supportsMasking = true;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const x = inputs.dtype === this.dtype ? inputs : ops.cast(inputs, this.dtype);
    const [scale, offset] = [this.operand(this.scale), this.operand(this.offset)];
    try {
      return ops.add(ops.multiply(x, scale), offset);
    } finally {
      // As `ops` frees the scalars it makes of numbers: a recorded gradient keeps what it needs.
      for (const t of [scale, offset]) if (typeof t !== 'number') t.dispose();
    }
  }

  /** A number as is; an array as a tensor of the layer's dtype. */
  private operand(value: RescalingValue): Tensor | number {
    return typeof value === 'number' ? value : tensor(value, undefined, this.dtype);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), scale: structuredClone(this.scale), offset: structuredClone(this.offset) };
  }

  /** As the generic `fromConfig`, reading a NumPy `scale` or `offset` as its values. */
  static fromConfig(config: LayerConfig): Rescaling {
    return new Rescaling({ ...(configToArgs(config) as RescalingArgs), scale: numpyValue(config.scale), offset: numpyValue(config.offset) });
  }
}

/** Keras serializes a NumPy array as `{class_name: '__numpy__', config: {value, dtype}}`; anything else is kept. */
function numpyValue(value: unknown): RescalingValue | undefined {
  const record = value as { class_name?: unknown; config?: { value?: unknown } } | null;
  if (record !== null && typeof record === 'object' && record.class_name === '__numpy__') return record.config?.value as RescalingValue;
  return value as RescalingValue | undefined;
}

registerBuiltIn(Rescaling);
