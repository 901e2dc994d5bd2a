/**
 * Keras's ConvLSTMCell: an LSTM cell whose input and recurrent transformations are convolutions.
 * Gates i, f, c, o from `conv(x, kernel) + bias + conv(h, recurrentKernel)` ('same' padding, stride
 * 1 for the recurrent one), split along the channels; `c' = f·c + i·activation(z_c)`,
 * `h' = o·activation(c')`. States `[h, c]`, each an image of `filters` channels.
 *
 * The input convolution does not depend on the states, so ConvLSTM runs it once for all the
 * timesteps (`projectSequences`, time folded into the batch) and the step loop only the recurrent
 * part (`recurrentStep`); `call` does both for one step, for an RNN running the cell directly.
 */
import * as activations from '../../activations.js';
import { channelAxis } from '../../arguments/data_format.js';
import { REQUIRED } from '../../arguments/signature.js';
import { type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import { type WeightOptionArgs, type WeightOptions, weightHooks, weightOptions, weightOptionsConfig } from '../../engine/weight_options.js';
import * as ops from '../../ops/index.js';
import { convOutputShape } from '../../ops/output_shape.js';
import { SeedGenerator } from '../../ops/seed_generator.js';
import { keep, tidy } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape } from '../../utils/python_repr.js';
import { type ConvWindow, type ConvWindowArgs, addChannelsBias, convWindow, convWindowConfig, inputChannels } from '../convolutional/conv_window.js';
import { AbstractRNNCell, type CellCallArgs, type CellStep } from './abstract_rnn_cell.js';
import { UnitForgetBias } from './lstm_cell.js';

export interface ConvLSTMCellArgs extends LayerArgs, ConvWindowArgs, WeightOptionArgs<'kernel'>, WeightOptionArgs<'recurrent'>, WeightOptionArgs<'bias'> {
  /** The number of spatial axes of the convolutions: 1, 2 or 3. */
  rank?: number;
  /** The number of output channels, of the output and of each state. */
  filters?: number;
  /** Activation of the output and of the candidate state; default `'tanh'`. */
  activation?: string | activations.Activation | null;
  /** Activation of the gates; default `'sigmoid'`. */
  recurrentActivation?: string | activations.Activation | null;
  /** Whether the convolutions add a bias. Default true. */
  useBias?: boolean;
  /** Whether the forget gate's bias starts at 1, the others from `biasInitializer`. Default true. */
  unitForgetBias?: boolean;
  /** Fraction of the input units dropped while training (a mask per gate), in [0, 1]. Default 0. */
  dropout?: number;
  /** Fraction of the recurrent state's units dropped while training (a mask per gate), in [0, 1]. Default 0. */
  recurrentDropout?: number;
  /** Seed of the dropout masks. Default: random. */
  seed?: number | null;
}

/** `cell.kernelInitializer`, `cell.recurrentRegularizer`, … as Keras's attributes. */
export interface ConvLSTMCell extends ConvWindow, WeightOptions<'kernel'>, WeightOptions<'recurrent'>, WeightOptions<'bias'> {}

const GATES = 4;

export class ConvLSTMCell extends AbstractRNNCell {
  static override className = 'ConvLSTMCell';
  static override readonly signature = layerSignature<ConvLSTMCellArgs>()({
    rank: REQUIRED, filters: REQUIRED, kernelSize: REQUIRED, strides: 1, padding: 'valid', dataFormat: null, dilationRate: 1, activation: 'tanh',
    recurrentActivation: 'sigmoid', useBias: true, kernelInitializer: 'glorot_uniform', recurrentInitializer: 'orthogonal', biasInitializer: 'zeros',
    unitForgetBias: true, kernelRegularizer: null, recurrentRegularizer: null, biasRegularizer: null, kernelConstraint: null, recurrentConstraint: null,
    biasConstraint: null, dropout: 0, recurrentDropout: 0, seed: null,
  });
  readonly rank: number;
  readonly filters: number;
  readonly activation: activations.Activation;
  readonly recurrentActivation: activations.Activation;
  readonly useBias: boolean;
  readonly unitForgetBias: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | null;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;
  /** The step inputs' spatial sizes and channels, known once built. */
  private stepShape: { spatial: number[]; channels: number } | null = null;
  private readonly seedGenerator: SeedGenerator;
  /** One mask per gate for the inputs and for the recurrent state, drawn once per sequence. */
  private inputMasks: Tensor[] | null = null;
  private recurrentMasks: Tensor[] | null = null;

