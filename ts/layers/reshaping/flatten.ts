/**
 * Flattens each sample into a vector: `(batch, ...)` → `(batch, product of the rest)`. With
 * `dataFormat: 'channels_first'` the channels axis is moved last first, so that weights stay
 * compatible with a channels-last model.
 */
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature, type SymbolicInputs } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { DType, Tensor } from '../../tensor/tensor.js';

export interface FlattenArgs extends LayerArgs {
  /** Where the channels axis of the inputs is. Default 'channels_last'. */
  dataFormat?: DataFormat | null;
}

export class Flatten extends Layer {
  static override className = 'Flatten';
  static override readonly signature = layerSignature<FlattenArgs>()({ dataFormat: null });
  readonly dataFormat: DataFormat;

  /** `new Flatten()`, `new Flatten('channels_first')`, or `new Flatten({ dataFormat: 'channels_first' })`. */
  constructor(...args: KerasArgs<[dataFormat: DataFormat | null], FlattenArgs>) {
    const a = Flatten.signature.resolve(args, new.target);
    super(a);
    this.dataFormat = standardizeDataFormat(a.dataFormat);
    this.inputSpec = new InputSpec({ minNdim: 1 });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const rank = inputs.shape.length;
    let x = inputs;
    if (this.dataFormat === 'channels_first' && rank > 2) {
      x = ops.transpose(inputs, [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1]);
    }
    const size = inputs.shape.slice(1).reduce((a, b) => a * b, 1);
    return ops.reshape(x, [inputs.shape[0]!, size]);
  }

  /** As Keras: the input's dtype, since the layer only moves values. */
  protected override outputDtype(inputs: SymbolicInputs): DType {
    return (Array.isArray(inputs) ? inputs[0]! : inputs).dtype;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const rest = inputShape.slice(1);
    const flat = rest.includes(null) ? null : (rest as number[]).reduce((a, b) => a * b, 1);
    return [inputShape[0] ?? null, flat];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }
}

registerBuiltIn(Flatten);
