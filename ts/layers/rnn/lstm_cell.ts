/**
 * Keras's LSTMCell: gates i, f, c, o from `x·W + b + h·U`; `c' = f·c + i·activation(z_c)`,
 * `h' = o·activation(c')`, the gates through `recurrentActivation`. States `[h, c]`.
 */
import * as activations from '../../activations.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../engine/layer.js';
import { Initializer } from '../../initializers/initializer.js';
import * as ops from '../../ops/index.js';
import type { FusedCell } from '../../ops/recurrent.js';
import type { DType, Shape, Tensor } from '../../tensor/tensor.js';
import { type CellCallArgs, type CellStep, registerBuiltInCell } from './abstract_rnn_cell.js';
import { splitGates } from './gates.js';
import { RecurrentCell, type RecurrentCellArgs } from './recurrent_cell.js';

export interface LSTMCellArgs extends RecurrentCellArgs {
  /** Activation of the gates; default `'sigmoid'`. */
  recurrentActivation?: string | activations.Activation | null;
  /** Whether the forget gate's bias starts at 1 (Jozefowicz et al.), the others from `biasInitializer`. Default true. */
  unitForgetBias?: boolean;
}

export class LSTMCell extends RecurrentCell {
  static override className = 'LSTMCell';
  static override readonly signature = layerSignature<LSTMCellArgs>()({
    units: REQUIRED, activation: 'tanh', recurrentActivation: 'sigmoid', useBias: true, kernelInitializer: 'glorot_uniform',
    recurrentInitializer: 'orthogonal', biasInitializer: 'zeros', unitForgetBias: true, kernelRegularizer: null, recurrentRegularizer: null,
    biasRegularizer: null, kernelConstraint: null, recurrentConstraint: null, biasConstraint: null, dropout: 0, recurrentDropout: 0, seed: null,
  });
  readonly recurrentActivation: activations.Activation;
  readonly unitForgetBias: boolean;
  protected readonly gates = 4;

  /** `new LSTMCell(32)` or `new LSTMCell({ units: 32, ... })`. */
  constructor(...args: KerasArgs<[units: number, activation: string | activations.Activation | null, recurrentActivation: string | activations.Activation | null], LSTMCellArgs>) {
    const a = LSTMCell.signature.resolve(args, new.target);
    super(a);
    this.recurrentActivation = activations.get(a.recurrentActivation);
    this.unitForgetBias = a.unitForgetBias;
  }

  get stateSize(): number[] {
    return [this.units, this.units];
  }

  protected override biasInitializerForBuild(): Initializer {
    const base = super.biasInitializerForBuild();
    return this.unitForgetBias ? new UnitForgetBias(base, this.units) : base;
  }

  call(inputs: Tensor, states: Tensor[], args: CellCallArgs = {}): CellStep {
    const [hPrev, cPrev] = states as [Tensor, Tensor];
    const recurrent = ops.matmul(this.dropoutMasks.applyToState(hPrev, args.training), this.recurrentKernel!.value);
    const z = ops.add(this.inputProjection(inputs, this.bias?.value ?? null, args.training), recurrent);
    const [zi, zf, zc, zo] = splitGates(z, 4, this.units) as [Tensor, Tensor, Tensor, Tensor];
    const gate = this.recurrentActivation;
    const c = ops.add(ops.multiply(gate(zf), cPrev), ops.multiply(gate(zi), this.activation(zc)));
    const h = ops.multiply(gate(zo), this.activation(c));
    return [h, [h, c]];
  }

  protected fusedKind(): Pick<FusedCell, 'kind' | 'resetAfter'> {
    return { kind: 'lstm', resetAfter: false };
  }

  protected override fusedRecurrentActivation(): string {
    return activations.serialize(this.recurrentActivation);
  }

  override getConfig(): LayerConfig {
    return this.cellConfig(
      { recurrent_activation: activations.serialize(this.recurrentActivation), use_bias: this.useBias, unit_forget_bias: this.unitForgetBias },
      { seed: this.seed },
    );
  }
}

/** Keras's unit forget bias: the configured initializer for i, c and o, ones for f (ConvLSTMCell's too, with `filters` as `units`). */
export class UnitForgetBias extends Initializer {
  constructor(private readonly base: Initializer, private readonly units: number) {
    super();
  }

  call(_shape: Shape, dtype: DType = 'float32'): Tensor {
    const u = this.units;
    const parts = [this.base.call([u], dtype), ops.ones([u], dtype), this.base.call([2 * u], dtype)];
    const bias = ops.concatenate(parts, 0);
    parts.forEach((p) => p.dispose());
    return bias;
  }
}

registerBuiltInCell(LSTMCell);
