/**
 * Cropping of 1-D inputs `(batch, steps, features)`: entries removed from the start and the end
 * of the steps axis.
 */
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';

import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { standardizeTuple } from '../../arguments/tuples.js';

export interface Cropping1DArgs extends LayerArgs {
  /** Entries removed at each end (int), or `[start, end]`. Default `[1, 1]`. */
  cropping?: number | [number, number];
}

export class Cropping1D extends Layer {
  static override className = 'Cropping1D';
  /** `[start, end]`. */
  readonly cropping: [number, number];

  constructor(args: Cropping1DArgs = {}) {
    super(args);
    this.cropping = standardizeTuple(args.cropping ?? [1, 1], 2, 'cropping', true) as [number, number];
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
