/** Keras's ConvLSTM3D: an LSTM whose input and recurrent transformations are 3-D convolutions, over `(batch, timesteps, ...3 spatial axes, channels)`. */
import type { KerasArgs } from '../../arguments/signature.js';
import { registerBuiltIn } from '../../engine/registry.js';
import { ConvLSTM, type ConvLSTMArgs, convLSTMSignature } from './conv_lstm.js';

export class ConvLSTM3D extends ConvLSTM {
  static override className = 'ConvLSTM3D';
  static override readonly signature = convLSTMSignature();

  /** `new ConvLSTM3D(16, 3)`, `new ConvLSTM3D(16, 3, { padding: 'same', returnSequences: true })` or `new ConvLSTM3D({ filters: 16, kernelSize: 3, ... })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: 'valid' | 'same'], ConvLSTMArgs>) {
    super(3, ConvLSTM3D.signature.resolve(args, new.target));
  }
}

registerBuiltIn(ConvLSTM3D);
