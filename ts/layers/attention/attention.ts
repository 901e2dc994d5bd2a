/**
 * Dot-product attention, as `keras.layers.Attention` (Luong-style): called on `[query, value]` or
 * `[query, value, key]` (`(B, Tq, dim)`, `(B, Tv, dim)`; the key defaults to the value), it scores
 * each query against each key (`'dot'`: `query · key`, times the learned `scale` when `useScale`;
 * `'concat'`: `concat_score_weight · sum(tanh(scale · (query + key)))`), masks the scores, takes
 * their softmax over the keys (dropout in training) and returns the weighted sum of the values,
 * `(B, Tq, dim)`. The masks are those the query and value carry (`Embedding(maskZero)`,
 * `Masking`): masked values get no weight, masked query steps give zeros. Call keywords
 * `useCausalMask` and `returnAttentionScores` (then `[output, scores]`).
 *
 * @example
 * const context = new Attention().apply([decoderStates, encoderStates]);
 */
import type { KerasArgs, Signature } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type NodeCall, type ShapeOrShapes, type SymbolicCallArgs, type SymbolicInputs, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import * as ops from '../../ops/index.js';
import { SeedGenerator } from '../../ops/seed_generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonStr } from '../../utils/python_repr.js';
import { allOf, causalMask } from './attention_masks.js';

export type ScoreMode = 'dot' | 'concat';

export interface AttentionArgs extends LayerArgs {
  /** Whether a learned scalar scales the scores. Default false. */
  useScale?: boolean;
  /** How queries and keys are scored: `'dot'` (default) or `'concat'`. */
  scoreMode?: ScoreMode;
  /** Dropout rate on the attention weights, in training. Default 0. */
  dropout?: number;
  /** Seed of the dropout. Default null. */
  seed?: number | null;
}

/** The keywords of an attention call (Keras's, in camelCase). */
export interface AttentionCallOptions {
  /** Whether to return `[output, scores]`, the scores being the attention weights `(B, Tq, Tv)`. Default false. */
  returnAttentionScores?: boolean;
  /** Whether query step `i` may attend only to value steps `j <= i`. Default false. */
  useCausalMask?: boolean;
}

const KERAS_KEYWORDS: [keyof AttentionCallOptions, string][] = [['returnAttentionScores', 'return_attention_scores'], ['useCausalMask', 'use_causal_mask']];

const attentionSignature = layerSignature<AttentionArgs>()({ useScale: false, scoreMode: 'dot', dropout: 0, seed: null });

export class Attention extends Layer<AttentionCallOptions> {
  static override className = 'Attention';
  /** Declared as any signature, since AdditiveAttention (Keras's subclass) takes other parameters. */
  static override readonly signature: Signature<object> = attentionSignature;
  readonly useScale: boolean;
  readonly scoreMode: ScoreMode;
  readonly dropout: number;
  readonly seed: number | null;
  scale: Variable | null = null;
  concatScoreWeight: Variable | null = null;
  private readonly seedGenerator: SeedGenerator | null;

  /** `new Attention()`, `new Attention(true)`, or `new Attention({ useScale, scoreMode, dropout, seed })`. */
  constructor(...args: KerasArgs<[useScale: boolean, scoreMode: ScoreMode, dropout: number, seed: number | null], AttentionArgs>) {
    const a = attentionSignature.resolve(args, new.target);
    super(a);
    if (a.scoreMode !== 'dot' && a.scoreMode !== 'concat') {
      throw new ValueError(`Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=${pythonStr(a.scoreMode)}`);
    }
    this.useScale = a.useScale;
    this.scoreMode = a.scoreMode;
    this.dropout = a.dropout;
    this.seed = a.seed;
    this.seedGenerator = a.dropout > 0 ? new SeedGenerator(a.seed) : null;
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeOrShapes): void {
    this.checkShapes(inputShape);
    if (this.useScale) this.scale = this.addWeight({ name: 'scale', shape: [], initializer: 'ones' });
    if (this.scoreMode === 'concat') this.concatScoreWeight = this.addWeight({ name: 'concat_score_weight', shape: [], initializer: 'ones' });
  }

