/**
 * Grouped-query attention, as `keras.layers.GroupQueryAttention` (Ainslie et al., 2023):
 * multi-head attention in which `numQueryHeads` query heads share `numKeyValueHeads` key and
 * value heads (each key/value head serves `numQueryHeads / numKeyValueHeads` query heads; one
 * key/value head is multi-query attention, as many as the query heads is multi-head attention).
 * Inputs `(B, T, dim)` and `(B, S, dim)`, called as `MultiHeadAttention` is (`apply([query,
 * value])` or `apply([query, value, key])`, the same keywords); the output is `(B, T, dim)`.
 *
 * @example
 * const y = new GroupQueryAttention(16, 8, 2).apply([x, x], { useCausalMask: true });
 */
import { REQUIRED, type KerasArgs, onlyDefault } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerConfig, type NodeCall, type ShapeOrShapes, type SymbolicCallArgs, type SymbolicInputs, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { type WeightOptions, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as initializers from '../../initializers/index.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { uniqueName } from '../../utils/naming.js';
import { formatShape, pythonStr } from '../../utils/python_repr.js';
import { Softmax } from '../activations/softmax.js';
import { EinsumDense } from '../core/einsum_dense.js';
import { Dropout } from '../regularization/dropout.js';
import type { MultiHeadOptionArgs } from './multi_head_attention.js';
import { type MultiHeadAttentionCallOptions, attentionCallFromNode, attentionMaskFor, attentionNodeArguments, attentionProbabilities } from './attention_call.js';

export interface GroupQueryAttentionArgs extends MultiHeadOptionArgs {
  /** Size of each attention head. */
  headDim?: number;
  /** Number of query heads. */
  numQueryHeads?: number;
  /** Number of key and value heads; must divide `numQueryHeads`. */
  numKeyValueHeads?: number;
  /** Dropout rate on the attention probabilities. Default 0. */
  dropout?: number;
  /** Whether the dense projections use biases. Default true. */
  useBias?: boolean;
}

/** `layer.kernelInitializer`, `layer.biasRegularizer`, … as Keras's attributes. */
export interface GroupQueryAttention extends WeightOptions<'kernel'>, WeightOptions<'bias'> {}

export class GroupQueryAttention extends Layer<MultiHeadAttentionCallOptions> {
  static override className = 'GroupQueryAttention';
  static override readonly signature = layerSignature<GroupQueryAttentionArgs>()({
    headDim: REQUIRED, numQueryHeads: REQUIRED, numKeyValueHeads: REQUIRED, dropout: 0, useBias: true,
    slidingWindow: onlyDefault(null), flashAttention: onlyDefault(null), kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros',
    kernelRegularizer: null, biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
    useGate: onlyDefault(false), seed: null,
  });
  readonly headDim: number;
  readonly numQueryHeads: number;
  readonly numKeyValueHeads: number;
  /** How many query heads share each key/value head. */
  readonly numRepeats: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly seed: number | null;
  // The sublayers, declared in Keras's order (so are their weights).
  queryDense: EinsumDense | null = null;
  keyDense: EinsumDense | null = null;
  valueDense: EinsumDense | null = null;
  private _softmax: Softmax | null = null;
  private _dropoutLayer: Dropout | null = null;
  outputDense: EinsumDense | null = null;

  /** `new GroupQueryAttention(headDim, numQueryHeads, numKeyValueHeads)`, or the options object. */
  constructor(...args: KerasArgs<[headDim: number, numQueryHeads: number, numKeyValueHeads: number, dropout: number, useBias: boolean], GroupQueryAttentionArgs>) {
    const a = GroupQueryAttention.signature.resolve(args, new.target);
    // Keras's Python class is GroupedQueryAttention (exported as GroupQueryAttention): its default names come from that.
    super({ ...a, name: a.name ?? uniqueName('grouped_query_attention') });
    this.supportsMasking = true;
    if (a.numQueryHeads % a.numKeyValueHeads !== 0) throw new ValueError('`num_query_heads` must be divisible by `num_key_value_heads`.');
    this.headDim = a.headDim;
    this.numQueryHeads = a.numQueryHeads;
    this.numKeyValueHeads = a.numKeyValueHeads;
    this.numRepeats = a.numQueryHeads / a.numKeyValueHeads;
    this.dropout = a.dropout;
    this.useBias = a.useBias;
    this.seed = a.seed;
    Object.assign(this, weightOptions(a, 'kernel'), weightOptions(a, 'bias'));
  }

  /** Builds the projections for `[queryShape, valueShape]` or `[queryShape, valueShape, keyShape]`. */
  override build(inputShape: ShapeOrShapes): void {
    const [queryShape, valueShape, keyShape] = this.shapesOf(inputShape);
    this.queryDense = this.projection('query', 'bqm,muh->bquh', [null, this.numQueryHeads, this.headDim], 'uh', queryShape);
    this.keyDense = this.projection('key', 'bkm,mvh->bkvh', [null, this.numKeyValueHeads, this.headDim], 'vh', keyShape);
    this.valueDense = this.projection('value', 'bkm,mvh->bkvh', [null, this.numKeyValueHeads, this.headDim], 'vh', valueShape);
    this._softmax = new Softmax({ axis: -1, dtype: this.dtype });
    this._dropoutLayer = new Dropout({ rate: this.dropout, seed: this.seed, dtype: this.dtype });
    this.outputDense = this.projection('attention_output', 'bquh,uhm->bqm', [null, queryShape[queryShape.length - 1]!], 'm', [null, null, this.numQueryHeads, this.headDim]);
  }

  /** The query, value and key shapes, with Keras's checks (query and value of one feature size; key and value alike but for it). */
  private shapesOf(inputShape: ShapeOrShapes): [SymbolicShape, SymbolicShape, SymbolicShape] {
    const shapes = inputShape as SymbolicShape[];
    if (!Array.isArray(shapes[0]) || shapes.length < 2 || shapes.length > 3) {
      throw new ValueError(`Layer "${this.name}": GroupQueryAttention is called on [query, value] or [query, value, key]. Received: input_shape=${pythonStr(inputShape)}`);
    }
    const [query, value, key = value] = shapes as [SymbolicShape, SymbolicShape, SymbolicShape?];
    const [q, v] = [query[query.length - 1], value[value.length - 1]];
    if (q !== v) {
      throw new ValueError(`Layer "${this.name}": the last dimension of \`query_shape\` and \`value_shape\` must be equal, but are ${String(q)}, ${String(v)}. Received: query_shape=${formatShape(query)}, value_shape=${formatShape(value)}`);
    }
    if (value.length !== key.length || value.slice(1, -1).some((d, i) => d !== key[i + 1])) {
      throw new ValueError(`Layer "${this.name}": all dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${formatShape(value)} and key_shape=${formatShape(key)}`);
    }
    return [query, value, key];
  }

  /** An EinsumDense projection named `name`, built for `inputShape`. */
  private projection(name: string, equation: string, outputShape: SymbolicShape, biasAxes: string, inputShape: SymbolicShape): EinsumDense {
    const layer = new EinsumDense({
      equation, outputShape, biasAxes: this.useBias ? biasAxes : null, name,
      kernelInitializer: initializers.get(initializers.serialize(this.kernelInitializer)),
      biasInitializer: initializers.get(initializers.serialize(this.biasInitializer)),
      kernelRegularizer: this.kernelRegularizer, biasRegularizer: this.biasRegularizer, activityRegularizer: this.activityRegularizer,
      kernelConstraint: this.kernelConstraint, biasConstraint: this.biasConstraint, dtype: this.dtype,
    });
    layer.build(inputShape);
    return layer;
  }

  call(inputs: Tensor[], args: CallArgs & MultiHeadAttentionCallOptions): Tensor | Tensor[] {
    const [query, value, key = value] = inputs as [Tensor, Tensor, Tensor?];
    const mask = attentionMaskFor(query, value, key, args);
    const heads = ops.multiply(this.queryDense!.apply(query), 1 / Math.sqrt(this.headDim));
    // Each key/value head serves `numRepeats` consecutive query heads.
    const keys = ops.repeat(this.keyDense!.apply(key), this.numRepeats, 2);
    const values = ops.repeat(this.valueDense!.apply(value), this.numRepeats, 2);
    const logits = ops.einsum('bquh,bkuh->buqk', heads, keys);
    const fused = this.dropout === 0 && !args.returnAttentionScores;
    const scores = attentionProbabilities(logits, mask && widened(mask, logits.shape.length), fused, (x, m) => this._softmax!.apply(x, { mask: m }));
    const dropped = this._dropoutLayer!.apply(scores, { training: args.training });
    const output = this.outputDense!.apply(ops.einsum('buqk,bkuh->bquh', dropped, values));
    return args.returnAttentionScores ? [output, scores] : output;
  }

  /** The output carries the query's mask. */
  override computeMask(inputs: Tensor | Tensor[], _mask: Tensor | null): Tensor | null {
    return Array.isArray(inputs) ? inputs[0]!.kerasMask : null;
  }

  override computeOutputShape(inputShape: ShapeOrShapes, options?: MultiHeadAttentionCallOptions): ShapeOrShapes {
    const [query, , key] = this.shapesOf(inputShape);
    return options?.returnAttentionScores ? [[...query], [query[0]!, this.numQueryHeads, query[1]!, key[1]!]] : [...query];
  }

  protected override nodeArguments(inputs: SymbolicInputs, args: SymbolicCallArgs & MultiHeadAttentionCallOptions): [unknown[], Record<string, unknown>] {
    return attentionNodeArguments(inputs, args);
  }

  override callFromNode(args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): NodeCall {
    return attentionCallFromNode(this.name, 'GroupQueryAttention', args, kwargs);
  }

  override getConfig(): LayerConfig {
    const kernel = weightOptionsConfig(this, 'kernel');
    const bias = weightOptionsConfig(this, 'bias');
    return {
      ...super.getConfig(),
      head_dim: this.headDim, num_query_heads: this.numQueryHeads, num_key_value_heads: this.numKeyValueHeads,
      use_bias: this.useBias, use_gate: false, sliding_window: null, dropout: this.dropout,
      kernel_initializer: kernel.kernel_initializer, bias_initializer: bias.bias_initializer,
      kernel_regularizer: kernel.kernel_regularizer, bias_regularizer: bias.bias_regularizer,
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
      kernel_constraint: kernel.kernel_constraint, bias_constraint: bias.bias_constraint, seed: this.seed,
    };
  }
}

/** `mask` with axes inserted before its query axis until it has the scores' rank (Keras's `_masked_softmax`). */
function widened(mask: Tensor, rank: number): Tensor {
  let out = mask;
  for (let i = mask.shape.length; i < rank; i++) out = ops.expandDims(out, -3);
  return out;
}

registerBuiltIn(GroupQueryAttention);
