/**
 * Keras's StackedRNNCells: cells run one after the other at each step, each on the output of
 * the one before. Its states are every cell's states, in order; its output is the last cell's.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { type CustomObjects, type SerializedObject, construct } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { deserializeWithBuildShape, serializeBuilt } from './build_config.js';
import { AbstractRNNCell, type CellCallArgs, type CellStep, type RNNCellLayer, registerBuiltInCell, stateSizes } from './abstract_rnn_cell.js';

export interface StackedRNNCellsArgs extends LayerArgs {
  /** The cells, first to last. */
  cells?: RNNCellLayer[];
}

export class StackedRNNCells extends AbstractRNNCell {
  static override className = 'StackedRNNCells';
  static override readonly signature = layerSignature<StackedRNNCellsArgs>()({ cells: REQUIRED });
  readonly cells: RNNCellLayer[];
  /** The input shape each cell was built for here, saved as its `build_config`. */
  private readonly cellBuildShapes = new Map<RNNCellLayer, SymbolicShape>();

  /** `new StackedRNNCells([new LSTMCell(32), new LSTMCell(16)])`. */
  constructor(...args: KerasArgs<[cells: RNNCellLayer[]], StackedRNNCellsArgs>) {
    const a = StackedRNNCells.signature.resolve(args, new.target);
    super(a);
    this.cells = [...a.cells];
  }

  /** Every cell's state sizes, flattened in order. */
  get stateSize(): number[] {
    return this.cells.flatMap((cell) => stateSizes(cell));
  }

  /** Where the last cell's states start among the stack's. */
  get lastCellStateIndex(): number {
    return this.cells.slice(0, -1).reduce((n, cell) => n + stateSizes(cell).length, 0);
  }

  override get outputSize(): number {
    const last = this.cells[this.cells.length - 1]!;
    return last.outputSize ?? stateSizes(last)[0]!;
  }

  /** Builds each cell on the previous one's output. */
  override build(inputShape: SymbolicShape): void {
    let shape = inputShape;
    for (const cell of this.cells) {
      this.buildCell(cell, shape);
      shape = [shape[0] ?? null, cell.outputSize ?? stateSizes(cell)[0]!];
    }
  }

  private buildCell(cell: RNNCellLayer, shape: SymbolicShape): void {
    this.cellBuildShapes.set(cell, shape);
    if (cell.built) return;
    cell.build(shape);
    cell.built = true;
  }

  call(inputs: Tensor, states: Tensor[], args: CellCallArgs = {}): CellStep {
    let output = inputs;
    let offset = 0;
    const newStates: Tensor[] = [];
    for (const cell of this.cells) {
      const count = stateSizes(cell).length;
      const [out, next] = cell.call(output, states.slice(offset, offset + count), args);
      output = out;
      newStates.push(...(Array.isArray(next) ? next : [next]));
      offset += count;
    }
    return [output, newStates];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), cells: this.cells.map((cell) => serializeBuilt(cell, this.cellBuildShapes.get(cell) ?? null)) };
  }

  /** The stack of its config, each cell built for the shape its `build_config` names. */
  static fromConfig(config: LayerConfig, customObjects?: CustomObjects): StackedRNNCells {
    const { cells, ...rest } = config as { cells: SerializedObject[] };
    const rebuilt = cells.map((c) => deserializeWithBuildShape(c, customObjects));
    const stack = construct(this as never, { ...rest, cells: rebuilt.map((r) => r.layer) }) as unknown as StackedRNNCells;
    rebuilt.forEach(({ buildShape }, i) => {
      if (buildShape) stack.buildCell(stack.cells[i]!, buildShape);
    });
    return stack;
  }
}

registerBuiltInCell(StackedRNNCells);
