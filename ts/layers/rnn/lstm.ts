/** Keras's LSTM layer (Hochreiter 1997): an RNN over an LSTMCell, fused into one Rust kernel per sequence. */
import type * as activations from '../../activations.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BuiltInRNN, cellKeywords, rnnArgs } from './built_in_rnn.js';
import { LSTMCell, type LSTMCellArgs } from './lstm_cell.js';
import type { RNNOptions } from './rnn.js';

export interface LSTMArgs extends LSTMCellArgs, RNNOptions {
  /** Keras's choice of the cuDNN kernel; kerasm's fused kernel runs whatever the value. Default 'auto'. */
  useCudnn?: 'auto' | boolean;
}

export class LSTM extends BuiltInRNN<LSTMCell> {
  static override className = 'LSTM';
  static override readonly signature = layerSignature<LSTMArgs>()({
    units: REQUIRED, activation: 'tanh', recurrentActivation: 'sigmoid', useBias: true, kernelInitializer: 'glorot_uniform',
    recurrentInitializer: 'orthogonal', biasInitializer: 'zeros', unitForgetBias: true, kernelRegularizer: null, recurrentRegularizer: null,
    biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, recurrentConstraint: null, biasConstraint: null, dropout: 0,
    recurrentDropout: 0, seed: null, returnSequences: false, returnState: false, goBackwards: false, stateful: false, unroll: false, useCudnn: 'auto',
  }, { zeroOutputForMask: false });

  /** `new LSTM(128)`, `new LSTM(64, { returnSequences: true })` or `new LSTM({ units: 32, ... })`. */
  constructor(...args: KerasArgs<[units: number, activation: string | activations.Activation | null, recurrentActivation: string | activations.Activation | null], LSTMArgs>) {
    const a = LSTM.signature.resolve(args, new.target);
    const cell = new LSTMCell({
      units: a.units, activation: a.activation, recurrentActivation: a.recurrentActivation, useBias: a.useBias,
      kernelInitializer: a.kernelInitializer, recurrentInitializer: a.recurrentInitializer, biasInitializer: a.biasInitializer,
      unitForgetBias: a.unitForgetBias, kernelRegularizer: a.kernelRegularizer, recurrentRegularizer: a.recurrentRegularizer,
      biasRegularizer: a.biasRegularizer, kernelConstraint: a.kernelConstraint, recurrentConstraint: a.recurrentConstraint,
      biasConstraint: a.biasConstraint, dropout: a.dropout, recurrentDropout: a.recurrentDropout, seed: a.seed, ...cellKeywords(a, 'lstm_cell'),
    });
    super(cell, rnnArgs(a));
  }

  get recurrentActivation(): activations.Activation {
    return this.cell.recurrentActivation;
  }

  get unitForgetBias(): boolean {
    return this.cell.unitForgetBias;
  }
}

registerBuiltIn(LSTM);
