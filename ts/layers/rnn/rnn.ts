/**
 * Keras's RNN layer: runs a cell over the timesteps of `(batch, timesteps, ...)` sequences.
 * The built-in cells (LSTMCell, GRUCell, SimpleRNNCell) take the fused Rust kernel (one call and
 * one gradient node per sequence) unless their activations have no fused form or recurrent
 * dropout is training; any other cell, including a user's, runs step by step with ops.
 *
 * Initial states are given as extra inputs, `layer.apply([sequences, h0, c0])`; with `stateful`
 * the final states of a batch are the initial states of the next (`resetStates()` zeroes them).
 * Masks (from `Embedding({ maskZero: true })` or `Masking`) carry the state and output through
 * the masked steps.
 */
import { type KerasArgs, REQUIRED, type Signature } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import { type CustomObjects, type SerializedObject, construct, registerBuiltIn } from '../../engine/registry.js';
import { InputSpec, assertInputCompatibility } from '../../engine/input_spec.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { type RecurrentResult, fusedRecurrence } from '../../ops/recurrent.js';
import { keep } from '../../tensor/scope.js';
import { type Tensor, formatShape } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { type AbstractRNNCell, type RNNCellLayer, isCell, stateSizes } from './abstract_rnn_cell.js';
import { RecurrentCell } from './recurrent_cell.js';
import { deserializeWithBuildShape, serializeBuilt } from './build_config.js';
import { StackedRNNCells } from './stacked_rnn_cells.js';
import { runStepLoop } from './step_loop.js';

/** A cell, a user's Layer with `stateSize` and `call(inputs, states)`, or a list of them (stacked). */
export type CellArg = AbstractRNNCell | Layer | (AbstractRNNCell | Layer)[];

export interface RNNArgs extends LayerArgs {
  /** The cell run at each step (a list is stacked into `StackedRNNCells`). */
  cell?: CellArg;
  /** Whether to return the output of every step (`(batch, timesteps, units)`) or only the last one. Default false. */
  returnSequences?: boolean;
  /** Whether to return the final states after the output. Default false. */
  returnState?: boolean;
  /** Whether to process the sequence backwards (the outputs then come in reversed order). Default false. */
  goBackwards?: boolean;
  /** Whether each batch starts from the final states of the previous one (needs a fixed batch size). Default false. */
  stateful?: boolean;
  /**
   * Keras's loop unrolling, a speed choice of its graph backends; kerasm computes the same loop
   * either way (Keras's unrolled form differs only for masked leading steps, whose output it
   * zeroes instead of passing the initial state's). Default false.
   */
  unroll?: boolean;
  /** Whether masked steps output zeros instead of the previous output. Default false. */
  zeroOutputForMask?: boolean;
}

/** The options of the RNN layer itself, which LSTM, GRU and SimpleRNN pass on. */
export type RNNOptions = Omit<RNNArgs, 'cell'>;

const rnnSignature = layerSignature<RNNArgs>()({
  cell: REQUIRED, returnSequences: false, returnState: false, goBackwards: false, stateful: false, unroll: false, zeroOutputForMask: false,
});

export class RNN extends Layer {
  static override className = 'RNN';
  /** Declared as any signature, since LSTM, GRU and SimpleRNN (Keras's subclasses of RNN) take other parameters. */
  static override readonly signature: Signature<object> = rnnSignature;
  readonly cell: RNNCellLayer;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  /** Writable: Bidirectional sets it to `returnSequences` on its layers, as Keras does. */
  zeroOutputForMask: boolean;
  /** A stateful layer's current states (kept tensors, not variables: Keras does not save them). */
  private heldStates: Tensor[] | null = null;
  /** What the sequences must be (LSTM, GRU and SimpleRNN: 3-D, as Keras's `InputSpec(ndim=3)`); initial states are not checked by it. */
  sequenceSpec: InputSpec | null = null;
  /** The step input shape the cell was built for, saved as its `build_config`. */
  private cellBuildShape: SymbolicShape | null = null;

