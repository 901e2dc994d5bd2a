/** Keras's SimpleRNN layer: a fully-connected RNN whose output is fed back, fused into one Rust kernel per sequence. */
import type * as activations from '../../activations.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BuiltInRNN, cellKeywords, rnnArgs } from './built_in_rnn.js';
import type { RNNOptions } from './rnn.js';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple_rnn_cell.js';

export interface SimpleRNNArgs extends SimpleRNNCellArgs, RNNOptions {}

export class SimpleRNN extends BuiltInRNN<SimpleRNNCell> {
  static override className = 'SimpleRNN';
  static override readonly signature = layerSignature<SimpleRNNArgs>()({
    units: REQUIRED, activation: 'tanh', useBias: true, kernelInitializer: 'glorot_uniform', recurrentInitializer: 'orthogonal',
    biasInitializer: 'zeros', kernelRegularizer: null, recurrentRegularizer: null, biasRegularizer: null, activityRegularizer: null,
    kernelConstraint: null, recurrentConstraint: null, biasConstraint: null, dropout: 0, recurrentDropout: 0, returnSequences: false,
    returnState: false, goBackwards: false, stateful: false, unroll: false, seed: null,
  }, { zeroOutputForMask: false });

  /** `new SimpleRNN(32)`, `new SimpleRNN(32, 'relu')` or `new SimpleRNN({ units: 32, ... })`. */
  constructor(...args: KerasArgs<[units: number, activation: string | activations.Activation | null], SimpleRNNArgs>) {
    const a = SimpleRNN.signature.resolve(args, new.target);
    const cell = new SimpleRNNCell({
      units: a.units, activation: a.activation, useBias: a.useBias, kernelInitializer: a.kernelInitializer,
      recurrentInitializer: a.recurrentInitializer, biasInitializer: a.biasInitializer, kernelRegularizer: a.kernelRegularizer,
      recurrentRegularizer: a.recurrentRegularizer, biasRegularizer: a.biasRegularizer, kernelConstraint: a.kernelConstraint,
      recurrentConstraint: a.recurrentConstraint, biasConstraint: a.biasConstraint, dropout: a.dropout,
      recurrentDropout: a.recurrentDropout, seed: a.seed, ...cellKeywords(a, 'simple_rnn_cell'),
    });
    super(cell, rnnArgs(a));
  }

  /** Keras's SimpleRNN config has no `seed` (its cell's has). */
  override getConfig(): LayerConfig {
    const { seed: _seed, ...config } = super.getConfig();
    return config;
  }
}

registerBuiltIn(SimpleRNN);
