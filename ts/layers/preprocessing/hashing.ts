/**
 * Hashes categorical features (strings or integers) into `numBins` bins, as Keras's `Hashing`:
 * the same bins as Keras for the same values and salt. Without a salt a value's bin is FarmHash
 * `Fingerprint64` of its string modulo the bins (TensorFlow's `to_hash_bucket_fast`); with one,
 * SipHash-2-4 keyed by the salt's two words (`to_hash_bucket_strong`). Integers hash as their
 * decimal strings, floats truncated to integers first. With a `maskValue`, that value goes to bin
 * 0 and the others to bins `1..numBins-1`. The bins can be encoded (`one_hot`, `multi_hot`,
 * `count`) as CategoryEncoding does. No weights.
 */
import { numericDtype, policyName } from '../../arguments/dtype.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { hashToBins } from '../../ops/hashing.js';
import { tidy } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr, pythonStr } from '../../utils/python_repr.js';
import { encodeCategoricalInputs, encodedShape } from './encode_categorical.js';
import { Int64Dtype } from './int64_dtype.js';

export type HashingOutputMode = 'int' | 'one_hot' | 'multi_hot' | 'count';

export interface HashingArgs extends LayerArgs {
  /** The number of bins, the mask bin included if `maskValue` is set. Required. */
  numBins?: number;
  /** The value (a string or an integer) that goes to bin 0, the others hashing into the remaining bins. Default null: no mask. */
  maskValue?: string | number | null;
  /** A salt for a keyed hash: an integer (used for both key words) or two integers. Default null: FarmHash, unkeyed. */
  salt?: number | [number, number] | null;
  /** `'int'` (default): the bin ids; `'one_hot'`, `'multi_hot'`, `'count'`: the bins encoded as CategoryEncoding does. */
  outputMode?: HashingOutputMode;
  /** Keras's sparse output; kerasm has no sparse tensors, so only false. Default false. */
  sparse?: boolean;
}

const OUTPUT_MODES: readonly HashingOutputMode[] = ['int', 'one_hot', 'multi_hot', 'count'];

export class Hashing extends Layer {
  static override className = 'Hashing';
  static override readonly signature = layerSignature<HashingArgs>()({ numBins: REQUIRED, maskValue: null, salt: null, outputMode: 'int', sparse: false });
  readonly numBins: number;
  readonly maskValue: string | number | null;
  /** Keras's `salt`: the two key words, or null. */
  readonly salt: [number, number] | null;
  readonly outputMode: HashingOutputMode;
  readonly sparse: boolean;
  private readonly int64: Int64Dtype;

  /** `new Hashing(3)`, `new Hashing(3, { salt: 133 })`, or `new Hashing({ numBins: 3, maskValue: '', outputMode: 'multi_hot' })`. */
  constructor(...args: KerasArgs<[numBins: number, maskValue: string | number | null, salt: number | [number, number] | null, outputMode: HashingOutputMode, sparse: boolean], HashingArgs>) {
    const a = Hashing.signature.resolve(args, new.target);
    // Keras's default dtype: int64 for bin ids, floatx for encodings. kerasm computes int64 in int32.
    const int64 = new Int64Dtype(a.dtype ?? (a.outputMode === 'int' ? 'int64' : null));
    super({ ...a, dtype: int64.computeDtype });
    this.int64 = int64;
    if (a.numBins === null || !(a.numBins > 0)) {
      throw new ValueError(`The \`num_bins\` for \`Hashing\` cannot be \`None\` or non-positive values. Received: num_bins=${pythonStr(a.numBins)}.`);
    }
    if (a.outputMode === 'int' && !['int32', 'int64'].includes(String(policyName(a.dtype ?? 'int64')))) {
      throw new ValueError(`When \`output_mode="int"\`, \`dtype\` should be an integer type, 'int32' or 'in64'. Received: dtype=${pythonStr(policyName(a.dtype))}`);
    }
    if (!OUTPUT_MODES.includes(a.outputMode)) {
      throw new ValueError(`Invalid value for argument \`output_mode\`. Expected one of ('int', 'one_hot', 'multi_hot', 'count'). Received: output_mode=${pythonStr(a.outputMode)}`);
    }
    if (a.sparse && a.outputMode === 'int') {
      throw new ValueError(`\`sparse\` may only be true if \`output_mode\` is \`"one_hot"\`, \`"multi_hot"\`, or \`"count"\`. Received: sparse=True and output_mode=${a.outputMode}`);
    }
    if (a.sparse) throw new ValueError('Hashing: sparse=True is not supported: kerasm has no sparse tensors. Received: sparse=True');
    this.numBins = a.numBins;
    this.maskValue = a.maskValue;
    this.salt = saltWords(a.salt);
    this.outputMode = a.outputMode;
    this.sparse = a.sparse;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return tidy(() => {
      const bins = this.hashValues(valuesAsStrings(inputs), inputs, this.idsShape(inputs.shape) as number[]);
      return encodeCategoricalInputs(bins, { outputMode: this.outputMode, depth: this.numBins, dtype: numericDtype(this.dtype, 'Hashing output') });
    });
  }

  /** The bins of `values` (the inputs as strings), in `shape`, with the mask value in bin 0 if there is one. */
  private hashValues(values: readonly string[], inputs: Tensor, shape: number[]): Tensor {
    const key = this.salt === null ? null : ([BigInt(this.salt[0]), BigInt(this.salt[1])] as const);
    if (this.maskValue === null || this.numBins === 1) return hashToBins(values, shape, this.numBins, key);
    return hashToBins(values, shape, this.numBins, key, maskedOut(inputs, this.maskValue));
  }

  /** The shape of the bin ids: the inputs', without a last axis of size 1 in one_hot mode (as Keras squeezes it). */
  private idsShape(inputShape: SymbolicShape): SymbolicShape {
    return this.outputMode === 'one_hot' && inputShape[inputShape.length - 1] === 1 ? inputShape.slice(0, -1) : inputShape;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return encodedShape(this.idsShape(inputShape), this.outputMode, this.numBins);
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(), dtype: this.int64.config(this.dtype),
      num_bins: this.numBins, salt: this.salt, mask_value: this.maskValue, output_mode: this.outputMode, sparse: this.sparse,
    };
  }
}

/** Keras's `salt` as two key words: an integer doubled, two integers kept. */
function saltWords(salt: number | [number, number] | null): [number, number] | null {
  if (salt === null) return null;
  const isInteger = (v: unknown) => Number.isSafeInteger(v);
  if (Array.isArray(salt) && salt.length === 2 && salt.every(isInteger)) return [salt[0], salt[1]];
  if (isInteger(salt)) return [salt as number, salt as number];
  throw new ValueError(`The \`salt\` argument for \`Hashing\` can only be a tuple of size 2 integers, or a single integer. Received: salt=${pythonRepr(salt)}.`);
}

/** The inputs' values as TensorFlow hashes them: strings as they are, numbers as decimal integers (floats truncated, as a cast to int64). */
function valuesAsStrings(inputs: Tensor): readonly string[] {
  if (inputs.dtype === 'string') return inputs.stringValues;
  return Array.from(inputs.dataSync(), (v) => String(Math.trunc(v)));
}

/** Which input values equal the mask value (compared as Keras's `tf.equal`: strings with strings, numbers with numbers). */
function maskedOut(inputs: Tensor, maskValue: string | number): Uint8Array {
  const values: ArrayLike<string | number> = inputs.dtype === 'string' ? inputs.stringValues : inputs.dataSync();
  return Uint8Array.from(values, (v) => (v === maskValue ? 1 : 0));
}

registerBuiltIn(Hashing);
