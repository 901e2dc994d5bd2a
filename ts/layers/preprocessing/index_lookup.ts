/**
 * The base of StringLookup and IntegerLookup, as Keras's `IndexLookup`: maps tokens to indices
 * in a vocabulary (or back, with `invert`). The indices are laid out as Keras's: the mask token
 * at 0 (in `int` mode, when there is one), then `numOovIndices` out-of-vocabulary indices, then
 * the vocabulary's tokens. Other output modes encode the indices (`one_hot`, `multi_hot`,
 * `count`, `tf_idf`) over `vocabularySize()` classes (or `maxTokens` with `padToMaxTokens`). The
 * vocabulary is given (an array, a tensor, or in Node a file of one token per line) or learned by
 * `adapt()`; a `.keras` archive keeps a learned one as the layer's `vocabulary.txt` asset.
 */
import type { LayerArgs, LayerConfig, ShapeOrShapes } from '../../engine/layer.js';
import { Layer, classNameOf } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { AssetDirectory, LayerWithAssets, LayerWithOwnValues } from '../../engine/layer_saved_state.js';
import { tensor } from '../../tensor/create.js';
import { type DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr, pythonStr } from '../../utils/python_repr.js';
import { hashToBins } from '../../ops/hashing.js';
import { visitBatches } from './adapt_stream.js';
import { encodeCategoricalInputs } from './encode_categorical.js';
import { type LookupOutputMode, checkArguments, checkModes, standardOutputMode, standardSalt } from './lookup_arguments.js';
import { type LookupOptions, LookupVocabulary, parseVocabularyFile, readVocabularyFile, vocabularyFileBytes } from './lookup_vocabulary.js';
import { type TokenBatch, type TokenData, type TokenReader, batchRows, isWholeData, wholeDataRows } from './token_batches.js';
import { type Token, TokenCounts } from './token_counts.js';

export type { LookupOutputMode };

/** A vocabulary: its tokens, a 1-D tensor of them, or (Node) the path of a file holding one token per line. */
export type VocabularySource<T extends Token> = T[] | Tensor | string;
/** Inverse document frequencies, one per vocabulary token. */
export type IdfWeights = number[] | Float32Array | Tensor;

export interface IndexLookupArgs<T extends Token> extends LayerArgs {
  /** The largest vocabulary, mask and OOV indices included (more than 1); null: no limit. Default null. */
  maxTokens?: number | null;
  /** How many indices out-of-vocabulary tokens share (0: such tokens are an error; more than 1: spread over them). Default 1. */
  numOovIndices?: number;
  /** The token that stands for masked inputs: index 0 in `int` mode, dropped in the others; null: none. Default null. */
  maskToken?: T | null;
  /** The token `invert` returns for an OOV index. */
  oovToken?: T | null;
  /** The vocabulary, instead of `adapt()`: tokens, a tensor of them, or (Node) a file path. Default null. */
  vocabulary?: VocabularySource<T> | null;
  /** For `tf_idf` with a given `vocabulary`: the inverse document frequency of each token. Default null. */
  idfWeights?: IdfWeights | null;
  /** Map indices back to tokens (only in `int` mode). Default false. */
  invert?: boolean;
  /** `'int'`, `'one_hot'`, `'multi_hot'`, `'count'` or `'tf_idf'`. Default `'int'`. */
  outputMode?: LookupOutputMode | 'binary' | 'tf-idf';
  /** Pad the encoded outputs (`multi_hot`, `count`, `tf_idf`) to `maxTokens` classes. Default false. */
  padToMaxTokens?: boolean;
  /** Keras's sparse outputs; kerasm has no sparse tensors, so only false is taken. */
  sparse?: boolean;
  /** How OOV integers are spread over several OOV indices: `'floormod'` (`token % numOovIndices`) or `'farmhash'` (hashing their decimal text, as strings always are). Default `'floormod'`. */
  oovMethod?: 'floormod' | 'farmhash';
  /** With several OOV indices, the key of a salted hash (SipHash-2-4) spreading OOV strings (and integers with `'farmhash'`): one integer or two. Default null: FarmHash64. */
  salt?: number | [number, number] | null;
  /** The vocabulary size recorded in a saved config (Keras's hidden `vocabulary_size`). */
  vocabularySize?: number | null;
}

