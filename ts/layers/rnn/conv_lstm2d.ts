/** Keras's ConvLSTM2D: an LSTM whose input and recurrent transformations are 2-D convolutions, over `(batch, timesteps, ...2 spatial axes, channels)`. */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { ConvLSTM, type ConvLSTMArgs, convLSTMSignature } from './conv_lstm.js';

export class ConvLSTM2D extends ConvLSTM {
  static override className = 'ConvLSTM2D';
  static override readonly signature = convLSTMSignature();

  /** `new ConvLSTM2D(16, 3)`, `new ConvLSTM2D(16, 3, { padding: 'same', returnSequences: true })` or `new ConvLSTM2D({ filters: 16, kernelSize: 3, ... })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: 'valid' | 'same'], ConvLSTMArgs>) {
    super(2, ConvLSTM2D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(ConvLSTM2D);
