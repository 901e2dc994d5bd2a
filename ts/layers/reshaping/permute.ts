/**
 * Permutes the dimensions of each sample: `new Permute([2, 1])` swaps the first two axes after
 * the batch axis. `dims` are 1-based and exclude the batch axis, as in Keras.
 */
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';

export interface PermuteArgs extends LayerArgs {
  /** The permutation of the non-batch axes, numbered from 1: `[2, 1]` swaps the first two. */
  dims?: number[];
}

export class Permute extends Layer {
  static override className = 'Permute';
  readonly dims: number[];

  /** `new Permute([2, 1])`, or `new Permute({ dims: [2, 1] })`. */
  constructor(dims: number[], args?: PermuteArgs);
  constructor(args: PermuteArgs);
  constructor(first: number[] | PermuteArgs, maybeArgs: PermuteArgs = {}) {
    const args = Array.isArray(first) ? { ...maybeArgs, dims: first } : first;
    super(args);
    const dims = args.dims;
    const sorted = Array.isArray(dims) ? [...dims].sort((a, b) => a - b) : null;
    if (!sorted || !sorted.every((d, i) => d === i + 1)) {
      const shown = Array.isArray(dims) ? `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})` : String(dims);
      throw new ValueError(
        `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${shown}`,
      );
    }
    this.dims = [...dims!];
    this.inputSpec = new InputSpec({ ndim: this.dims.length + 1 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.transpose(inputs, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, ...this.dims.map((d) => inputShape[d] ?? null)];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), dims: this.dims };
  }
}

registerBuiltIn(Permute);
