/**
 * The base of Keras's built-in cells (SimpleRNNCell, GRUCell, LSTMCell): `units`, the
 * activation, the three weights `kernel` (input_dim, gates·units), `recurrent_kernel`
 * (units, gates·units) and `bias` with their initializer/regularizer/constraint triples,
 * dropout on the inputs and on the recurrent state, and their shared part of the config.
 * A built-in cell also describes itself to the fused sequence kernel (`fused`).
 */
import * as activations from '../../activations.js';
import { ofType } from '../../arguments/received.js';
import type { LayerArgs, LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import type { Initializer } from '../../initializers/initializer.js';
import * as ops from '../../ops/index.js';
import { FUSED_ACTIVATIONS, type FusedCell } from '../../ops/recurrent.js';
import { SeedGenerator } from '../../ops/seed_generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { AbstractRNNCell } from './abstract_rnn_cell.js';
import { DropoutMasks } from './dropout_masks.js';

export interface RecurrentCellArgs extends LayerArgs, WeightOptionArgs<'kernel'>, WeightOptionArgs<'recurrent'>, WeightOptionArgs<'bias'> {
  /** Dimensionality of the output space and of each state (a positive integer). */
  units?: number;
  /** Activation of the output (and of the candidate state); default `'tanh'`. */
  activation?: string | activations.Activation | null;
  /** Whether the cell adds a bias. Default true. */
  useBias?: boolean;
  /** Fraction of the input units dropped while training, in [0, 1]. Default 0. */
  dropout?: number;
  /** Fraction of the recurrent state's units dropped while training, in [0, 1]. Default 0. */
  recurrentDropout?: number;
  /** Seed of the dropout masks. Default: random. */
  seed?: number | null;
}

/** `layer.kernelInitializer`, `layer.recurrentRegularizer`, … as Keras's attributes. */
export interface RecurrentCell extends WeightOptions<'kernel'>, WeightOptions<'recurrent'>, WeightOptions<'bias'> {}

type ResolvedCellArgs = RecurrentCellArgs & Required<Pick<RecurrentCellArgs, 'units' | 'activation' | 'useBias' | 'dropout' | 'recurrentDropout' | 'seed'>>;

export abstract class RecurrentCell extends AbstractRNNCell {
  readonly units: number;
  readonly activation: activations.Activation;
  readonly useBias: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | null;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;
  /** The masks of the sequence being run (see `DropoutMasks`). */
  readonly dropoutMasks: DropoutMasks;
  /** Blocks of `units` columns in the kernels: one per gate. */
  protected abstract readonly gates: number;

  constructor(args: ResolvedCellArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units <= 0) {
      throw new ValueError(`Received an invalid value for argument \`units\`, expected a positive integer, got ${pythonStr(args.units)}${ofType(args.units)}.`);
    }
    this.units = args.units;
    this.activation = activations.get(args.activation);
    this.useBias = args.useBias;
    // Keras clips both rates into [0, 1].
    this.dropout = Math.min(1, Math.max(0, args.dropout));
    this.recurrentDropout = Math.min(1, Math.max(0, args.recurrentDropout));
    this.seed = args.seed;
    this.dropoutMasks = new DropoutMasks(this.dropout, this.recurrentDropout, new SeedGenerator(this.seed));
    Object.assign(this, weightOptions(args, 'kernel'), weightOptions(args, 'recurrent'), weightOptions(args, 'bias'));
  }

  override get outputSize(): number {
    return this.units;
  }

  override build(inputShape: SymbolicShape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new ValueError(`Layer "${this.name}": the last dimension of the inputs to a recurrent cell should be defined. Found None.`);
    }
    const width = this.gates * this.units;
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputDim, width], ...weightHooks(this, 'kernel') });
    this.recurrentKernel = this.addWeight({ name: 'recurrent_kernel', shape: [this.units, width], ...weightHooks(this, 'recurrent') });
    if (this.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: this.biasShape(), ...weightHooks(this, 'bias'), initializer: this.biasInitializerForBuild() });
    }
  }

  /** The bias's shape: one value per kernel column. */
  protected biasShape(): number[] {
    return [this.gates * this.units];
  }

  /** The initializer `build` gives the bias (LSTMCell's unit forget bias wraps the configured one). */
  protected biasInitializerForBuild(): Initializer {
    return weightHooks(this, 'bias').initializer;
  }

  /** The cell's description for the fused kernel, or null when one of its activations has none. */
  fused(): FusedCell | null {
    const activation = activations.serialize(this.activation);
    const recurrentActivation = this.fusedRecurrentActivation();
    if (!FUSED_ACTIVATIONS.has(activation) || !FUSED_ACTIVATIONS.has(recurrentActivation)) return null;
    const weights = [this.kernel!.value, this.recurrentKernel!.value, ...(this.bias ? [this.bias.value] : [])];
    return { ...this.fusedKind(), activation, recurrentActivation, weights };
  }

  /** Which fused cell this is. */
  protected abstract fusedKind(): Pick<FusedCell, 'kind' | 'resetAfter'>;

  /** Keras's name of the gates' activation (cells without gates: any fused one). */
  protected fusedRecurrentActivation(): string {
    return 'sigmoid';
  }

  /** `inputs · kernel (+ bias)` for one step, the inputs dropped out while training. */
  protected inputProjection(inputs: Tensor, bias: Tensor | null, training: boolean | undefined): Tensor {
    return this.withBias(ops.matmul(this.dropoutMasks.applyToInput(inputs, training), this.kernel!.value), bias);
  }

  protected withBias(x: Tensor, bias: Tensor | null): Tensor {
    return bias ? ops.add(x, bias) : x;
  }

  /** The three weights' initializers, then their regularizers, then their constraints, as Keras's cells list them. */
  private weightOptionsInKerasOrder(): LayerConfig {
    const entries = (['kernel', 'recurrent', 'bias'] as const).flatMap((w) => Object.entries(weightOptionsConfig(this, w)));
    const kind = (suffix: string) => entries.filter(([key]) => key.endsWith(suffix));
    return Object.fromEntries([...kind('_initializer'), ...kind('_regularizer'), ...kind('_constraint')]);
  }

  /** The config entries every built-in cell writes, in Keras's order around the cell's own. */
  protected cellConfig(own: LayerConfig, afterDropout: LayerConfig = {}): LayerConfig {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: activations.serialize(this.activation),
      ...own,
      ...this.weightOptionsInKerasOrder(),
      dropout: this.dropout,
      recurrent_dropout: this.recurrentDropout,
      ...afterDropout,
    };
  }
}
