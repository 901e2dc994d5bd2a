/** Keras's SimpleRNNCell: `h' = activation(x·W + b + h·U)`; the output is the new state. */
import type { Activation } from '../../activations.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import type { FusedCell } from '../../ops/recurrent.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type CellCallArgs, type CellStep, registerBuiltInCell } from './abstract_rnn_cell.js';
import { RecurrentCell, type RecurrentCellArgs } from './recurrent_cell.js';

export type SimpleRNNCellArgs = RecurrentCellArgs;

export class SimpleRNNCell extends RecurrentCell {
  static override className = 'SimpleRNNCell';
  static override readonly signature = layerSignature<SimpleRNNCellArgs>()({
    units: REQUIRED, activation: 'tanh', useBias: true, kernelInitializer: 'glorot_uniform', recurrentInitializer: 'orthogonal',
    biasInitializer: 'zeros', kernelRegularizer: null, recurrentRegularizer: null, biasRegularizer: null, kernelConstraint: null,
    recurrentConstraint: null, biasConstraint: null, dropout: 0, recurrentDropout: 0, seed: null,
  });
  protected readonly gates = 1;

  /** `new SimpleRNNCell(32)`, `new SimpleRNNCell(32, 'relu')` or `new SimpleRNNCell({ units: 32, ... })`. */
  constructor(...args: KerasArgs<[units: number, activation: string | Activation | null], SimpleRNNCellArgs>) {
    super(SimpleRNNCell.signature.resolve(args, new.target));
  }

  get stateSize(): number {
    return this.units;
  }

  call(inputs: Tensor, states: Tensor[], args: CellCallArgs = {}): CellStep {
    const previous = this.dropoutMasks.applyToState(states[0]!, args.training);
    const h = this.activation(ops.add(this.inputProjection(inputs, this.bias?.value ?? null, args.training), ops.matmul(previous, this.recurrentKernel!.value)));
    return [h, [h]];
  }

  protected fusedKind(): Pick<FusedCell, 'kind' | 'resetAfter'> {
    return { kind: 'simple_rnn', resetAfter: false };
  }

  /** SimpleRNN has no gates: any fused activation stands for the unused one. */
  protected override fusedRecurrentActivation(): string {
    return 'linear';
  }

  override getConfig(): LayerConfig {
    return this.cellConfig({ use_bias: this.useBias }, { seed: this.seed });
  }
}

registerBuiltInCell(SimpleRNNCell);
