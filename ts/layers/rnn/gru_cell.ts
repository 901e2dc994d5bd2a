/**
 * Keras's GRUCell, gates z, r, h: `z = σ(x_z + h·U_z)`, `r = σ(x_r + h·U_r)`,
 * `h' = z·h + (1 − z)·activation(x_h + candidate)`. With `resetAfter` (Keras 3's default,
 * cuDNN's form) the candidate is `r·(h·U_h + b_rh)` and the bias is `(2, 3·units)`: input
 * biases, then recurrent ones; without it, `(r·h)·U_h` and one bias row.
 */
import * as activations from '../../activations.js';
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type LayerConfig, layerSignature } from '../../engine/layer.js';
import * as ops from '../../ops/index.js';
import type { FusedCell } from '../../ops/recurrent.js';
import type { Tensor } from '../../tensor/tensor.js';
import { type CellCallArgs, type CellStep, registerBuiltInCell } from './abstract_rnn_cell.js';
import { splitGates } from './gates.js';
import { RecurrentCell, type RecurrentCellArgs } from './recurrent_cell.js';

export interface GRUCellArgs extends RecurrentCellArgs {
  /** Activation of the gates; default `'sigmoid'`. */
  recurrentActivation?: string | activations.Activation | null;
  /** Whether the reset gate applies after the recurrent product (true, Keras 3's default) or before it. */
  resetAfter?: boolean;
}

export class GRUCell extends RecurrentCell {
  static override className = 'GRUCell';
  static override readonly signature = layerSignature<GRUCellArgs>()({
    units: REQUIRED, activation: 'tanh', recurrentActivation: 'sigmoid', useBias: true, kernelInitializer: 'glorot_uniform',
    recurrentInitializer: 'orthogonal', biasInitializer: 'zeros', kernelRegularizer: null, recurrentRegularizer: null, biasRegularizer: null,
    kernelConstraint: null, recurrentConstraint: null, biasConstraint: null, dropout: 0, recurrentDropout: 0, resetAfter: true, seed: null,
  });
  readonly recurrentActivation: activations.Activation;
  readonly resetAfter: boolean;
  protected readonly gates = 3;

  /** `new GRUCell(32)` or `new GRUCell({ units: 32, resetAfter: false, ... })`. */
  constructor(...args: KerasArgs<[units: number, activation: string | activations.Activation | null, recurrentActivation: string | activations.Activation | null], GRUCellArgs>) {
    const a = GRUCell.signature.resolve(args, new.target);
    super(a);
    this.recurrentActivation = activations.get(a.recurrentActivation);
    this.resetAfter = a.resetAfter;
  }

  get stateSize(): number {
    return this.units;
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  call(inputs: Tensor, states: Tensor[], args: CellCallArgs = {}): CellStep {
    const hPrev = states[0]!;
    const u = this.units;
    const [inputBias, recurrentBias] = this.biasRows();
    const [xz, xr, xh] = splitGates(this.inputProjection(inputs, inputBias, args.training), 3, u) as [Tensor, Tensor, Tensor];
    const hDropped = this.dropoutMasks.applyToState(hPrev, args.training);
    const rk = this.recurrentKernel!.value;
    const inner = this.withBias(ops.matmul(hDropped, rk), recurrentBias);
    const [mz, mr, mh] = splitGates(inner, 3, u) as [Tensor, Tensor, Tensor];
    const gate = this.recurrentActivation;
    const z = gate(ops.add(xz, mz));
    const r = gate(ops.add(xr, mr));
    const candidate = this.resetAfter ? ops.multiply(r, mh) : ops.matmul(ops.multiply(r, hDropped), ops.slice(rk, [0, 2 * u], [u, u]));
    const hh = this.activation(ops.add(xh, candidate));
    const h = ops.add(ops.multiply(z, hPrev), ops.multiply(ops.subtract(1, z), hh));
    return [h, [h]];
  }

  /** The bias added to the input projection, and with `resetAfter` the one added to the recurrent projection. */
  private biasRows(): [Tensor | null, Tensor | null] {
    const bias = this.bias?.value ?? null;
    if (!bias || !this.resetAfter) return [bias, null];
    const width = 3 * this.units;
    const row = (i: number) => ops.reshape(ops.slice(bias, [i, 0], [1, width]), [width]);
    return [row(0), row(1)];
  }

  protected fusedKind(): Pick<FusedCell, 'kind' | 'resetAfter'> {
    return { kind: 'gru', resetAfter: this.resetAfter };
  }

  protected override fusedRecurrentActivation(): string {
    return activations.serialize(this.recurrentActivation);
  }

  override getConfig(): LayerConfig {
    return this.cellConfig(
      { recurrent_activation: activations.serialize(this.recurrentActivation), use_bias: this.useBias },
      { reset_after: this.resetAfter, seed: this.seed },
    );
  }
}

registerBuiltInCell(GRUCell);
