/**
 * The base of Keras's ConvLSTM1D, ConvLSTM2D and ConvLSTM3D: an RNN over a ConvLSTMCell that the
 * layer makes from its own arguments, over `(batch, timesteps, ...spatial, channels)` sequences
 * (channels first: `(batch, timesteps, channels, ...spatial)`). The input convolution runs once
 * for every timestep (time folded into the batch), then the step loop runs the recurrent
 * convolution and the gates. Its config is flat, as Keras writes it: the RNN options, then the
 * cell's options.
 */
import type * as activations from '../../activations.js';
import type { DataFormat } from '../../arguments/data_format.js';
import { REQUIRED, type Resolved } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type Layer, type LayerConfig, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import { construct } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { RecurrentResult } from '../../ops/recurrent.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { formatShape } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { cellKeywords, rnnArgs } from './built_in_rnn.js';
import { ConvLSTMCell, type ConvLSTMCellArgs } from './conv_lstm_cell.js';
import { RNN, type RNNOptions } from './rnn.js';
import { runStepLoop } from './step_loop.js';

export interface ConvLSTMArgs extends Omit<ConvLSTMCellArgs, 'rank'>, RNNOptions {}

/** Keras's ConvLSTM1D/2D/3D signature: the cell's arguments, then the RNN options (unroll and zeroOutputForMask as keywords). */
export function convLSTMSignature() {
  return layerSignature<ConvLSTMArgs>()({
    filters: REQUIRED, kernelSize: REQUIRED, strides: 1, padding: 'valid', dataFormat: null, dilationRate: 1, activation: 'tanh',
    recurrentActivation: 'sigmoid', useBias: true, kernelInitializer: 'glorot_uniform', recurrentInitializer: 'orthogonal', biasInitializer: 'zeros',
    unitForgetBias: true, kernelRegularizer: null, recurrentRegularizer: null, biasRegularizer: null, activityRegularizer: null, kernelConstraint: null,
    recurrentConstraint: null, biasConstraint: null, dropout: 0, recurrentDropout: 0, seed: null, returnSequences: false, returnState: false,
    goBackwards: false, stateful: false,
  }, { unroll: false, zeroOutputForMask: false });
}

/** The arguments of a ConvLSTM layer once its signature resolved them. */
export type ResolvedConvLSTMArgs = Resolved<ConvLSTMArgs, ReturnType<typeof convLSTMSignature>['params']>;

export abstract class ConvLSTM extends RNN {
  declare readonly cell: ConvLSTMCell;

  /** `args`: the leaf class's resolved arguments. */
  constructor(rank: number, a: ResolvedConvLSTMArgs) {
    const cell = new ConvLSTMCell({
      rank, filters: a.filters, kernelSize: a.kernelSize, strides: a.strides, padding: a.padding, dataFormat: a.dataFormat, dilationRate: a.dilationRate,
      activation: a.activation, recurrentActivation: a.recurrentActivation, useBias: a.useBias, kernelInitializer: a.kernelInitializer,
      recurrentInitializer: a.recurrentInitializer, biasInitializer: a.biasInitializer, unitForgetBias: a.unitForgetBias,
      kernelRegularizer: a.kernelRegularizer, recurrentRegularizer: a.recurrentRegularizer, biasRegularizer: a.biasRegularizer,
      kernelConstraint: a.kernelConstraint, recurrentConstraint: a.recurrentConstraint, biasConstraint: a.biasConstraint, dropout: a.dropout,
      recurrentDropout: a.recurrentDropout, seed: a.seed, ...cellKeywords(a, 'conv_lstm_cell'),
    });
    super({ ...rnnArgs(a), cell });
    this.sequenceSpec = new InputSpec({ ndim: rank + 3 });
  }

  get filters(): number { return this.cell.filters; }
  get kernelSize(): number[] { return this.cell.kernelSize; }
  get strides(): number[] { return this.cell.strides; }
  get padding(): 'valid' | 'same' { return this.cell.padding; }
  get dataFormat(): DataFormat { return this.cell.dataFormat; }
  get dilationRate(): number[] { return this.cell.dilationRate; }
  get activation(): activations.Activation { return this.cell.activation; }
  get recurrentActivation(): activations.Activation { return this.cell.recurrentActivation; }
  get useBias(): boolean { return this.cell.useBias; }
  get unitForgetBias(): boolean { return this.cell.unitForgetBias; }
  get dropout(): number { return this.cell.dropout; }
  get recurrentDropout(): number { return this.cell.recurrentDropout; }

  /** The input convolution of every step at once, then the step loop over the recurrent part. */
  protected override run(sequences: Tensor, initial: Tensor[], mask: Tensor | null, training: boolean | undefined): RecurrentResult {
    const cell = this.cell;
    const stepper = { stateSize: cell.stateSize, call: (projected: Tensor, states: Tensor[]) => cell.recurrentStep(projected, states, training) };
    try {
      const projected = cell.projectSequences(sequences, training);
      const options = { goBackwards: this.goBackwards, returnSequences: this.returnSequences, zeroOutputForMask: this.zeroOutputForMask, training, outputState: 0 };
      return runStepLoop(stepper, projected, initial, mask, options);
    } finally {
      cell.resetDropoutMasks();
    }
  }

  /** Initial states given as inputs must be `(batch, ...)` of the state's shape. */
  protected override checkStateShapes(sequences: SymbolicShape, stateShapes: SymbolicShape[]): void {
    if (stateShapes.length === 0) return;
    const expected = this.stateShapeFor(sequences);
    if (stateShapes.length !== 2) {
      throw new ValueError(`Layer "${this.name}" expects 2 initial states of shape ${formatShape(expected)}, received ${stateShapes.length}: ${stateShapes.map(formatShape).join(', ')}`);
    }
    stateShapes.forEach((shape, i) => {
      if (shape.length !== expected.length || shape.some((d, k) => k > 0 && d !== expected[k])) {
        throw new ValueError(`Layer "${this.name}": initial state ${i} has shape ${formatShape(shape)}, expected ${formatShape(expected)} for inputs of shape ${formatShape(sequences)}`);
      }
    });
  }

  /** The shape of the output of one step and of each state. */
  private stateShapeFor(sequences: SymbolicShape): SymbolicShape {
    return this.cell.stateShape([sequences[0] ?? null, ...sequences.slice(2)]);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const sequences = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    const state = this.stateShapeFor(sequences);
    const output = this.returnSequences ? [state[0]!, sequences[1] ?? null, ...state.slice(1)] : state;
    return this.returnState ? [output, state, state] : output;
  }

  /** The RNN options, then the cell's own options and the layer's activity regularizer (Keras's flat config). */
  override getConfig(): LayerConfig {
    const { name: _name, trainable: _trainable, dtype: _dtype, ...cellOptions } = this.cell.getConfig();
    return { ...this.rnnConfig(), ...cellOptions, activity_regularizer: regularizers.serialize(this.activityRegularizer) };
  }

  /** The layer of its flat config (it makes its cell itself). */
  static override fromConfig(config: LayerConfig): Layer {
    return construct(this as never, config);
  }
}