  /**
   * Keras's `_validate_inputs` (a list of 2 or 3 shapes), and, where Keras would fail inside the
   * score computation, the query's and key's feature sizes compared at build time.
   */
  protected checkShapes(inputShape: ShapeOrShapes): [SymbolicShape, SymbolicShape, SymbolicShape] {
    const className = (this.constructor as typeof Attention).className;
    if (!Array.isArray(inputShape[0])) {
      throw new ValueError(`${className} layer must be called on a list of inputs, namely [query, value] or [query, value, key]. Received: inputs=${pythonStr(inputShape)}.`);
    }
    const shapes = inputShape as SymbolicShape[];
    if (shapes.length < 2 || shapes.length > 3) {
      throw new ValueError(`${className} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: ${shapes.length}.`);
    }
    const [query, value, key = value] = shapes as [SymbolicShape, SymbolicShape, SymbolicShape?];
    const [q, k] = [query[query.length - 1], key[key.length - 1]];
    if (q !== null && k !== null && q !== k) {
      throw new ValueError(`Layer "${this.name}": the last dimension of the query and of the key must be equal. Received: query_shape=${formatShape(query)}, key_shape=${formatShape(key)}`);
    }
    return [query, value, key];
  }

  /** The scores `(B, Tq, Tv)` of each query step against each key step. */
  protected scores(query: Tensor, key: Tensor): Tensor {
    if (this.scoreMode === 'dot') {
      const rank = key.shape.length;
      const dot = ops.matmul(query, ops.transpose(key, [...Array(rank - 2).keys(), rank - 1, rank - 2]));
      return this.scale ? ops.multiply(dot, this.scale.value) : dot;
    }
    const sums = ops.add(ops.expandDims(query, -2), ops.expandDims(key, -3));
    return ops.multiply(this.concatScoreWeight!.value, ops.sum(ops.tanh(this.scale ? ops.multiply(this.scale.value, sums) : sums), -1));
  }

  call(inputs: Tensor[], args: CallArgs & AttentionCallOptions): Tensor | Tensor[] {
    const [query, value, key = value] = inputs as [Tensor, Tensor, Tensor?];
    const scores = this.scores(query, key);
    const valueMask = value.kerasMask && ops.expandDims(value.kerasMask, -2);
    const allowed = allOf([valueMask, args.useCausalMask ? causalMask(scores.shape[scores.shape.length - 2]!, scores.shape[scores.shape.length - 1]!) : null]);
    // Keras lowers the masked scores by 1e9 rather than replacing them.
    const masked = allowed ? ops.where(allowed, scores, ops.subtract(scores, 1e9)) : scores;
    const weights = ops.softmax(masked, -1);
    const dropped = args.training === true && this.dropout > 0 ? this.droppedOut(weights) : weights;
    const attended = ops.matmul(dropped, value);
    const output = query.kerasMask ? ops.where(ops.expandDims(query.kerasMask, -1), attended, 0) : attended;
    return args.returnAttentionScores ? [output, weights] : output;
  }

  /** `weights` with each entry zeroed with probability `dropout`, the others scaled up to keep the sum's expectation. */
  private droppedOut(weights: Tensor): Tensor {
    const keep = 1 - this.dropout;
    const noise = ops.randomUniform(weights.shape, { seed: this.seedGenerator });
    return ops.where(ops.less(noise, keep), ops.divide(weights, keep), 0);
  }

  /** The output carries the query's mask. */
  override computeMask(inputs: Tensor | Tensor[], _mask: Tensor | null): Tensor | null {
    return Array.isArray(inputs) ? inputs[0]!.kerasMask : null;
  }

  override computeOutputShape(inputShape: ShapeOrShapes, options?: AttentionCallOptions): ShapeOrShapes {
    const [query, value, key] = this.checkShapes(inputShape);
    const output = [...query.slice(0, -1), value[value.length - 1]!];
    return options?.returnAttentionScores ? [output, [...query.slice(0, -1), key[key.length - 2]!]] : output;
  }

  /** A node records the list of tensors and the keywords given, in snake_case, as Keras does. */
  protected override nodeArguments(inputs: SymbolicInputs, args: SymbolicCallArgs & AttentionCallOptions): [unknown[], Record<string, unknown>] {
    const kwargs: Record<string, unknown> = {};
    for (const [option, keyword] of KERAS_KEYWORDS) if (args[option] !== undefined) kwargs[keyword] = args[option];
    if (args.training !== undefined) kwargs.training = args.training;
    return [[inputs], kwargs];
  }

  /** A node's list of tensors and keywords back to inputs and call options. */
  override callFromNode(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): NodeCall {
    const { return_attention_scores: returnAttentionScores, use_causal_mask: useCausalMask, ...rest } = kwargs;
    const { inputs, callArgs } = super.callFromNode(args, rest);
    return { inputs, callArgs: { ...callArgs, ...(returnAttentionScores !== undefined ? { returnAttentionScores } : {}), ...(useCausalMask !== undefined ? { useCausalMask } : {}) } };
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), use_scale: this.useScale, score_mode: this.scoreMode, dropout: this.dropout, seed: this.seed };
  }
}

registerBuiltIn(Attention);
