/**
 * Cropping of 1-D inputs `(batch, steps, features)`: entries removed from the start and the end
 * of the steps axis.
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';

export interface Cropping1DArgs extends LayerArgs {
  /** Entries removed at each end (int), or `[start, end]`. Default `[1, 1]`. */
  cropping?: number | [number, number];
}

export class Cropping1D extends Layer {
  static override className = 'Cropping1D';
  static override readonly signature = layerSignature<Cropping1DArgs>()({ cropping: [1, 1] });
  /** `[start, end]`. */
  readonly cropping: [number, number];

  /** `new Cropping1D(2)`, `new Cropping1D([1, 3])`, or `new Cropping1D({ cropping: 2 })`. */
  constructor(...args: KerasArgs<[cropping: number | [number, number]], Cropping1DArgs>) {
    const a = Cropping1D.signature.resolve(args, new.target);
    super(a);
    this.cropping = standardizeTuple(a.cropping, 2, 'cropping', true) as [number, number];
    this.inputSpec = new InputSpec({ ndim: 3 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const [batch, steps, features] = inputs.shape as [number, number, number];
    if (this.cropping[0] + this.cropping[1] >= steps) {
      throw new ValueError(`\`cropping\` parameter of \`Cropping1D\` layer must be smaller than the input length. Received: inputs.shape=${pythonStr(inputs.shape, 'tuple')}, cropping=${pythonStr(this.cropping, 'tuple')}`);
    }
    return ops.slice(inputs, [0, this.cropping[0], 0], [batch, steps - this.cropping[0] - this.cropping[1], features]);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const steps = inputShape[1];
    if (steps === null || steps === undefined) return [inputShape[0] ?? null, null, inputShape[2] ?? null];
    const length = steps - this.cropping[0] - this.cropping[1];
    if (length <= 0) {
      throw new ValueError(`\`cropping\` parameter of \`Cropping1D\` layer must be smaller than the input length. Received: input_shape=${pythonStr(inputShape, 'tuple')}, cropping=${pythonStr(this.cropping, 'tuple')}`);
    }
    return [inputShape[0] ?? null, length, inputShape[2] ?? null];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), cropping: [...this.cropping] };
  }
}

registerBuiltIn(Cropping1D);