/** The keyword-only arguments of a subclass (StringLookup takes `oovMethod` only as a keyword, as Keras's `**kwargs`). */
type LookupKeywords = 'vocabularySize' | 'oovMethod';
/** The arguments once a subclass's signature resolved them (keywords with their defaults too). */
export type ResolvedLookupArgs<T extends Token> = Required<Omit<IndexLookupArgs<T>, keyof LayerArgs | LookupKeywords>> & Pick<IndexLookupArgs<T>, LookupKeywords> & LayerArgs;

export abstract class IndexLookup<T extends Token> extends Layer implements LayerWithAssets, LayerWithOwnValues, TokenReader<T> {
  readonly maxTokens: number | null;
  readonly numOovIndices: number;
  readonly maskToken: T | null;
  readonly oovToken: T | null;
  readonly invert: boolean;
  readonly outputMode: LookupOutputMode;
  readonly padToMaxTokens: boolean;
  readonly sparse: boolean;
  readonly oovMethod: 'floormod' | 'farmhash';
  /** The salt as Keras keeps it: two integers, or null. */
  readonly salt: [number, number] | null;
  /** The vocabulary given as tokens (kept for the config), or null when adapted or read from a file. */
  readonly inputVocabulary: T[] | null;
  readonly inputIdfWeights: number[] | null;
  /** Whether the layer was built with a vocabulary, which `adapt()` may then not replace. */
  private readonly hasInputVocabulary: boolean;
  private vocabulary: LookupVocabulary<T>;
  /** The vocabulary size fixed for the encoded output modes, once a vocabulary is set. */
  private frozenVocabularySize: number | null;
  /** The `tf_idf` weights, one per output class. */
  idfWeights: Float32Array | null = null;

  protected constructor(a: ResolvedLookupArgs<T>, readonly vocabularyDtype: 'string' | 'int64') {
    super(a);
    checkArguments(a, classNameOf(this));
    this.maxTokens = a.maxTokens;
    this.numOovIndices = a.numOovIndices;
    this.maskToken = a.maskToken;
    this.oovToken = a.oovToken;
    this.invert = a.invert;
    this.outputMode = standardOutputMode(a.outputMode, classNameOf(this));
    this.padToMaxTokens = a.padToMaxTokens;
    this.sparse = a.sparse;
    // Both subclasses' signatures default it (StringLookup's as a keyword).
    this.oovMethod = a.oovMethod!;
    this.salt = standardSalt(a.salt, vocabularyDtype, this.oovMethod);
    this.frozenVocabularySize = a.vocabularySize ?? null;
    this.vocabulary = new LookupVocabulary<T>([], this.oovStart(), this.numOovIndices);
    checkModes(this);
    this.hasInputVocabulary = a.vocabulary !== null;
    this.inputVocabulary = a.vocabulary === null || typeof a.vocabulary === 'string' ? null : this.tokenList(a.vocabulary);
    this.inputIdfWeights = a.idfWeights === null ? null : numberList(a.idfWeights);
    if (this.inputIdfWeights !== null && this.outputMode !== 'tf_idf') {
      throw new ValueError(`\`idf_weights\` should only be set if \`output_mode\` is \`'tf_idf'\`. Received: idf_weights=${pythonStr(this.inputIdfWeights)} and output_mode=${this.outputMode}`);
    }
    if (this.outputMode === 'tf_idf' && this.hasInputVocabulary && a.idfWeights === null) {
      throw new ValueError('When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.');
    }
    if (a.vocabulary !== null) this.setVocabulary(a.vocabulary, a.idfWeights);
    this.built = true;
  }

  /** A token of this layer's kind out of a value of nested arrays, or a ValueError. */
  abstract tokenOf(value: unknown): T;
  /** The tokens a tensor holds, or a ValueError when it holds the wrong kind. */
  abstract tokensOf(x: Tensor): T[];
  /** A tensor of tokens (the output of `invert`). */
  protected abstract tokenTensor(tokens: T[], shape: number[]): Tensor;
  /** The dtype of a tensor of tokens. */
  protected abstract get tokenDtype(): DType;

  /** Index 0 is the mask's only in `int` mode. */
  private oovStart(): number {
    return this.maskToken !== null && this.outputMode === 'int' ? 1 : 0;
  }

  private tokenList(values: T[] | Tensor): T[] {
    return values instanceof Tensor ? this.tokensOf(values) : values.map((v) => this.tokenOf(v));
  }

