/**
 * Multi-head attention, as `keras.layers.MultiHeadAttention` ("Attention Is All You Need"):
 * query, key and value are projected to `numHeads` heads (`EinsumDense` sublayers `query`, `key`,
 * `value`), each head's scaled dot-product scores attend over `attentionAxes` (a softmax with
 * the masks applied, then dropout), and the heads' results are projected back
 * (`attention_output`) to the query's last size or `outputShape`.
 *
 * Called as Keras calls it, with the tensors as a list: `apply([query, value])` or
 * `apply([query, value, key])`, and the keywords `attentionMask` (`(B, T, S)`, 1 where a query
 * may attend), `useCausalMask`, `returnAttentionScores` (then `[output, scores]`), `queryMask`,
 * `valueMask`, `keyMask` (by default the masks the inputs carry, from `Embedding(maskZero)` or
 * `Masking`; read, then cleared from the inputs, as Keras does). The output carries the query's mask.
 *
 * @example
 * const x = Input({ shape: [128, 64] });
 * const y = new MultiHeadAttention(4, 16).apply([x, x], { useCausalMask: true });
 */
import { REQUIRED, type KerasArgs, onlyDefault } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type NodeCall, type ShapeOrShapes, type SymbolicCallArgs, type SymbolicInputs, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { type WeightOptionArgs, type WeightOptions, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as initializers from '../../initializers/index.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonStr } from '../../utils/python_repr.js';
import { Softmax } from '../activations/softmax.js';
import { EinsumDense } from '../core/einsum_dense.js';
import { Dropout } from '../regularization/dropout.js';
import { attentionEquations, projectionEquation, projectionOutputShape } from './attention_equations.js';
import { type MultiHeadAttentionCallOptions, attentionCallFromNode, attentionMaskFor, attentionNodeArguments, attentionProbabilities } from './attention_call.js';

export type { MultiHeadAttentionCallOptions } from './attention_call.js';

/** The options `MultiHeadAttention` and `GroupQueryAttention` share besides their weights' and heads'. */
export interface MultiHeadOptionArgs extends LayerArgs, WeightOptionArgs<'kernel'>, WeightOptionArgs<'bias'> {
  /** Keras's sliding-window attention; only the default (null) is taken. */
  slidingWindow?: null;
  /** Keras's flash-attention switch; kerasm computes the scores explicitly, so only the default (null) is taken. */
  flashAttention?: null;
  /** Keras's sigmoid gate on the heads; only the default (false) is taken. */
  useGate?: false;
  /** Seed of the dropout. Default null. */
  seed?: number | null;
}

export interface MultiHeadAttentionArgs extends MultiHeadOptionArgs {
  /** Number of attention heads. */
  numHeads?: number;
  /** Size of each head for query and key. */
  keyDim?: number;
  /** Size of each head for value; default null: `keyDim`. */
  valueDim?: number | null;
  /** Dropout rate on the attention probabilities. Default 0. */
  dropout?: number;
  /** Whether the dense projections use biases. Default true. */
  useBias?: boolean;
  /** The output's sizes after the batch and sequence axes; default null: the query's last size. */
  outputShape?: number | number[] | null;
  /** The axes attention runs over (of the inputs, batch excluded); default null: every axis but the batch, the heads and the features. */
  attentionAxes?: number | number[] | null;
}

/** `layer.kernelInitializer`, `layer.biasRegularizer`, … as Keras's attributes. */
export interface MultiHeadAttention extends WeightOptions<'kernel'>, WeightOptions<'bias'> {}

export class MultiHeadAttention extends Layer<MultiHeadAttentionCallOptions> {
  static override className = 'MultiHeadAttention';
  static override readonly signature = layerSignature<MultiHeadAttentionArgs>()({
    numHeads: REQUIRED, keyDim: REQUIRED, valueDim: null, dropout: 0, useBias: true, outputShape: null, attentionAxes: null,
    slidingWindow: onlyDefault(null), flashAttention: onlyDefault(null), kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros',
    kernelRegularizer: null, biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
    useGate: onlyDefault(false), seed: null,
  });
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  /** The output's sizes after the batch and sequence axes, or null for the query's last size. */
  readonly partialOutputShape: number[] | null;
  /** The attention axes as given, then (once built) as Keras resolves them (of the projected tensors). */
  attentionAxes: number[] | null;
  readonly seed: number | null;
  // The sublayers, declared in Keras's order (so are their weights); their paths in a weights file are Keras's.
  queryDense: EinsumDense | null = null;
  keyDense: EinsumDense | null = null;
  valueDense: EinsumDense | null = null;
  private _softmax: Softmax | null = null;
  private _dropoutLayer: Dropout | null = null;
  outputDense: EinsumDense | null = null;
  private dotProductEquation = '';
  private combineEquation = '';

  /** `new MultiHeadAttention(4, 32)`, or `new MultiHeadAttention({ numHeads: 4, keyDim: 32, ... })`. */
  constructor(...args: KerasArgs<[numHeads: number, keyDim: number, valueDim: number | null, dropout: number, useBias: boolean], MultiHeadAttentionArgs>) {
    const a = MultiHeadAttention.signature.resolve(args, new.target);
    checkPositive('num_heads', a.numHeads, 'a positive integer');
    checkPositive('key_dim', a.keyDim, 'a positive integer');
    if (a.valueDim !== null) checkPositive('value_dim', a.valueDim, 'a positive integer or `None`');
    super(a);
    this.supportsMasking = true;
    this.numHeads = a.numHeads;
    this.keyDim = a.keyDim;
    this.valueDim = a.valueDim || a.keyDim;
    this.dropout = a.dropout;
    this.useBias = a.useBias;
    this.partialOutputShape = a.outputShape === null ? null : typeof a.outputShape === 'number' ? [a.outputShape] : [...a.outputShape];
    this.attentionAxes = a.attentionAxes === null ? null : typeof a.attentionAxes === 'number' ? [a.attentionAxes] : [...a.attentionAxes];
    this.seed = a.seed;
    Object.assign(this, weightOptions(a, 'kernel'), weightOptions(a, 'bias'));
  }

  /** Builds the projections for `[queryShape, valueShape]` or `[queryShape, valueShape, keyShape]`. */
  override build(inputShape: ShapeOrShapes): void {
    const [queryShape, valueShape, keyShape] = this.shapesOf(inputShape);
    this.queryDense = this.projection('query', queryShape, 1, [this.numHeads, this.keyDim]);
    this.keyDense = this.projection('key', keyShape, 1, [this.numHeads, this.keyDim]);
    this.valueDense = this.projection('value', valueShape, 1, [this.numHeads, this.valueDim]);
    this.buildAttention(queryShape.length + 1);
    const outputDense = this.projection('attention_output', null, 2, this.partialOutputShape ?? [queryShape[queryShape.length - 1] as number], queryShape.length - 1);
    const headsShape = this.queryDense.computeOutputShape(queryShape);
    outputDense.build([...headsShape.slice(0, -1), this.valueDim]);
    this.outputDense = outputDense;
  }

  /** The query, value and key shapes (the key's defaulting to the value's), with Keras's check that key and value agree. */
  private shapesOf(inputShape: ShapeOrShapes): [SymbolicShape, SymbolicShape, SymbolicShape] {
    const shapes = inputShape as SymbolicShape[];
    if (!Array.isArray(shapes[0]) || shapes.length < 2 || shapes.length > 3) {
      throw new ValueError(`Layer "${this.name}": MultiHeadAttention is called on [query, value] or [query, value, key]. Received: input_shape=${pythonStr(inputShape)}`);
    }
    const [query, value, key = value] = shapes as [SymbolicShape, SymbolicShape, SymbolicShape?];
    const sameInner = value.length === key.length && value.slice(1, -1).every((d, i) => d === key[i + 1]);
    if (!sameInner) {
      throw new ValueError(`Layer "${this.name}": all dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${formatShape(value)} and key_shape=${formatShape(key)}`);
    }
    if (query.length !== value.length) {
      throw new ValueError(`Layer "${this.name}": \`query\` and \`value\` must have the same rank. Received: query_shape=${formatShape(query)} and value_shape=${formatShape(value)}`);
    }
    return [query, value, key];
  }

  /** An EinsumDense projection named `name` (built for `inputShape` when given), Keras's equation for its ranks. */
  private projection(name: string, inputShape: SymbolicShape | null, boundDims: number, lastDims: number[], freeDims = (inputShape?.length ?? 0) - 1): EinsumDense {
    const { equation, biasAxes, outputRank } = projectionEquation(freeDims, boundDims, lastDims.length);
    const layer = new EinsumDense({
      equation, outputShape: projectionOutputShape(outputRank - 1, lastDims), biasAxes: this.useBias ? biasAxes : null, name,
      kernelInitializer: copyOf(this.kernelInitializer), biasInitializer: copyOf(this.biasInitializer),
      kernelRegularizer: this.kernelRegularizer, biasRegularizer: this.biasRegularizer, activityRegularizer: this.activityRegularizer,
      kernelConstraint: this.kernelConstraint, biasConstraint: this.biasConstraint, dtype: this.dtype,
    });
    if (inputShape) layer.build(inputShape);
    return layer;
  }

  /** The attention axes, equations, softmax and dropout for projected tensors of `rank` (Keras's `_build_attention`). */
  private buildAttention(rank: number): void {
    this.attentionAxes = this.attentionAxes === null
      ? Array.from({ length: rank - 3 }, (_, i) => i + 1)
      : this.attentionAxes.map((axis) => (axis >= 0 ? axis : rank - 1 + axis));
    const { dotProduct, combine, scoresRank } = attentionEquations(rank, this.attentionAxes);
    this.dotProductEquation = dotProduct;
    this.combineEquation = combine;
    const normAxes = Array.from({ length: this.attentionAxes.length }, (_, i) => scoresRank - this.attentionAxes!.length + i);
    this._softmax = new Softmax({ axis: normAxes, dtype: this.dtype });
    this._dropoutLayer = new Dropout({ rate: this.dropout, seed: this.seed, dtype: this.dtype });
  }

  call(inputs: Tensor[], args: CallArgs & MultiHeadAttentionCallOptions): Tensor | Tensor[] {
    const [query, value, key = value] = inputs as [Tensor, Tensor, Tensor?];
    const attentionMask = attentionMaskFor(query, value, key, args);
    const projectedQuery = this.queryDense!.apply(query);
    const projectedKey = this.keyDense!.apply(key);
    const projectedValue = this.valueDense!.apply(value);
    const { output, scores } = this.attend(projectedQuery, projectedKey, projectedValue, attentionMask, args);
    const result = this.outputDense!.apply(output);
    return args.returnAttentionScores ? [result, scores] : result;
  }

  /** Scaled dot-product attention over the projected heads, the mask widened to the scores' rank. */
  private attend(query: Tensor, key: Tensor, value: Tensor, mask: Tensor | null, args: CallArgs & MultiHeadAttentionCallOptions): { output: Tensor; scores: Tensor } {
    const scaled = ops.multiply(query, 1 / Math.sqrt(this.keyDim));
    const logits = ops.einsum(this.dotProductEquation, key, scaled);
    const fused = this.dropout === 0 && !args.returnAttentionScores && query.shape.length === 4;
    const scores = attentionProbabilities(logits, mask && this.widenedMask(mask, logits.shape.length), fused, (x, m) => this._softmax!.apply(x, { mask: m }));
    const dropped = this._dropoutLayer!.apply(scores, { training: args.training });
    return { output: ops.einsum(this.combineEquation, dropped, value), scores };
  }

  /** `mask` with axes inserted before its query axes until it has the scores' rank (Keras's `_masked_softmax`). */
  private widenedMask(mask: Tensor, rank: number): Tensor {
    let widened = mask;
    for (let i = mask.shape.length; i < rank; i++) widened = ops.expandDims(widened, -this.attentionAxes!.length * 2 - 1);
    return widened;
  }

  /** The output carries the query's mask. */
  override computeMask(inputs: Tensor | Tensor[], _mask: Tensor | null): Tensor | null {
    return Array.isArray(inputs) ? inputs[0]!.kerasMask : null;
  }

  /**
   * The query's mask, for the output; the inputs' masks are then cleared, as Keras's call clears
   * them: a residual `Add([query, output])` after the layer carries no mask, nor what follows it.
   */
  protected override outputMask(inputs: Tensor | Tensor[], _output: Tensor, mask: Tensor | null): Tensor | null {
    const queryMask = this.computeMask(inputs, mask);
    for (const input of [inputs].flat()) input.kerasMask = null;
    return queryMask;
  }

  override computeOutputShape(inputShape: ShapeOrShapes, options?: MultiHeadAttentionCallOptions): ShapeOrShapes {
    const [query, , key] = this.shapesOf(inputShape);
    const output = this.partialOutputShape ? [...query.slice(0, -1), ...this.partialOutputShape] : [...query];
    if (!options?.returnAttentionScores) return output;
    const axes = this.attentionAxes ?? Array.from({ length: query.length - 2 }, (_, i) => i + 1);
    return [output, [query[0]!, this.numHeads, ...axes.map((axis) => query[axis]!), ...axes.map((axis) => key[axis]!)]];
  }

  /** A node records the tensors as Keras's positional `query, value, key` and the keywords given, in snake_case. */
  protected override nodeArguments(inputs: SymbolicInputs, args: SymbolicCallArgs & MultiHeadAttentionCallOptions): [unknown[], Record<string, unknown>] {
    return attentionNodeArguments(inputs, args);
  }

  override callFromNode(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): NodeCall {
    return attentionCallFromNode(this.name, 'MultiHeadAttention', args, kwargs);
  }

  override getConfig(): LayerConfig {
    const kernel = weightOptionsConfig(this, 'kernel');
    const bias = weightOptionsConfig(this, 'bias');
    return {
      ...super.getConfig(),
      num_heads: this.numHeads, key_dim: this.keyDim, value_dim: this.valueDim, dropout: this.dropout, use_bias: this.useBias,
      use_gate: false, output_shape: this.partialOutputShape, attention_axes: this.attentionAxes, sliding_window: null,
      kernel_initializer: kernel.kernel_initializer, bias_initializer: bias.bias_initializer,
      kernel_regularizer: kernel.kernel_regularizer, bias_regularizer: bias.bias_regularizer,
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
      kernel_constraint: kernel.kernel_constraint, bias_constraint: bias.bias_constraint, seed: this.seed,
    };
  }
}

/** Keras's check of a positive integer argument. */
function checkPositive(name: string, value: unknown, expected: string): void {
  if (!Number.isInteger(value) || (value as number) <= 0) {
    throw new ValueError(`Received an invalid value for argument \`${name}\`, expected ${expected}. Received: ${name}=${pythonStr(value)}`);
  }
}

/** A fresh initializer of the same class and config, as Keras gives each projection its own. */
function copyOf(initializer: initializers.Initializer): initializers.Initializer {
  return initializers.get(initializers.serialize(initializer));
}

registerBuiltIn(MultiHeadAttention);
