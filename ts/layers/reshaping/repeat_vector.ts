/** Repeats the input `n` times: `(batch, features)` → `(batch, n, features)`. */
import { InputSpec } from '../../engine/input_spec.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonTypeName } from '../../utils/python_repr.js';

export interface RepeatVectorArgs extends LayerArgs {
  /** The repetition factor (a positive integer). */
  n?: number;
}

export class RepeatVector extends Layer {
  static override className = 'RepeatVector';
  static override readonly signature = layerSignature<RepeatVectorArgs>()({ n: REQUIRED });
  readonly n: number;

  /** `new RepeatVector(3)`, or `new RepeatVector({ n: 3 })`. */
  constructor(...args: KerasArgs<[n: number], RepeatVectorArgs>) {
    const a = RepeatVector.signature.resolve(args, new.target);
    super(a);
    const n = a.n;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      // Keras raises TypeError here, naming the Python type.
      throw new TypeError(`Expected an integer value for \`n\`, got <class '${pythonTypeName(n)}'>.`);
    }
    if (n <= 0) throw new ValueError(`Argument \`n\` should be a positive integer. Received: n=${n}`);
    this.n = n;
    this.inputSpec = new InputSpec({ ndim: 2 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const [batch, features] = inputs.shape as [number, number];
    const row = ops.reshape(inputs, [batch, 1, features]);
    // n copies joined along the new axis: an exact copy, whose gradient sums the n slices.
    return ops.concatenate(new Array<Tensor>(this.n).fill(row), 1);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, this.n, inputShape[1] ?? null];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), n: this.n };
  }
}

registerBuiltIn(RepeatVector);