  /** The vocabulary, by default with the mask and OOV tokens first so that a token's position is its index. */
  getVocabulary(includeSpecialTokens = true): T[] {
    const special = this.vocabulary.tokenStart;
    const all = [...(this.oovStart() === 1 ? [this.maskToken!] : []), ...Array<T>(this.numOovIndices).fill(this.oovToken as T), ...this.vocabulary.tokens];
    return includeSpecialTokens ? all : all.slice(special);
  }

  /** The number of indices: the vocabulary's tokens with the mask and OOV indices. */
  vocabularySize(): number {
    return this.vocabulary.size;
  }

  /**
   * Replaces the vocabulary (and, in `tf_idf` mode, the inverse document frequencies) with
   * given ones: tokens, with or without the mask and OOV tokens first, a tensor of them, or (in
   * Node) a file of one token per line.
   */
  setVocabulary(vocabulary: VocabularySource<T>, idfWeights: IdfWeights | null = null): void {
    if (this.outputMode === 'tf_idf' && idfWeights === null) throw new ValueError("`idf_weights` must be set if output_mode is 'tf_idf'.");
    if (this.outputMode !== 'tf_idf' && idfWeights !== null) {
      throw new ValueError(`\`idf_weights\` should only be set if output_mode is \`'tf_idf'\`. Received: output_mode=${this.outputMode} and idf_weights=${pythonStr(numberList(idfWeights))}`);
    }
    if (typeof vocabulary === 'string') {
      if (this.outputMode === 'tf_idf') throw new ValueError("output_mode `'tf_idf'` does not support loading a vocabulary from file.");
      this.useVocabulary(readVocabularyFile(vocabulary).map((line) => this.tokenOf(line)));
      return;
    }
    const tokens = this.tokenList(vocabulary);
    if (tokens.length === 0) throw new ValueError('Cannot set an empty vocabulary. Received: vocabulary=[]');
    const specials = this.getVocabulary(true).slice(0, this.vocabulary.tokenStart);
    const withSpecials = specials.length > 0 && specials.every((s, i) => tokens[i] === s);
    const own = withSpecials ? tokens.slice(specials.length) : tokens;
    this.checkTokens(own, tokens, specials);
    this.useVocabulary(own);
    if (idfWeights !== null) this.idfWeights = this.paddedIdfWeights(numberList(idfWeights), tokens.length, withSpecials);
  }

  /** Keras's checks of a given vocabulary: no repeated token, no mask token, and (inverting) no OOV token among the tokens; not too many. */
  private checkTokens(own: T[], given: T[], specials: T[]): void {
    const seen = new Set<T>();
    const repeated = [...new Set(own.filter((t) => seen.has(t) || !seen.add(t)))];
    if (repeated.length > 0) {
      throw new ValueError(`The passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated terms are: ${pythonRepr(repeated)}`);
    }
    const reserved = (what: string, token: T) =>
      new ValueError(
        'Found reserved ' + what + ' token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not need to include the OOV and mask tokens. ' +
          `Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: ${pythonRepr(specials)}. ` +
          `Received: ${what === 'mask' ? 'mask_token' : 'oov_token'}=${pythonStr(token)} at vocabulary index [${given.lastIndexOf(token)}]`,
      );
    if (this.maskToken !== null && own.includes(this.maskToken)) throw reserved('mask', this.maskToken);
    if (this.oovToken !== null && this.invert && own.includes(this.oovToken)) throw reserved('OOV', this.oovToken);
    const size = this.vocabulary.tokenStart + own.length;
    if (this.maxTokens !== null && size > this.maxTokens) {
      throw new ValueError(`Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is ${size}; \`max_tokens\` is ${this.maxTokens}.`);
    }
  }

  /** Keras pads given weights: the mean in front for the special indices (unless given with them), zeros behind up to `maxTokens` with `padToMaxTokens`. */
  private paddedIdfWeights(weights: number[], vocabularyLength: number, withSpecials: boolean): Float32Array {
    if (weights.length !== vocabularyLength) {
      throw new ValueError(`\`idf_weights\` must be the same length as vocabulary. len(idf_weights) is ${weights.length}; len(vocabulary) is ${vocabularyLength}`);
    }
    const front = withSpecials ? 0 : this.vocabulary.tokenStart;
    const mean = weights.reduce((s, w) => s + w, 0) / weights.length;
    const length = this.padToMaxTokens && this.maxTokens !== null ? this.maxTokens : front + weights.length;
    const padded = new Float32Array(length);
    padded.fill(mean, 0, front);
    padded.set(weights, front);
    return padded;
  }

