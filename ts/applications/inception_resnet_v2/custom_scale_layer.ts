/**
 * Inception-ResNet-v2's residual sum (Keras's
 * `keras.src.applications.inception_resnet_v2.CustomScaleLayer`): of the inputs `[x, residual]`,
 * `x + residual * scale`. No weights. Keras saves it under its own module and class name, which is
 * how an InceptionResNetV2 config finds it here.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type LayerInputs, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { elementwiseOpOutputShape } from '../../layers/merging/base_merge.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface CustomScaleLayerArgs extends LayerArgs {
  /** The factor of the residual branch (0.17, 0.1 and 0.2 in Inception-ResNet-v2's blocks). */
  scale?: number;
}

export class CustomScaleLayer extends Layer {
  static override className = 'CustomScaleLayer';
  static override readonly signature = layerSignature<CustomScaleLayerArgs>()({ scale: REQUIRED });
  readonly scale: number;

  /** `new CustomScaleLayer(0.17)`, or `new CustomScaleLayer({ scale: 0.17 })`. */
  constructor(...args: KerasArgs<[scale: number], CustomScaleLayerArgs>) {
    const a = CustomScaleLayer.signature.resolve(args, new.target);
    super(a);
    this.scale = a.scale;
    this.built = true;
  }

  call(inputs: LayerInputs, _args: CallArgs): Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) throw this.notAPair(Array.isArray(inputs) ? inputs.length : 1);
    return ops.add(inputs[0]!, ops.multiply(inputs[1]!, this.scale));
  }

  override computeOutputShape(inputShape: ShapeOrShapes): SymbolicShape {
    if (!isShapeList(inputShape) || inputShape.length !== 2) throw this.notAPair(isShapeList(inputShape) ? inputShape.length : 1);
    return elementwiseOpOutputShape(inputShape[0]!, inputShape[1]!);
  }

  private notAPair(count: number): ValueError {
    return new ValueError(`Layer "${this.name}" (CustomScaleLayer) expects a list of two inputs [x, residual], received ${count} input(s).`);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), scale: this.scale };
  }
}

registerBuiltIn(CustomScaleLayer, 'keras.src.applications.inception_resnet_v2', 'CustomScaleLayer');
