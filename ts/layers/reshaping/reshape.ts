/**
 * Reshapes each sample to `targetShape` (the batch dimension is kept). One entry may be -1:
 * its size is inferred from the others.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature, type SymbolicInputs } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonRepr } from '../../utils/python_repr.js';

export interface ReshapeArgs extends LayerArgs {
  /** The shape of one output sample, without the batch dimension; at most one entry is -1. */
  targetShape?: number[];
}

export class Reshape extends Layer {
  static override className = 'Reshape';
  static override readonly signature = layerSignature<ReshapeArgs>()({ targetShape: REQUIRED });
  readonly targetShape: number[];

  /** `new Reshape([3, 4])`, or `new Reshape({ targetShape: [3, 4] })`. */
  constructor(...args: KerasArgs<[targetShape: number[]], ReshapeArgs>) {
    const a = Reshape.signature.resolve(args, new.target);
    super(a);
    const target = a.targetShape;
    if (!Array.isArray(target) || !target.every((d) => Number.isInteger(d))) {
      throw new ValueError(`Reshape: \`target_shape\` must be an array of integers. Received: target_shape=${pythonRepr(target)}`);
    }
    if (target.some((d) => d < -1)) {
      throw new ValueError(`Each dimension in \`target_shape\` must be a non-negative integer, or \`-1\` for a single unknown dimension. Received: target_shape=${formatShape(target)}.`);
    }
    if (target.filter((d) => d === -1).length > 1) {
      throw new ValueError(`There must be at most one unknown dimension (-1) in \`target_shape\`. Received: target_shape=${formatShape(target)}.`);
    }
    this.targetShape = [...target];
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const resolved = resolveTargetShape(inputs.shape.slice(1), this.targetShape);
    return ops.reshape(inputs, [inputs.shape[0]!, ...resolved.map((d) => d ?? -1)]);
  }

  /** As Keras: the input's dtype, since the layer only moves values. */
  protected override outputDtype(inputs: SymbolicInputs): DType {
    return (Array.isArray(inputs) ? inputs[0]! : inputs).dtype;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, ...resolveTargetShape(inputShape.slice(1), this.targetShape)];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), target_shape: this.targetShape };
  }
}

/** Keras's `compute_reshape_output_shape`: -1 resolved when the input size is known, else null. */
function resolveTargetShape(inputShape: SymbolicShape, target: number[]): SymbolicShape {
  if (inputShape.includes(null)) return target.map((d) => (d === -1 ? null : d));
  const inputSize = (inputShape as number[]).reduce((a, b) => a * b, 1);
  const unknown = target.indexOf(-1);
  if (unknown < 0) {
    if (inputSize !== target.reduce((a, b) => a * b, 1)) {
      throw new ValueError(`The total size of the tensor must be unchanged. Received: input_shape=${formatShape(inputShape)}, target_shape=${formatShape(target)}`);
    }
    return [...target];
  }
  const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
  if (known === 0 || inputSize % known !== 0) {
    throw new ValueError(
      `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: input_shape=${formatShape(inputShape)}, target_shape=${formatShape(target)}`,
    );
  }
  return target.map((d) => (d === -1 ? inputSize / known : d));
}

registerBuiltIn(Reshape);
