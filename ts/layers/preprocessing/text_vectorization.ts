/**
 * Turns raw strings into integer token ids (`int`) or one vector per text (`multi_hot`, `count`,
 * `tf_idf`), as Keras's `TextVectorization`: each text is standardized, split into tokens and
 * optionally combined into ngrams (text_tokenizer.ts, TensorFlow's exact tokens), then looked
 * up in a vocabulary by an inner `StringLookup` whose mask token `''` pads (index 0) and whose
 * OOV token `'[UNK]'` takes index 1. The vocabulary is given or learned by `adapt()`; a `.keras`
 * archive keeps a learned one as Keras does, as the `vocabulary.txt` asset of the layer and of
 * its `_lookup_layer` (and the `tf_idf` weights as both's `idf_weights` in the weights file).
 *
 * Inputs are string tensors of shape `[batch]` or `[batch, 1]` (any `[batch, n]` without a
 * split). `int` outputs are padded with 0 to the longest text of the batch, or padded or cut to
 * `outputSequenceLength`. A custom `standardize` takes the batch's strings and returns as many;
 * a custom `split` takes one string per text and returns each one's tokens; register them with
 * `registerKerasSerializable(fn, { package, name })` for the layer's config to name them.
 */
import { type KerasArgs, onlyDefault } from '../../arguments/signature.js';
import { deserializeFunction, serializeFunction } from '../../engine/function_registry.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes, layerSignature } from '../../engine/layer.js';
import type { AssetDirectory, LayerWithAssets, LayerWithOwnValues } from '../../engine/layer_saved_state.js';
import { type CustomObjects, configToArgs, registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { stringTensor, stringsOf } from '../../tensor/strings.js';
import { type DType, Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonStr } from '../../utils/python_repr.js';
import type { IdfWeights, VocabularySource } from './index_lookup.js';
import { StringLookup } from './string_lookup.js';
import { type Split, type Standardize, type TextPipeline, checkSplit, checkStandardize, ngramWidths, standardizeTexts, tokenize } from './text_tokenizer.js';

export type TextOutputMode = 'int' | 'one_hot' | 'multi_hot' | 'count' | 'tf_idf';
const OUTPUT_MODES: readonly TextOutputMode[] = ['int', 'one_hot', 'multi_hot', 'count', 'tf_idf'];

/** One batch of texts: a string tensor, or strings (`[batch]` or `[batch, 1]` nested arrays). */
export type TextBatch = Tensor | string[] | string[][];
/** What `adapt()` reads: all the texts at once (a tensor or an array), or another sync or async iterable of batches. */
export type TextData = TextBatch | Iterable<TextBatch> | AsyncIterable<TextBatch>;

export interface TextVectorizationArgs extends LayerArgs {
  /** The largest vocabulary, padding and OOV indices included; null: no limit. Default null. */
  maxTokens?: number | null;
  /** `'lower_and_strip_punctuation'`, `'lower'`, `'strip_punctuation'`, null, or a function of the batch's strings. Default `'lower_and_strip_punctuation'`. */
  standardize?: Standardize;
  /** `'whitespace'`, `'character'`, null (each string is a token), or a function of the texts. Default `'whitespace'`. */
  split?: Split;
  /** Ngrams of the tokens: `n` for widths 1 to `n`, or the widths (`[2, 3]`); null: the tokens as split. Default null. */
  ngrams?: number | number[] | null;
  /** `'int'`, `'multi_hot'`, `'count'` or `'tf_idf'` (Keras also takes `'one_hot'`, `'binary'` and `'tf-idf'`). Default `'int'`. */
  outputMode?: TextOutputMode | 'binary' | 'tf-idf';
  /** In `int` mode, pad or cut every output to this many tokens; null: the batch's longest text. Default null. */
  outputSequenceLength?: number | null;
  /** Pad the `multi_hot` / `count` / `tf_idf` outputs to `maxTokens` entries. Default false. */
  padToMaxTokens?: boolean;
  /** The vocabulary, instead of `adapt()`: tokens, a string tensor, or (Node) a file of one token per line. Default null. */
  vocabulary?: VocabularySource<string> | null;
  /** In `tf_idf` mode with a given `vocabulary`, each token's inverse document frequency. Default null. */
  idfWeights?: IdfWeights | null;
  /** Keras's sparse outputs; kerasm has no sparse tensors: only false. */
  sparse?: boolean;
  /** Keras's ragged outputs; kerasm has no ragged tensors: only false (`int` outputs are padded). */
  ragged?: boolean;
  /** The texts' encoding; JavaScript strings are already decoded: only `'utf-8'`. */
  encoding?: 'utf-8';
  /** The vocabulary size recorded in a saved config (Keras's hidden `vocabulary_size`). */
  vocabularySize?: number | null;
}

export class TextVectorization extends Layer implements LayerWithAssets, LayerWithOwnValues {
  static override className = 'TextVectorization';
  static override readonly signature = layerSignature<TextVectorizationArgs>()(
    {
      maxTokens: null, standardize: 'lower_and_strip_punctuation', split: 'whitespace', ngrams: null, outputMode: 'int',
      outputSequenceLength: null, padToMaxTokens: false, vocabulary: null, idfWeights: null, sparse: onlyDefault(false),
      ragged: onlyDefault(false), encoding: onlyDefault('utf-8'), name: null,
    },
    { vocabularySize: null },
  );
  readonly standardize: Standardize;
  readonly split: Split;
  /** `ngrams` as given (for the config). */
  readonly ngrams: number | number[] | null;
  readonly outputMode: TextOutputMode;
  readonly outputSequenceLength: number | null;
  /** How texts become tokens. */
  private readonly pipeline: TextPipeline;
  /** The vocabulary and its lookup (Keras's `_lookup_layer`, the name its variables and assets are saved under). */
  readonly _lookupLayer: StringLookup;

  /** `new TextVectorization()`, `new TextVectorization(10000)`, or `new TextVectorization({ maxTokens: 10000, outputSequenceLength: 100 })`. */
  constructor(
    ...args: KerasArgs<
      [maxTokens: number | null, standardize: Standardize, split: Split, ngrams: number | number[] | null, outputMode: TextOutputMode, outputSequenceLength: number | null],
      TextVectorizationArgs
    >
  ) {
    const a = TextVectorization.signature.resolve(args, new.target);
    super(a);
    this.standardize = checkStandardize(a.standardize);
    this.split = checkSplit(a.split);
    this.ngrams = a.ngrams;
    this.outputMode = standardOutputMode(a.outputMode);
    this.outputSequenceLength = checkSequenceLength(a.outputSequenceLength, this.outputMode);
    this.pipeline = { standardize: this.standardize, split: this.split, ngrams: ngramWidths(a.ngrams) };
    this._lookupLayer = new StringLookup({
      maxTokens: a.maxTokens, vocabulary: a.vocabulary, idfWeights: a.idfWeights, padToMaxTokens: a.padToMaxTokens,
      maskToken: '', outputMode: this.outputMode, vocabularySize: a.vocabularySize ?? null,
    });
    this.built = true;
  }

  /** The token rows of a batch of texts (one per text). */
  private tokenRows(texts: TextBatch): string[][] {
    const { strings, shape } = textsOf(texts, this.name);
    if (this.split !== null && shape.length > 1 && shape[shape.length - 1] !== 1) {
      throw new ValueError(
        `When using \`TextVectorization\` to tokenize strings, the input rank must be 1 or the last shape dimension must be 1. Received: inputs.shape=${formatShape(shape)} with rank=${shape.length}`,
      );
    }
    return tokenize(strings, shape.length === 0 ? 1 : shape[0]!, this.pipeline);
  }

  /** The token rows of a batch of texts, all `length` long (by default the longest's), padded with the mask token `''`, which no output counts. */
  private paddedTokenRows(texts: TextBatch, length: number | null): string[][] {
    const rows = this.tokenRows(texts);
    const width = length ?? rows.reduce((longest, row) => Math.max(longest, row.length), 0);
    return rows.map((row) => (row.length === width ? row : Array.from({ length: width }, (_, i) => row[i] ?? '')));
  }

  call(inputs: Tensor, _args?: CallArgs): Tensor {
    const tokens = this.tokensOf(inputs);
    try {
      return this._lookupLayer.call(tokens);
    } finally {
      tokens.dispose();
    }
  }

  /** The string tensor to look up: the standardized strings as they are shaped (`int` mode, no split, ngrams or sequence length), else the padded token rows. */
  private tokensOf(inputs: Tensor): Tensor {
    const { split, ngrams } = this.pipeline;
    if (this.outputMode === 'int' && split === null && ngrams === null && this.outputSequenceLength === null) {
      return stringTensor(standardizeTexts(stringsOf(inputs, inputOf(this.name)), this.standardize), [...inputs.shape]);
    }
    const rows = this.paddedTokenRows(inputs, this.outputMode === 'int' ? this.outputSequenceLength : null);
    return stringTensor(rows.flat(), [rows.length, rows[0]?.length ?? 0]);
  }

  /**
   * Learns the vocabulary (and in `tf_idf` mode the inverse document frequencies) from texts in
   * one pass, as Keras: the most frequent tokens first, ties broken by the greater token first.
   * `data`: all the texts (a string tensor or an array, `[n]` or `[n, 1]`), or any other sync or
   * async iterable (a generator) of such batches (async: a promise); `steps` limits how many
   * batches are read.
   */
  adapt(data: AsyncIterable<TextBatch>, steps?: number | null): Promise<void>;
  adapt(data: TextBatch | Iterable<TextBatch>, steps?: number | null): void;
  adapt(data: TextData, steps: number | null = null): void | Promise<void> {
    // The lookup learns from one text's tokens at a time (a batch of one row): texts differ in length.
    if (isWholeText(data)) return this._lookupLayer.adapt(this.tokenRows(data).values());
    const limit = steps ?? Infinity;
    if (Symbol.asyncIterator in data) return this._lookupLayer.adapt(asyncRowsOf(data, limit, (batch) => this.tokenRows(batch)));
    return this._lookupLayer.adapt(rowsOf(data, limit, (batch) => this.tokenRows(batch)));
  }

  /** The vocabulary, by default with `''` and `'[UNK]'` first so that a token's position is its index. */
  getVocabulary(includeSpecialTokens = true): string[] {
    return this._lookupLayer.getVocabulary(includeSpecialTokens);
  }

  /** The number of indices: the vocabulary's tokens with the padding and OOV indices. */
  vocabularySize(): number {
    return this._lookupLayer.vocabularySize();
  }

  /** Replaces the vocabulary (and in `tf_idf` mode the idf weights), as `StringLookup.setVocabulary`. */
  setVocabulary(vocabulary: VocabularySource<string>, idfWeights: IdfWeights | null = null): void {
    this._lookupLayer.setVocabulary(vocabulary, idfWeights);
  }

  /** Keras's `save_own_variables`, as its lookup's (in `tf_idf` mode, the `idf_weights`). */
  savedValues(): Map<string, Float32Array> {
    return this._lookupLayer.savedValues();
  }

  loadValues(values: Map<string, Float32Array>): void {
    this._lookupLayer.loadValues(values);
  }

  /** Keras's `save_assets`, as its lookup's (a learned vocabulary's `vocabulary.txt`). */
  saveAssets(dir: AssetDirectory): void {
    this._lookupLayer.saveAssets(dir);
  }

  loadAssets(dir: AssetDirectory): void {
    this._lookupLayer.loadAssets(dir);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const batch = (inputShape as SymbolicShape)[0] ?? null;
    if (this.outputMode === 'int') return [batch, this.outputSequenceLength];
    return this._lookupLayer.computeOutputShape([batch, null]);
  }

  protected override outputDtype(): DType {
    return this.outputMode === 'int' ? 'int32' : 'float32';
  }

  override getConfig(): LayerConfig {
    const lookup = this._lookupLayer.getConfig();
    return {
      ...super.getConfig(),
      max_tokens: lookup.max_tokens,
      standardize: typeof this.standardize === 'function' ? serializeFunction(this.standardize, `the \`standardize\` of TextVectorization '${this.name}'`) : this.standardize,
      split: typeof this.split === 'function' ? serializeFunction(this.split, `the \`split\` of TextVectorization '${this.name}'`) : this.split,
      ngrams: Array.isArray(this.ngrams) ? [...this.ngrams] : this.ngrams,
      output_mode: this.outputMode,
      output_sequence_length: this.outputSequenceLength,
      pad_to_max_tokens: lookup.pad_to_max_tokens,
      sparse: false,
      ragged: false,
      vocabulary: lookup.vocabulary,
      idf_weights: lookup.idf_weights,
      encoding: 'utf-8',
      vocabulary_size: this.vocabularySize(),
    };
  }

  /** As the generic `fromConfig`, finding a registered `standardize` or `split` function by name. */
  static fromConfig(config: LayerConfig, customObjects: CustomObjects = {}): TextVectorization {
    const args = configToArgs(config) as TextVectorizationArgs;
    const named = (value: unknown, what: string) => (value === null || typeof value === 'string' ? value : deserializeFunction(value, customObjects, `the \`${what}\` of TextVectorization`));
    return new TextVectorization({ ...args, standardize: named(config.standardize, 'standardize') as Standardize, split: named(config.split, 'split') as Split });
  }
}

function standardOutputMode(mode: TextVectorizationArgs['outputMode']): TextOutputMode {
  const standard = mode === 'binary' ? 'multi_hot' : mode === 'tf-idf' ? 'tf_idf' : mode;
  if (!OUTPUT_MODES.includes(standard as TextOutputMode)) {
    throw new ValueError(
      `Unknown value for \`output_mode\` argument of TextVectorization. Allowed values are: ('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'). Received: output_mode=${pythonStr(mode)}`,
    );
  }
  return standard as TextOutputMode;
}

/** Keras's checks: an integer (or null) in `int` mode, null in the others. */
function checkSequenceLength(length: number | null, mode: TextOutputMode): number | null {
  if (mode === 'int' && length !== null && !Number.isInteger(length)) {
    throw new ValueError(`\`output_sequence_length\` must be either None or an integer when \`output_mode\` is 'int'. Received: output_sequence_length=${pythonStr(length)}`);
  }
  if (mode !== 'int' && length !== null) {
    throw new ValueError(`\`output_sequence_length\` must not be set if \`output_mode\` is not 'int'. Received output_sequence_length=${pythonStr(length)}.`);
  }
  return length;
}

/** The strings of a batch with its shape; anything but strings is refused, naming the layer. */
function textsOf(texts: TextBatch, layer: string): { strings: readonly string[]; shape: number[] } {
  if (texts instanceof Tensor) return { strings: stringsOf(texts, inputOf(layer)), shape: [...texts.shape] };
  if (!Array.isArray(texts)) throw new ValueError(`TextVectorization layer '${layer}' takes strings: a string tensor or arrays of strings, but received ${typeof texts}.`);
  const rank2 = texts.length > 0 && Array.isArray(texts[0]);
  const strings = (rank2 ? (texts as string[][]).flat() : texts) as unknown[];
  const bad = strings.find((s) => typeof s !== 'string');
  if (bad !== undefined) throw new ValueError(`TextVectorization layer '${layer}' takes strings, but received ${typeof bad} ${pythonStr(bad)}.`);
  return { strings: strings as string[], shape: rank2 ? [texts.length, (texts[0] as string[]).length] : [texts.length] };
}

/** Names the input of a layer in errors. */
function inputOf(layer: string): string {
  return `The input of TextVectorization layer '${layer}'`;
}

/** Whether `data` is the texts themselves (a tensor or an array, as Keras takes a list) rather than an iterable of batches. */
function isWholeText(data: TextData): data is TextBatch {
  return data instanceof Tensor || Array.isArray(data);
}

/** The rows `rowsOfBatch` makes of each of the first `steps` batches, one by one. */
function* rowsOf(batches: Iterable<TextBatch>, steps: number, rowsOfBatch: (batch: TextBatch) => string[][]): Iterable<string[]> {
  let step = 0;
  for (const batch of batches) {
    if (step++ >= steps) return;
    yield* rowsOfBatch(batch);
  }
}

async function* asyncRowsOf(batches: AsyncIterable<TextBatch>, steps: number, rowsOfBatch: (batch: TextBatch) => string[][]): AsyncIterable<string[]> {
  let step = 0;
  for await (const batch of batches) {
    if (step++ >= steps) return;
    yield* rowsOfBatch(batch);
  }
}

registerBuiltIn(TextVectorization);
