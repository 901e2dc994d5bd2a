/** Keras's GRU layer (Cho 2014): an RNN over a GRUCell, fused into one Rust kernel per sequence. */
import type * as activations from '../../activations.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { BuiltInRNN, cellKeywords, rnnArgs } from './built_in_rnn.js';
import { GRUCell, type GRUCellArgs } from './gru_cell.js';
import type { RNNOptions } from './rnn.js';

export interface GRUArgs extends GRUCellArgs, RNNOptions {
  /** Keras's choice of the cuDNN kernel; kerasm's fused kernel runs whatever the value. Default 'auto'. */
  useCudnn?: 'auto' | boolean;
}

export class GRU extends BuiltInRNN<GRUCell> {
  static override className = 'GRU';
  static override readonly signature = layerSignature<GRUArgs>()({
    units: REQUIRED, activation: 'tanh', recurrentActivation: 'sigmoid', useBias: true, kernelInitializer: 'glorot_uniform',
    recurrentInitializer: 'orthogonal', biasInitializer: 'zeros', kernelRegularizer: null, recurrentRegularizer: null, biasRegularizer: null,
    activityRegularizer: null, kernelConstraint: null, recurrentConstraint: null, biasConstraint: null, dropout: 0, recurrentDropout: 0, seed: null,
    returnSequences: false, returnState: false, goBackwards: false, stateful: false, unroll: false, resetAfter: true, useCudnn: 'auto',
  }, { zeroOutputForMask: false });

  /** `new GRU(128)`, `new GRU(64, { resetAfter: false })` or `new GRU({ units: 32, ... })`. */
  constructor(...args: KerasArgs<[units: number, activation: string | activations.Activation | null, recurrentActivation: string | activations.Activation | null], GRUArgs>) {
    const a = GRU.signature.resolve(args, new.target);
    const cell = new GRUCell({
      units: a.units, activation: a.activation, recurrentActivation: a.recurrentActivation, useBias: a.useBias,
      kernelInitializer: a.kernelInitializer, recurrentInitializer: a.recurrentInitializer, biasInitializer: a.biasInitializer,
      kernelRegularizer: a.kernelRegularizer, recurrentRegularizer: a.recurrentRegularizer, biasRegularizer: a.biasRegularizer,
      kernelConstraint: a.kernelConstraint, recurrentConstraint: a.recurrentConstraint, biasConstraint: a.biasConstraint,
      dropout: a.dropout, recurrentDropout: a.recurrentDropout, resetAfter: a.resetAfter, seed: a.seed, ...cellKeywords(a, 'gru_cell'),
    });
    super(cell, rnnArgs(a));
  }

  get recurrentActivation(): activations.Activation {
    return this.cell.recurrentActivation;
  }

  get resetAfter(): boolean {
    return this.cell.resetAfter;
  }
}

registerBuiltIn(GRU);
