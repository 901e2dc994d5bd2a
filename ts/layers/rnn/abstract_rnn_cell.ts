/**
 * What the RNN layer runs at each step: a cell. Keras's protocol is duck-typed: a layer with
 * `stateSize` (an integer, or one per state), optionally `outputSize`, and
 * `call(inputs, states)` returning the step's output and its new states. `AbstractRNNCell`
 * (tf.keras's name) is the base a TypeScript subclass extends: a Layer whose `call` has the
 * cell's signature rather than a layer's. In JavaScript any Layer with `stateSize` and such a
 * `call` works as well, as in Keras.
 */
import { type CallArgs, Layer } from '../../engine/layer.js';
import { type LayerClass, registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';

/** The keyword arguments the RNN layer passes to a cell's `call`. */
export interface CellCallArgs {
  /** Training mode (dropout applies only then). */
  training?: boolean;
}

/** A cell's step: the output, and the new states (one tensor for a single state, as Keras allows). */
export type CellStep = [output: Tensor, states: Tensor | Tensor[]];

/** The members of a cell the RNN layer uses, besides those of a Layer. */
export interface CellProtocol {
  stateSize: number | number[];
  outputSize?: number;
  call(inputs: Tensor, states: Tensor[], args?: CellCallArgs): CellStep;
  getInitialState?(batchSize: number): Tensor[];
}

/** A cell as the RNN layer holds it: a Layer that follows the protocol (typed as the base TypeScript cells extend). */
export type RNNCellLayer = AbstractRNNCell;

export abstract class AbstractRNNCell extends Layer implements CellProtocol {
  static override className = 'AbstractRNNCell';
  /** The size of each state: one integer for a single state. */
  abstract get stateSize(): number | number[];
  /**
   * One step: `[output, newStates]`. Declared as a Layer's `call` must be (its result typed
   * loosely, since a cell's pair is not a layer's output) so that subclasses may declare
   * Keras's `call(inputs, states)`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  abstract override call(inputs: Tensor, states: Tensor[] & CallArgs, args?: CellCallArgs): any;
  /** The size of the output; undefined: the first state's size. */
  get outputSize(): number | undefined {
    return undefined;
  }
  /** The states a sequence starts from, when not zeros. */
  getInitialState?(batchSize: number): Tensor[];
}

/** Whether `layer` follows the cell protocol (Keras checks for `call` and `state_size`). */
export function isCell(layer: unknown): layer is RNNCellLayer {
  const candidate = layer as Partial<CellProtocol> | null;
  return layer instanceof Layer && typeof candidate?.call === 'function' && candidate.stateSize !== undefined;
}

/** A cell's state sizes as a list. */
export function stateSizes(cell: CellProtocol): number[] {
  return typeof cell.stateSize === 'number' ? [cell.stateSize] : [...cell.stateSize];
}

/**
 * Registers a built-in cell class for deserialization. A cell's `call` is not a layer's, so the
 * class is not a `LayerClass` to the type checker, though it is one to the registry.
 */
export function registerBuiltInCell(cls: { className: string }): void {
  registerBuiltIn(cls as unknown as LayerClass);
}
