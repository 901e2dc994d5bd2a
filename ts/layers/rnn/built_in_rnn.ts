/**
 * The base of LSTM, GRU and SimpleRNN: an RNN over one built-in cell that the layer makes from
 * its own arguments. Its config is flat, as Keras writes it: the RNN options, then the cell's
 * options (no `cell` entry), and it exposes the cell's options as its own attributes.
 */
import type { Activation } from '../../activations.js';
import { InputSpec } from '../../engine/input_spec.js';
import { LAYER_KEYWORDS, type Layer, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import { construct } from '../../engine/registry.js';
import * as regularizers from '../../regularizers.js';
import type { RecurrentCell } from './recurrent_cell.js';
import { RNN, type RNNOptions } from './rnn.js';

/** The options a built-in recurrent layer passes to RNN with the cell: the RNN options and the layer keywords. */
export function rnnArgs(a: RNNOptions & LayerArgs): RNNOptions & LayerArgs {
  const layerKeywords = Object.fromEntries(Object.keys(LAYER_KEYWORDS).map((key) => [key, a[key as keyof LayerArgs]]));
  const { returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask } = a;
  return { ...layerKeywords, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask };
}

/** The cell's own arguments from a layer's: its keywords, with Keras's cell name. */
export function cellKeywords(a: LayerArgs, name: string): LayerArgs {
  return { name, dtype: a.dtype, trainable: a.trainable };
}

export abstract class BuiltInRNN<C extends RecurrentCell> extends RNN {
  declare readonly cell: C;

  constructor(cell: C, args: RNNOptions & LayerArgs) {
    super({ ...args, cell });
    this.sequenceSpec = new InputSpec({ ndim: 3 });
  }

  get units(): number {
    return this.cell.units;
  }

  get activation(): Activation {
    return this.cell.activation;
  }

  get useBias(): boolean {
    return this.cell.useBias;
  }

  get dropout(): number {
    return this.cell.dropout;
  }

  get recurrentDropout(): number {
    return this.cell.recurrentDropout;
  }

  /** The RNN options, then the cell's own options and the layer's activity regularizer. */
  override getConfig(): LayerConfig {
    const { name: _name, trainable: _trainable, dtype: _dtype, ...cellOptions } = this.cell.getConfig();
    return { ...this.rnnConfig(), ...cellOptions, activity_regularizer: regularizers.serialize(this.activityRegularizer) };
  }

  /** The layer of its flat config (it makes its cell itself). */
  static override fromConfig(config: LayerConfig): Layer {
    return construct(this as never, config);
  }
}
