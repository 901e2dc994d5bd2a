/** Keras's ConvLSTM1D: an LSTM whose input and recurrent transformations are 1-D convolutions, over `(batch, timesteps, ...1 spatial axes, channels)`. */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { ConvLSTM, type ConvLSTMArgs, convLSTMSignature } from './conv_lstm.js';

export class ConvLSTM1D extends ConvLSTM {
  static override className = 'ConvLSTM1D';
  static override readonly signature = convLSTMSignature();

  /** `new ConvLSTM1D(16, 3)`, `new ConvLSTM1D(16, 3, { padding: 'same', returnSequences: true })` or `new ConvLSTM1D({ filters: 16, kernelSize: 3, ... })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: 'valid' | 'same'], ConvLSTMArgs>) {
    super(1, ConvLSTM1D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(ConvLSTM1D);