  /** Sets the tokens after the special indices and records the vocabulary size, which the encoded modes may not change. */
  private useVocabulary(tokens: T[]): void {
    const next = new LookupVocabulary(tokens, this.oovStart(), this.numOovIndices);
    if (this.outputMode !== 'int' && !this.padToMaxTokens && this.frozenVocabularySize !== null && next.size !== this.frozenVocabularySize) {
      throw new ValueError(
        `When using \`output_mode=${this.outputMode}\` and \`pad_to_max_tokens=False\`, the vocabulary size cannot be changed after the layer is called. Old vocab size is ${this.frozenVocabularySize}, new vocab size is ${next.size}`,
      );
    }
    this.vocabulary = next;
    this.frozenVocabularySize = next.size;
  }

  /**
   * Learns the vocabulary from `data` in one pass, Keras's way: every token counted (the mask
   * and OOV tokens aside), the most frequent first, ties broken by the greater token first, at
   * most `maxTokens` with the special indices; in `tf_idf` mode the inverse document frequency of
   * each (a row being a document). `data`: a tensor or nested arrays (all at once), or a sync or
   * async iterable of batches; `steps` limits how many batches are read.
   */
  adapt(data: AsyncIterable<TokenBatch<T>>, steps?: number | null): Promise<void>;
  adapt(data: TokenBatch<T> | Iterable<TokenBatch<T>>, steps?: number | null): void;
  adapt(data: TokenData<T>, steps: number | null = null): void | Promise<void> {
    if (this.hasInputVocabulary) {
      throw new ValueError(`Cannot adapt layer '${this.name}' after setting a static vocabulary via \`vocabulary\` argument or \`set_vocabulary()\` method.`);
    }
    const counts = new TokenCounts<T>();
    const documents = this.outputMode === 'tf_idf';
    if (!isWholeData(data)) return visitBatches(data, steps, (batch) => counts.add(batchRows(batch, this), documents), () => this.finishAdapt(counts));
    counts.add(wholeDataRows(data, this), documents);
    this.finishAdapt(counts);
  }

  /** Keras's `finalize_state`; an empty dataset is refused (Keras would keep an empty vocabulary). */
  private finishAdapt(counts: TokenCounts<T>): void {
    if (counts.empty) throw new ValueError(`adapt() of layer '${this.name}' received an empty dataset: there are no tokens to learn a vocabulary from.`);
    const limit = this.maxTokens === null ? null : this.maxTokens - this.vocabulary.tokenStart;
    const tokens = counts.vocabulary([this.maskToken, this.oovToken], limit);
    this.useVocabulary(tokens);
    if (this.outputMode !== 'tf_idf') return;
    const idf = Float32Array.from(counts.inverseDocumentFrequencies(tokens));
    this.idfWeights = this.paddedIdfWeights(Array.from(idf), tokens.length, false);
  }

  call(inputs: Tensor): Tensor {
    if (this.outputMode !== 'int' && !this.padToMaxTokens && this.frozenVocabularySize === null) {
      throw new ValueError(
        `When using \`output_mode=${this.outputMode}\` and \`pad_to_max_tokens=False\`, you must set the layer's vocabulary before calling it. Either pass a \`vocabulary\` argument to the layer, or call \`adapt\` with some sample data.`,
      );
    }
    if (this.invert) return this.tokenTensor(this.vocabulary.tokensAt(indicesOf(inputs, this.name), this.maskToken, this.oovToken as T), [...inputs.shape]);
    const indices = this.vocabulary.indicesOf(this.tokensOf(inputs), this.lookupOptions());
    const ids = tensor(indices, [...inputs.shape], 'int32');
    if (this.outputMode === 'int') return ids;
    const idf = this.idfWeights === null ? null : tensor(this.idfWeights, [this.idfWeights.length]);
    try {
      return encodeCategoricalInputs(ids, { outputMode: this.outputMode, depth: this.depth(), idfWeights: idf });
    } finally {
      ids.dispose();
      idf?.dispose();
    }
  }

  private lookupOptions(): LookupOptions<T> {
    return { maskToken: this.maskToken, maskIndex: this.outputMode === 'int' ? 0 : -1, oovBuckets: (tokens) => this.oovBuckets(tokens), layer: this.name };
  }

