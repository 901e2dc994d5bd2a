/**
 * Crosses two or more categorical features (strings or integers) into `numBins` bins, as Keras's
 * `HashedCrossing` (TensorFlow's `sparse.cross_hashed`): each row's feature hashes — a string's
 * FarmHash `Fingerprint64`, an integer itself — are folded in order with `FingerprintCat64` from
 * a fixed key, modulo `numBins`. Inputs are all of one shape, `[]`, `[batch]` or `[batch, 1]`;
 * the bins keep it (`'int'`) or are one-hot encoded (`'one_hot'`). No weights.
 */
import { numericDtype } from '../../arguments/dtype.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type LayerInputs, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { crossHashed, fingerprints } from '../../ops/hashing.js';
import { tidy } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonStr } from '../../utils/python_repr.js';
import { encodeCategoricalInputs, encodedShape } from './encode_categorical.js';
import { Int64Dtype } from './int64_dtype.js';

export type HashedCrossingOutputMode = 'int' | 'one_hot';

export interface HashedCrossingArgs extends LayerArgs {
  /** The number of bins of the crossed values. Required. */
  numBins?: number;
  /** `'int'` (default): the bin ids; `'one_hot'`: the bins one-hot encoded. */
  outputMode?: HashedCrossingOutputMode;
  /** Keras's sparse output (TensorFlow backend only); kerasm has no sparse tensors, so only false. Default false. */
  sparse?: boolean;
}

export class HashedCrossing extends Layer {
  static override className = 'HashedCrossing';
  static override readonly signature = layerSignature<HashedCrossingArgs>()({ numBins: REQUIRED, outputMode: 'int', sparse: false, name: null, dtype: null });
  readonly numBins: number;
  readonly outputMode: HashedCrossingOutputMode;
  readonly sparse: boolean;
  private readonly int64: Int64Dtype;

  /** `new HashedCrossing(5)`, `new HashedCrossing(5, 'one_hot')`, or `new HashedCrossing({ numBins: 5, outputMode: 'one_hot' })`. */
  constructor(...args: KerasArgs<[numBins: number, outputMode: HashedCrossingOutputMode, sparse: boolean, name: string | null, dtype: HashedCrossingArgs['dtype']], HashedCrossingArgs>) {
    const a = HashedCrossing.signature.resolve(args, new.target);
    const int64 = new Int64Dtype(a.dtype ?? (a.outputMode === 'int' ? 'int64' : null));
    super({ ...a, dtype: int64.computeDtype });
    this.int64 = int64;
    if (a.sparse) throw new ValueError('`sparse=True` can only be used with the TensorFlow backend.');
    if (!['int', 'one_hot'].includes(a.outputMode)) {
      throw new ValueError(`Unknown value for \`output_mode\`. Allowed values are: 'int', 'one_hot'. Received: ${pythonStr(a.outputMode)}`);
    }
    if (!Number.isInteger(a.numBins) || a.numBins < 1) throw new ValueError(`HashedCrossing: \`num_bins\` must be a positive integer. Received: num_bins=${pythonStr(a.numBins)}`);
    this.numBins = a.numBins;
    this.outputMode = a.outputMode;
    this.sparse = a.sparse;
    this.built = true;
  }

  call(inputs: LayerInputs, _args: CallArgs): Tensor {
    const features = checkFeatures(inputs);
    return tidy(() => {
      const shape = features[0]!.shape;
      const hashes = new BigUint64Array(features.length * features[0]!.size);
      features.forEach((f, i) => hashes.set(featureHashes(f), i * f.size));
      const bins = crossHashed(hashes, features.length, shape, this.numBins);
      return encodeCategoricalInputs(bins, { outputMode: this.outputMode, depth: this.numBins, dtype: numericDtype(this.dtype, 'HashedCrossing output') });
    });
  }

  override computeOutputShape(inputShape: ShapeOrShapes): SymbolicShape {
    if (!isShapeList(inputShape) || inputShape.length < 2) throw new ValueError(`Expected as input a list/tuple of 2 tensors. Received input_shape=${formatShape(inputShape as SymbolicShape)}`);
    if (inputShape.some((s) => s[s.length - 1] !== inputShape[0]![inputShape[0]!.length - 1])) {
      throw new ValueError(`Expected the two input tensors to have identical shapes. Received input_shape=(${inputShape.map((s) => formatShape(s)).join(', ')})`);
    }
    return encodedShape(inputShape[0]!, this.outputMode, this.numBins);
  }

  /** Keras's own config: no `trainable`, and the dtype by name. */
  override getConfig(): LayerConfig {
    return { num_bins: this.numBins, output_mode: this.outputMode, sparse: this.sparse, name: this.name, dtype: this.int64.name(this.dtype) };
  }
}

/** The inputs as Keras checks them: two or more tensors of one shape, `[]`, `[batch]` or `[batch, 1]`. */
function checkFeatures(inputs: LayerInputs): Tensor[] {
  if (!Array.isArray(inputs)) throw new ValueError(`\`HashedCrossing\` should be called on a list or tuple of inputs. Received: inputs=${describe(inputs)}`);
  if (inputs.length < 2) throw new ValueError(`\`HashedCrossing\` should be called on at least two inputs. Received: inputs=[${inputs.map(describe).join(', ')}]`);
  const first = inputs[0]!.shape;
  if (first.length > 2 || (first.length === 2 && first[1] !== 1)) {
    throw new ValueError(`All \`HashedCrossing\` inputs should have shape \`()\`, \`(batch_size)\` or \`(batch_size, 1)\`. Received: inputs=[${inputs.map(describe).join(', ')}]`);
  }
  if (inputs.some((x) => formatShape(x.shape) !== formatShape(first))) {
    throw new ValueError(`All \`HashedCrossing\` inputs should have equal shape. Received: inputs=[${inputs.map(describe).join(', ')}]`);
  }
  return inputs;
}

function describe(x: Tensor): string {
  return `<tensor shape=${formatShape(x.shape)} dtype=${x.dtype}>`;
}

/** A feature's hashes as `cross_hashed` takes them: a string's fingerprint, an integer's own 64-bit value. */
function featureHashes(feature: Tensor): BigUint64Array {
  if (feature.dtype === 'string') return fingerprints(feature.stringValues);
  if (feature.dtype !== 'int32') {
    throw new ValueError(`HashedCrossing crosses strings and integers; received a ${feature.dtype} input of shape ${formatShape(feature.shape)}. Cast it to int32 first.`);
  }
  return BigUint64Array.from(feature.dataSync() as Int32Array, (v) => BigInt.asUintN(64, BigInt(v)));
}

registerBuiltIn(HashedCrossing);
