/** Up-sampling of 1-D inputs `(batch, steps, features)`: each step repeated `size` times. */
import type { KerasArgs } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonTypeName } from '../../utils/python_repr.js';

export interface UpSampling1DArgs extends LayerArgs {
  /** How many times each step is repeated, a positive integer. Default 2. */
  size?: number;
}

export class UpSampling1D extends Layer {
  static override className = 'UpSampling1D';
  static override readonly signature = layerSignature<UpSampling1DArgs>()({ size: 2 });
  readonly size: number;

  /** `new UpSampling1D(3)`, or `new UpSampling1D({ size: 3 })`. */
  constructor(...args: KerasArgs<[size: number], UpSampling1DArgs>) {
    const a = UpSampling1D.signature.resolve(args, new.target);
    super(a);
    const size = a.size;
    if (typeof size !== 'number' || !Number.isInteger(size)) {
      throw new TypeError(`Expected an integer value for \`size\`, got <class '${pythonTypeName(size)}'>.`);
    }
    if (size <= 0) throw new ValueError(`Argument \`size\` should be a positive integer. Received: size=${size}`);
    this.size = size;
    this.inputSpec = new InputSpec({ ndim: 3 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.repeat(inputs, this.size, 1);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const steps = inputShape[1];
    return [inputShape[0] ?? null, steps === null || steps === undefined ? null : steps * this.size, inputShape[2] ?? null];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), size: this.size };
  }
}

registerBuiltIn(UpSampling1D);
