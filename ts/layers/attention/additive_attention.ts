/**
 * Additive attention, as `keras.layers.AdditiveAttention` (Bahdanau-style): `Attention` with the
 * scores `sum(scale · tanh(query + key))` over the features, `scale` a learned vector of the
 * feature size when `useScale` (the default).
 *
 * @example
 * const context = new AdditiveAttention().apply([query, value]);
 */
import type { KerasArgs } from '../../arguments/signature.js';
import { type LayerArgs, type LayerConfig, type ShapeOrShapes, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Attention } from './attention.js';

export interface AdditiveAttentionArgs extends LayerArgs {
  /** Whether a learned vector scales the scores' features. Default true. */
  useScale?: boolean;
  /** Dropout rate on the attention weights, in training. Default 0. */
  dropout?: number;
  /** Seed of the dropout (one of Keras's keyword arguments). Default null. */
  seed?: number | null;
}

export class AdditiveAttention extends Attention {
  static override className = 'AdditiveAttention';
  static override readonly signature = layerSignature<AdditiveAttentionArgs>()({ useScale: true, dropout: 0 }, { seed: null });

  /** `new AdditiveAttention()`, `new AdditiveAttention(false)`, or `new AdditiveAttention({ useScale, dropout, seed })`. */
  constructor(...args: KerasArgs<[useScale: boolean, dropout: number], AdditiveAttentionArgs>) {
    super(AdditiveAttention.signature.resolve(args, new.target));
  }

  override build(inputShape: ShapeOrShapes): void {
    const [query] = this.checkShapes(inputShape);
    if (this.useScale) this.scale = this.addWeight({ name: 'scale', shape: [query[query.length - 1] as number], initializer: 'glorot_uniform' });
  }

  protected override scores(query: Tensor, key: Tensor): Tensor {
    const features = ops.tanh(ops.add(ops.expandDims(query, -2), ops.expandDims(key, -3)));
    return ops.sum(this.scale ? ops.multiply(this.scale.value, features) : features, -1);
  }

  /** Attention's config without `score_mode`, as Keras's. */
  override getConfig(): LayerConfig {
    const { score_mode: _scoreMode, ...config } = super.getConfig();
    return config;
  }
}

registerBuiltIn(AdditiveAttention);