  constructor(...args: [ConvLSTMCellArgs?]) {
    const a = ConvLSTMCell.signature.resolve(args, new.target);
    if (a.rank > 3) throw new ValueError(`Rank ${a.rank} convolutions are not currently implemented. Received: rank=${a.rank}`);
    super(a);
    this.rank = a.rank;
    this.filters = a.filters;
    Object.assign(this, convWindow(a.rank, a), weightOptions(a, 'kernel'), weightOptions(a, 'recurrent'), weightOptions(a, 'bias'));
    if (Math.max(...this.strides) > 1 && Math.max(...this.dilationRate) > 1) {
      throw new ValueError(
        `Specifying \`strides > 1\` is not compatible with \`dilation_rate > 1\`. Please provide \`strides=1\` or \`dilation_rate=1\`. Received: strides=${formatShape(this.strides)} and dilation_rate=${formatShape(this.dilationRate)}`,
      );
    }
    this.activation = activations.get(a.activation);
    this.recurrentActivation = activations.get(a.recurrentActivation);
    this.useBias = a.useBias;
    this.unitForgetBias = a.unitForgetBias;
    this.dropout = Math.min(1, Math.max(0, a.dropout));
    this.recurrentDropout = Math.min(1, Math.max(0, a.recurrentDropout));
    this.seed = a.seed;
    this.seedGenerator = new SeedGenerator(a.seed);
  }

  /** Two states, `[h, c]`, whose shapes depend on the inputs (Keras writes -1): see `stateShape`. */
  get stateSize(): number[] {
    return [-1, -1];
  }