  /** `new RNN(cell)`, `new RNN([cell1, cell2], { returnSequences: true })` or `new RNN({ cell, ... })`. */
  constructor(...args: KerasArgs<[cell: CellArg, returnSequences: boolean, returnState: boolean, goBackwards: boolean, stateful: boolean, unroll: boolean, zeroOutputForMask: boolean], RNNArgs>) {
    const a = rnnSignature.resolve(args, new.target);
    const cell = Array.isArray(a.cell) ? new StackedRNNCells(a.cell as RNNCellLayer[]) : a.cell;
    checkCell(cell);
    super(a);
    this.cell = cell;
    this.returnSequences = a.returnSequences;
    this.returnState = a.returnState;
    this.goBackwards = a.goBackwards;
    this.stateful = a.stateful;
    this.unroll = a.unroll;
    this.zeroOutputForMask = a.zeroOutputForMask;
    this.supportsMasking = true;
  }

  /** The sizes of the cell's states. */
  get stateSize(): number[] {
    return stateSizes(this.cell);
  }

  override build(inputShape: ShapeOrShapes): void {
    const [sequences, ...stateShapes] = isShapeList(inputShape) ? inputShape : [inputShape];
    this.checkSequences(sequences!);
    this.checkStateShapes(sequences!, stateShapes);
    this.buildCell([sequences![0] ?? null, ...sequences!.slice(2)]);
    if (this.stateful) this.createStates(sequences!);
  }

  /** Builds the cell for steps of `stepShape` unless it is built, and records the shape for its `build_config`. */
  private buildCell(stepShape: SymbolicShape): void {
    this.cellBuildShape = stepShape;
    if (this.cell.built) return;
    this.cell.build(stepShape);
    this.cell.built = true;
  }

  private checkSequences(shape: SymbolicShape): void {
    assertInputCompatibility(this.sequenceSpec, shape, this.name);
    if (shape.length < 3) {
      throw new ValueError(`Layer "${this.name}" expects inputs of shape (batch, timesteps, features), received shape ${formatShape(shape)}`);
    }
  }

  /** Initial states given as inputs must be `(batch, size)` for each of the cell's state sizes. */
  protected checkStateShapes(sequences: SymbolicShape, stateShapes: SymbolicShape[]): void {
    if (stateShapes.length === 0) return;
    const sizes = this.stateSize;
    if (stateShapes.length !== sizes.length) {
      throw new ValueError(`Layer "${this.name}" expects ${sizes.length} initial state(s) for its cell's state sizes ${pythonStr(sizes)}, received ${stateShapes.length}: ${stateShapes.map(formatShape).join(', ')}`);
    }
    stateShapes.forEach((shape, i) => {
      const expected = [sequences[0] ?? null, sizes[i]!];
      if (shape.length !== 2 || shape[1] !== sizes[i]) {
        throw new ValueError(`Layer "${this.name}": initial state ${i} has shape ${formatShape(shape)}, expected ${formatShape(expected)} for inputs of shape ${formatShape(sequences)}`);
      }
    });
  }

  private createStates(sequences: SymbolicShape): void {
    const batch = sequences[0];
    if (batch === null || batch === undefined) {
      throw new ValueError(`When using \`stateful=True\` in a RNN, the batch size must be static. Found dynamic batch size: sequence.shape=${formatShape(sequences)}`);
    }
    this.replaceStates(this.initialStates(batch));
  }

  /** Zeroes a stateful layer's states (Keras's `reset_states`). */
  resetStates(): void {
    if (this.heldStates) this.replaceStates(this.heldStates.map((s) => ops.zeros(s.shape)));
  }

  /** Keras 3's name for `resetStates`. */
  resetState(): void {
    this.resetStates();
  }

  /** The states a sequence starts from: the cell's `getInitialState`, or zeros. */
  private initialStates(batch: number): Tensor[] {
    return this.cell.getInitialState?.(batch) ?? this.stateSize.map((size) => ops.zeros([batch, size]));
  }

