/**
 * Keras's StackedRNNCells: cells run one after the other at each step, each on the output of
 * the one before. Its states are every cell's states, in order; its output is the last cell's.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { type CustomObjects, type SerializedObject, construct, deserializeLayer, serializeLayer } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { AbstractRNNCell, type CellCallArgs, type CellStep, type RNNCellLayer, registerBuiltInCell, stateSizes } from './abstract_rnn_cell.js';

export interface StackedRNNCellsArgs extends LayerArgs {
  /** The cells, first to last. */
  cells?: RNNCellLayer[];
}

export class StackedRNNCells extends AbstractRNNCell {
  static override className = 'StackedRNNCells';
  static override readonly signature = layerSignature<StackedRNNCellsArgs>()({ cells: REQUIRED });
  readonly cells: RNNCellLayer[];

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
      if (!cell.built) {
        cell.build(shape);
        cell.built = true;
      }
      shape = [shape[0] ?? null, cell.outputSize ?? stateSizes(cell)[0]!];
    }
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
    return { ...super.getConfig(), cells: this.cells.map((cell) => serializeLayer(cell)) };
  }

  static fromConfig(config: LayerConfig, customObjects?: CustomObjects): StackedRNNCells {
    const { cells, ...rest } = config as { cells: SerializedObject[] };
    return construct(this as never, { ...rest, cells: cells.map((c) => deserializeLayer(c, customObjects)) }) as unknown as StackedRNNCells;
  }
}

registerBuiltInCell(StackedRNNCells);
