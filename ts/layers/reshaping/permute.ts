/**
 * Permutes the dimensions of each sample: `new Permute([2, 1])` swaps the first two axes after
 * the batch axis. `dims` are 1-based and exclude the batch axis, as in Keras.
 */
import { InputSpec } from '../../engine/input_spec.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { ofType } from '../../arguments/received.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature, type SymbolicInputs } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';

export interface PermuteArgs extends LayerArgs {
  /** The permutation of the non-batch axes, numbered from 1: `[2, 1]` swaps the first two. */
  dims?: number[];
}

export class Permute extends Layer {
  static override className = 'Permute';
  static override readonly signature = layerSignature<PermuteArgs>()({ dims: REQUIRED });
  readonly dims: number[];

  /** `new Permute([2, 1])`, or `new Permute({ dims: [2, 1] })`. */
  constructor(...args: KerasArgs<[dims: number[]], PermuteArgs>) {
    const a = Permute.signature.resolve(args, new.target);
    super(a);
    const dims = a.dims;
    const sorted = Array.isArray(dims) ? [...dims].sort((x, y) => x - y) : null;
    if (!sorted || !sorted.every((d, i) => d === i + 1)) {
      throw new ValueError(
        `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${pythonStr(dims, 'tuple')}${ofType(dims)}`,
      );
    }
    this.dims = [...dims];
    this.inputSpec = new InputSpec({ ndim: this.dims.length + 1 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.transpose(inputs, [0, ...this.dims]);
  }

  /** As Keras: the input's dtype, since the layer only moves values. */
  protected override outputDtype(inputs: SymbolicInputs): DType {
    return (Array.isArray(inputs) ? inputs[0]! : inputs).dtype;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, ...this.dims.map((d) => inputShape[d] ?? null)];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), dims: this.dims };
  }
}

registerBuiltIn(Permute);
