/**
 * ConvNeXt's layer scale (Keras's `keras.src.applications.convnext.LayerScale`, after
 * https://arxiv.org/abs/2103.17239): its input multiplied by a trained per-channel vector of
 * `projectionDim` values, each starting at `initValues`. Keras saves it under its own module and
 * class name, which is how a ConvNeXt config finds it here.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Variable } from '../../engine/variable.js';
import * as initializers from '../../initializers/index.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';

export interface LayerScaleArgs extends LayerArgs {
  /** The initial value of every scale (ConvNeXt uses 1e-6). */
  initValues?: number;
  /** The number of channels (the inputs' last dimension). */
  projectionDim?: number;
}

export class LayerScale extends Layer {
  static override className = 'LayerScale';
  static override readonly signature = layerSignature<LayerScaleArgs>()({ initValues: REQUIRED, projectionDim: REQUIRED });
  readonly initValues: number;
  readonly projectionDim: number;
  gamma: Variable | null = null;

  /** `new LayerScale(1e-6, 96)`, or `new LayerScale({ initValues: 1e-6, projectionDim: 96 })`. */
  constructor(...args: KerasArgs<[initValues: number, projectionDim: number], LayerScaleArgs>) {
    const a = LayerScale.signature.resolve(args, new.target);
    super(a);
    this.initValues = a.initValues;
    this.projectionDim = a.projectionDim;
  }

  override build(_inputShape: ShapeOrShapes): void {
    // Keras leaves this weight unnamed, so its variable takes Keras's default name.
    const initializer = new initializers.Constant(this.initValues);
    this.gamma = this.addWeight({ name: 'variable', shape: [this.projectionDim], initializer });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.multiply(inputs, this.gamma!.value);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), init_values: this.initValues, projection_dim: this.projectionDim };
  }
}

registerBuiltIn(LayerScale, 'keras.src.applications.convnext', 'LayerScale');