  private replaceStates(states: Tensor[]): void {
    const old = this.heldStates;
    this.heldStates = states.map((s) => keep(ops.stopGradient(s)));
    old?.forEach((s) => s.dispose());
  }

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[] {
    const [sequences, ...given] = Array.isArray(inputs) ? inputs : [inputs];
    this.checkSequences(sequences!.shape);
    const batch = sequences!.shape[0]!;
    if (this.stateful && this.heldStates && this.heldStates[0]!.shape[0] !== batch) {
      throw new ValueError(`If an RNN is stateful, the batch size of the input sequences must be the same as the batch size of the initial state. \n- Expected batch size: ${this.heldStates[0]!.shape[0]}\n- Received batch size: ${batch}`);
    }
    const initial = given.length > 0 ? given : this.heldStates ?? this.initialStates(batch);
    const mask = args.mask ?? sequences!.kerasMask ?? null;
    const result = this.run(sequences!, initial, mask, args.training);
    if (this.stateful) this.replaceStates(result.states);
    const output = result.outputs ?? result.lastOutput;
    return this.returnState ? [output, ...result.states] : output;
  }

  /** The fused kernel when the cell allows it, else the step loop. */
  protected run(sequences: Tensor, initial: Tensor[], mask: Tensor | null, training: boolean | undefined): RecurrentResult {
    const options = { goBackwards: this.goBackwards, returnSequences: this.returnSequences };
    const cell = this.cell;
    const fused = cell instanceof RecurrentCell && !(this.zeroOutputForMask && mask) && !(training && cell.recurrentDropout > 0) ? cell.fused() : null;
    if (fused && cell instanceof RecurrentCell) {
      // Input dropout is one mask for the whole sequence (Keras's cuDNN path does the same).
      const dropped = training && cell.dropout > 0 ? cell.dropoutMasks.applyToSequence(sequences) : sequences;
      return fusedRecurrence(fused, dropped, initial, mask, options);
    }
    try {
      // A masked step outputs the previous output: the first state of the (last) cell.
      const outputState = cell instanceof StackedRNNCells ? cell.lastCellStateIndex : 0;
      return runStepLoop(cell, sequences, initial, mask, { ...options, zeroOutputForMask: this.zeroOutputForMask, training, outputState });
    } finally {
      resetDropoutMasks(cell);
    }
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    const sequences = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    const [batch, steps] = [sequences[0] ?? null, sequences[1] ?? null];
    const outputSize = this.cell.outputSize ?? this.stateSize[0]!;
    const output = this.returnSequences ? [batch, steps, outputSize] : [batch, outputSize];
    return this.returnState ? [output, ...this.stateSize.map((size) => [batch, size])] : output;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  /** The RNN options' config entries, as every recurrent layer writes them first. */
  protected rnnConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      return_sequences: this.returnSequences,
      return_state: this.returnState,
      go_backwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
      zero_output_for_mask: this.zeroOutputForMask,
    };
  }

  override getConfig(): LayerConfig {
    return { ...this.rnnConfig(), cell: serializeBuilt(this.cell, this.cellBuildShape) };
  }

  /**
   * The layer of its config, the cell deserialized with `customObjects` (and built when the
   * config says for what, as Keras's deserialization builds it).
   */
  static fromConfig(config: LayerConfig, customObjects?: CustomObjects): Layer {
    const { cell: serialized, ...rest } = config as { cell: SerializedObject };
    const { layer: cell, buildShape } = deserializeWithBuildShape(serialized, customObjects);
    const layer = construct(this as never, { ...rest, cell }) as RNN;
    if (buildShape) layer.buildCell(buildShape);
    return layer;
  }

  override dispose(): void {
    this.heldStates?.forEach((s) => s.dispose());
    this.heldStates = null;
    super.dispose();
  }
}

/** Keras's checks of a cell: it must have `call` and `stateSize`. */
function checkCell(cell: unknown): asserts cell is RNNCellLayer {
  if (typeof (cell as { call?: unknown } | null)?.call !== 'function') {
    throw new ValueError(`Argument \`cell\` should have a \`call\` method. Received: cell=${pythonStr(cell)}`);
  }
  if (!isCell(cell)) {
    throw new ValueError(`The RNN cell should have a \`state_size\` attribute (single integer or list of integers, one integer per RNN state). Received: cell=${pythonStr(cell)}`);
  }
}

/** Forgets the dropout masks of the sequence that ended, in the cell and the cells it stacks. */
function resetDropoutMasks(cell: RNNCellLayer): void {
  if (cell instanceof RecurrentCell) cell.dropoutMasks.reset();
  if (cell instanceof StackedRNNCells) cell.cells.forEach(resetDropoutMasks);
}

registerBuiltIn(RNN);
