/**
 * The call of the multi-head attention layers (MultiHeadAttention, GroupQueryAttention), as
 * Keras's `call(query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
 * attention_mask=None, return_attention_scores=False, training=None, use_causal_mask=False)`:
 * its keywords, how a graph node records them (the tensors as positional arguments, the keywords
 * in snake_case) and reads them back, and the attention mask they make together.
 */
import type { CallArgs, NodeCall, SymbolicCallArgs, SymbolicInputs } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import type { TensorArg } from '../../ops/operands.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { allOf, causalMask } from './attention_masks.js';

/** The keywords of a multi-head attention call (Keras's, in camelCase). */
export interface MultiHeadAttentionCallOptions {
  /** `(B, T, S)` (or broadcastable), 1 where query position `t` may attend to key position `s`. */
  attentionMask?: TensorArg | null;
  /** Whether to return `[output, scores]`, the scores being `(B, heads, T, S)`. Default false. */
  returnAttentionScores?: boolean;
  /** Whether query position `t` may attend only to key positions `s <= t`. Default false. */
  useCausalMask?: boolean;
  /** `(B, T)`; default: the mask the query carries. */
  queryMask?: TensorArg | null;
  /** `(B, S)`; default: the mask the value carries. */
  valueMask?: TensorArg | null;
  /** `(B, S)`; default: the mask the key carries. */
  keyMask?: TensorArg | null;
}

/** The call keywords as Keras names them in a graph node. */
const KERAS_KEYWORDS: [keyof MultiHeadAttentionCallOptions, string][] = [
  ['queryMask', 'query_mask'], ['valueMask', 'value_mask'], ['keyMask', 'key_mask'], ['attentionMask', 'attention_mask'],
  ['returnAttentionScores', 'return_attention_scores'], ['useCausalMask', 'use_causal_mask'],
];

/** A node's arguments: `query, value(, key)` as positional ones, then the keywords given, in snake_case. */
export function attentionNodeArguments(inputs: SymbolicInputs, args: SymbolicCallArgs & MultiHeadAttentionCallOptions): [unknown[], Record<string, unknown>] {
  const kwargs: Record<string, unknown> = {};
  for (const [option, keyword] of KERAS_KEYWORDS) if (args[option] !== undefined) kwargs[keyword] = args[option];
  if (args.training !== undefined) kwargs.training = args.training;
  return [Array.isArray(inputs) ? [...inputs] : [inputs], kwargs];
}

/** Keras's `query, value, key` (positional or keyword) and keywords, back to `[query, value(, key)]` and call options. */
export function attentionCallFromNode(layerName: string, className: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): NodeCall {
  const { query = args[0], value = args[1], key = args[2], training, ...rest } = kwargs;
  const unknown = Object.keys(rest).filter((k) => !KERAS_KEYWORDS.some(([, keyword]) => keyword === k));
  if (unknown.length > 0) throw new ValueError(`Layer "${layerName}" is called with arguments kerasm's ${className} does not take: ${unknown.join(', ')}.`);
  const callArgs: NodeCall['callArgs'] = {};
  for (const [option, keyword] of KERAS_KEYWORDS) if (rest[keyword] !== undefined) callArgs[option] = rest[keyword];
  if (typeof training === 'boolean') callArgs.training = training;
  return { inputs: key === undefined ? [query, value] : [query, value, key], callArgs };
}

/**
 * Keras's `_compute_attention_mask`: the given attention mask, the query's mask as `(B, T, 1)`,
 * the value's and key's as `(B, 1, S)` (each by default the one its tensor carries) and the causal
 * `(1, T, S)`, all required; null when there is none.
 */
export function attentionMaskFor(query: Tensor, value: Tensor, key: Tensor, args: CallArgs & MultiHeadAttentionCallOptions): Tensor | null {
  const queryMask = (args.queryMask as Tensor | null | undefined) ?? query.kerasMask;
  const valueMask = (args.valueMask as Tensor | null | undefined) ?? value.kerasMask;
  const keyMask = (args.keyMask as Tensor | null | undefined) ?? key.kerasMask;
  return allOf([
    args.attentionMask as Tensor | null | undefined,
    queryMask && ops.expandDims(queryMask, -1),
    valueMask && ops.expandDims(valueMask, -2),
    keyMask && ops.expandDims(keyMask, -2),
    args.useCausalMask ? causalMask(query.shape[1]!, value.shape[1]!) : null,
  ]);
}

/**
 * The attention probabilities: a softmax of `logits` over their last axes, masked. Without
 * dropout or returned scores Keras runs a fused kernel (single-axis attention only) in which a
 * row with no allowed position averages every value; otherwise its masked `Softmax` gives such a
 * row zeros. `fused` picks the first; `maskedSoftmax` is the layer's `Softmax` called with the mask.
 */
export function attentionProbabilities(logits: Tensor, mask: Tensor | null, fused: boolean, maskedSoftmax: (logits: Tensor, mask: Tensor | null) => Tensor): Tensor {
  return mask && fused ? ops.softmax(ops.where(mask, logits, -1e9), -1) : maskedSoftmax(logits, mask);
}