  /**
   * Which of several OOV indices each OOV token takes, as Keras: integers by floormod, or else
   * (strings, and integers with `oovMethod: 'farmhash'` as their decimal text) by FarmHash64
   * Fingerprint64, or by SipHash-2-4 keyed by the `salt` when there is one.
   */
  private oovBuckets(tokens: T[]): ArrayLike<number> {
    const n = this.numOovIndices;
    if (this.vocabularyDtype === 'int64' && this.oovMethod === 'floormod') return tokens.map((t) => (((t as number) % n) + n) % n);
    const key = this.salt === null ? null : ([BigInt(this.salt[0]), BigInt(this.salt[1])] as const);
    const bins = hashToBins(tokens.map(String), [tokens.length], n, key);
    try {
      return bins.dataSync();
    } finally {
      bins.dispose();
    }
  }

  /** The number of output classes of the encoded modes. */
  private depth(): number {
    return this.padToMaxTokens ? this.maxTokens! : this.frozenVocabularySize!;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const shape = inputShape as SymbolicShape;
    if (this.outputMode === 'int') return shape;
    const depth = this.padToMaxTokens ? this.maxTokens : this.frozenVocabularySize;
    if (this.outputMode === 'one_hot') return shape.length > 1 && shape[shape.length - 1] === 1 ? [...shape.slice(0, -1), depth] : [...shape, depth];
    return [...shape.slice(0, -1), depth];
  }

  protected override outputDtype(): DType {
    if (this.outputMode !== 'int') return 'float32';
    return this.invert ? this.tokenDtype : 'int32';
  }

  /** Keras's `save_own_variables`: the `tf_idf` weights as `idf_weights` in the layer's group of the weights file. */
  savedValues(): Map<string, Float32Array> {
    return new Map(this.outputMode === 'tf_idf' && this.idfWeights !== null ? [['idf_weights', this.idfWeights]] : []);
  }

  /** Keras's `load_own_variables`: the `tf_idf` weights back (before the vocabulary asset, which needs them). */
  loadValues(values: Map<string, Float32Array>): void {
    if (this.outputMode !== 'tf_idf') return;
    const idf = values.get('idf_weights');
    if (idf === undefined) throw new ValueError(`Layer '${this.name}': the weights file holds no idf_weights for output_mode='tf_idf'.`);
    this.idfWeights = idf;
  }

  /** Keras's `save_assets`: the learned vocabulary, special tokens first, as `vocabulary.txt` (none when given as tokens, which the config holds). */
  saveAssets(dir: AssetDirectory): void {
    if (this.inputVocabulary === null) dir.set('vocabulary.txt', vocabularyFileBytes(this.getVocabulary(true)));
  }

  /** Keras's `load_assets`: the vocabulary of `vocabulary.txt` (with the `tf_idf` weights already loaded). */
  loadAssets(dir: AssetDirectory): void {
    if (this.inputVocabulary !== null) return;
    const bytes = dir.get('vocabulary.txt');
    if (bytes === undefined) throw new ValueError(`Layer '${this.name}': the archive has no vocabulary.txt among its assets.`);
    const idf = this.outputMode === 'tf_idf' ? this.idfWeights : null;
    this.setVocabulary(parseVocabularyFile(bytes).map((line) => this.tokenOf(line)), idf);
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      invert: this.invert,
      max_tokens: this.maxTokens,
      num_oov_indices: this.numOovIndices,
      oov_token: this.oovToken,
      mask_token: this.maskToken,
      output_mode: this.outputMode,
      sparse: this.sparse,
      pad_to_max_tokens: this.padToMaxTokens,
      vocabulary_dtype: this.vocabularyDtype,
      idf_weights: this.inputIdfWeights === null ? null : [...this.inputIdfWeights],
      vocabulary: this.inputVocabulary === null ? null : [...this.inputVocabulary],
      vocabulary_size: this.frozenVocabularySize,
      oov_method: this.oovMethod,
      salt: this.salt === null ? null : [...this.salt],
    };
  }
}

/** The integer indices `invert` maps back to tokens. */
function indicesOf(inputs: Tensor, layer: string): number[] {
  if ((inputs.dtype as string) === 'string') throw new ValueError(`Layer '${layer}' with invert=True expects integer indices, but received a tensor of strings.`);
  return Array.from(inputs.dataSync(), Math.trunc);
}

function numberList(values: IdfWeights): number[] {
  return Array.from(values instanceof Tensor ? values.dataSync() : values);
}