  /** `(batch, ...spatial, channels)` step inputs (channels first: `(batch, channels, ...spatial)`). */
  override build(inputShape: SymbolicShape): void {
    const spatial = this.dataFormat === 'channels_first' ? inputShape.slice(2) : inputShape.slice(1, -1);
    if (spatial.some((d) => d === null || d === undefined)) {
      throw new ValueError(`ConvLSTM layers only support static input shapes for the spatial dimension. Received invalid input shape: input_shape=${formatShape(inputShape)}`);
    }
    const channels = inputChannels(inputShape, this.dataFormat);
    this.stepShape = { spatial: spatial as number[], channels };
    const width = GATES * this.filters;
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, channels, width], ...weightHooks(this, 'kernel') });
    this.recurrentKernel = this.addWeight({ name: 'recurrent_kernel', shape: [...this.kernelSize, this.filters, width], ...weightHooks(this, 'recurrent') });
    if (this.useBias) {
      const base = weightHooks(this, 'bias');
      const initializer = this.unitForgetBias ? new UnitForgetBias(base.initializer, this.filters) : base.initializer;
      this.bias = this.addWeight({ name: 'bias', shape: [width], ...base, initializer });
    }
  }

  /** The shape of each state (and of the output) for step inputs of `inputShape`. */
  stateShape(inputShape: SymbolicShape): SymbolicShape {
    return convOutputShape(inputShape, this.filters, this.kernelSize, this.strides, this.padding, this.dataFormat, this.dilationRate);
  }

  override getInitialState(batchSize: number): Tensor[] {
    const { spatial, channels } = this.stepShape!;
    const stepShape = this.dataFormat === 'channels_last' ? [batchSize, ...spatial, channels] : [batchSize, channels, ...spatial];
    const shape = this.stateShape(stepShape) as number[];
    return [ops.zeros(shape), ops.zeros(shape)];
  }

  override call(inputs: Tensor, states: Tensor[], args: CellCallArgs = {}): CellStep {
    return this.recurrentStep(this.inputProjection(inputs, args.training), states, args.training);
  }

  /**
   * `(batch, timesteps, ...)` sequences through the input convolution, every step at once (time
   * folded into the batch): `(batch, timesteps, ...spatial', 4·filters)` gate pre-activations.
   */
  projectSequences(sequences: Tensor, training: boolean | undefined): Tensor {
    const [batch, steps, ...step] = sequences.shape as number[];
    const folded = ops.reshape(sequences, [batch! * steps!, ...step]);
    const masks = this.inputDropoutMasks([batch!, ...step], training);
    // The same input mask at every step: repeated along time, in the folded batch.
    const repeated = masks?.map((m) => ops.reshape(ops.repeat(ops.expandDims(m, 1), steps!, 1), [batch! * steps!, ...step]));
    const projected = this.convolveGates(folded, this.kernel!.value, repeated ?? null, { strides: this.strides, padding: this.padding, dilationRate: this.dilationRate });
    const withBias = this.bias ? addChannelsBias(projected, this.bias.value, this.dataFormat) : projected;
    return ops.reshape(withBias, [batch!, steps!, ...withBias.shape.slice(1)]);
  }

  /** One step from the gate pre-activations of its inputs: the recurrent convolution, then the LSTM gates. */
  recurrentStep(projected: Tensor, states: Tensor[], training: boolean | undefined): CellStep {
    const [hPrev, cPrev] = states as [Tensor, Tensor];
    const masks = this.recurrentDropoutMasks(hPrev.shape, training);
    const recurrent = this.convolveGates(hPrev, this.recurrentKernel!.value, masks, { strides: this.strides.map(() => 1), padding: 'same' });
    const [zi, zf, zc, zo] = this.splitGates(ops.add(projected, recurrent));
    const gate = this.recurrentActivation;
    const c = ops.add(ops.multiply(gate(zf!), cPrev), ops.multiply(gate(zi!), this.activation(zc!)));
    const h = ops.multiply(gate(zo!), this.activation(c));
    return [h, [h, c]];
  }

  /** Forgets the sequence's dropout masks. */
  resetDropoutMasks(): void {
    [...(this.inputMasks ?? []), ...(this.recurrentMasks ?? [])].forEach((m) => m.dispose());
    this.inputMasks = this.recurrentMasks = null;
  }

  private inputProjection(inputs: Tensor, training: boolean | undefined): Tensor {
    const masks = this.inputDropoutMasks(inputs.shape, training);
    const projected = this.convolveGates(inputs, this.kernel!.value, masks, { strides: this.strides, padding: this.padding, dilationRate: this.dilationRate });
    return this.bias ? addChannelsBias(projected, this.bias.value, this.dataFormat) : projected;
  }

  /** `conv(x, kernel)` for all four gates; with dropout masks, each gate's block convolves its own masked `x`. */
  private convolveGates(x: Tensor, kernel: Tensor, masks: Tensor[] | null, window: { strides: number[]; padding: 'valid' | 'same'; dilationRate?: number[] }): Tensor {
    const options = { ...window, dataFormat: this.dataFormat };
    if (!masks) return ops.conv(x, kernel, options);
    const gateKernels = this.splitKernel(kernel);
    const gates = masks.map((mask, g) => ops.conv(ops.multiply(x, mask), gateKernels[g]!, options));
    return ops.concatenate(gates, channelAxis(x.shape.length, this.dataFormat));
  }

  /** The kernel's four gate blocks of `filters` output channels. */
  private splitKernel(kernel: Tensor): Tensor[] {
    const leading = kernel.shape.slice(0, -1);
    return Array.from({ length: GATES }, (_, g) => ops.slice(kernel, [...leading.map(() => 0), g * this.filters], [...leading, this.filters]));
  }

  /** The four gate blocks of pre-activations along the channels axis. */
  private splitGates(z: Tensor): Tensor[] {
    const axis = channelAxis(z.shape.length, this.dataFormat);
    const size = z.shape.map((d, i) => (i === axis ? this.filters : d));
    return Array.from({ length: GATES }, (_, g) => ops.slice(z, z.shape.map((_d, i) => (i === axis ? g * this.filters : 0)), size));
  }

  /** Keras draws dropout masks only for rates strictly between 0 and 1. */
  private inputDropoutMasks(shape: number[], training: boolean | undefined): Tensor[] | null {
    if (!training || !(this.dropout > 0 && this.dropout < 1)) return null;
    this.inputMasks ??= this.gateMasks(shape, this.dropout);
    return this.inputMasks;
  }

  private recurrentDropoutMasks(shape: number[], training: boolean | undefined): Tensor[] | null {
    if (!training || !(this.recurrentDropout > 0 && this.recurrentDropout < 1)) return null;
    this.recurrentMasks ??= this.gateMasks(shape, this.recurrentDropout);
    return this.recurrentMasks;
  }

  /** Four masks of 0 or `1 / (1 - rate)`, kept across the steps of a sequence. */
  private gateMasks(shape: number[], rate: number): Tensor[] {
    const kept = 1 - rate;
    return Array.from({ length: GATES }, () => keep(tidy(() => ops.where(ops.less(ops.randomUniform(shape, { seed: this.seedGenerator }), kept), 1 / kept, 0))));
  }

  /** Keras's cell config (it has no `rank`: ConvLSTM layers write it flat, without the cell). */
  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...convWindowConfig(this),
      activation: activations.serialize(this.activation),
      recurrent_activation: activations.serialize(this.recurrentActivation),
      use_bias: this.useBias,
      unit_forget_bias: this.unitForgetBias,
      ...weightOptionsConfig(this, 'kernel'),
      ...weightOptionsConfig(this, 'recurrent'),
      ...weightOptionsConfig(this, 'bias'),
      dropout: this.dropout,
      recurrent_dropout: this.recurrentDropout,
      seed: this.seed,
    };
  }

  override dispose(): void {
    this.resetDropoutMasks();
    super.dispose();
  }
}
