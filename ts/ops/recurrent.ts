/**
 * The recurrent layers' fused sequence kernel: LSTM, GRU and SimpleRNN run a whole sequence in
 * one call into Rust (one recorded gradient node for all steps; see
 * crates/kerasm-core/src/ops/recurrent). Not a `keras.ops` function: the recurrent layers call it
 * when nothing forbids the fused path, and infer their shapes by arithmetic.
 */
import { call, type Glue } from '../runtime/binding.js';
import { wrap } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { reshape, slice } from './shape.js';

/** The activations the fused kernel computes, by Keras's names. */
export const FUSED_ACTIVATIONS: ReadonlySet<string> = new Set(['tanh', 'sigmoid', 'hard_sigmoid', 'relu', 'linear']);

export interface FusedCell {
  /** Which cell runs. */
  kind: 'lstm' | 'gru' | 'simple_rnn';
  /** A GRU's form: the reset gate applied after the recurrent product (Keras's default). */
  resetAfter: boolean;
  /** Keras's name of the cell's activation. */
  activation: string;
  /** Keras's name of the gates' activation (unused by SimpleRNN). */
  recurrentActivation: string;
  /** The kernel, the recurrent kernel and, when the cell has one, the bias, in Keras's layouts. */
  weights: Tensor[];
}

/** What a recurrent layer may return: the output of every step, the last one, and the final states. */
export interface RecurrentResult {
  /** `(batch, steps, units)`, in processing order (reversed with `goBackwards`); null unless asked for. */
  outputs: Tensor | null;
  /** `(batch, units)`: the output of the last step processed. */
  lastOutput: Tensor;
  /** The final states, `[h]` or `[h, c]`: h is `lastOutput`. */
  states: Tensor[];
}

/**
 * Runs `cell` over `sequences` (batch, steps, features) from `initialStates`; masked steps
 * (`mask` (batch, steps) zero) carry the state and the output through, as Keras does.
 */
export function fusedRecurrence(cell: FusedCell, sequences: Tensor, initialStates: Tensor[], mask: Tensor | null, options: { goBackwards: boolean; returnSequences: boolean }): RecurrentResult {
  const handles = (ts: Tensor[]) => Uint32Array.from(ts.map((t) => t.handle));
  const packed = wrap('recurrent', call('recurrent', (w: Glue) => w.recurrent(
    cell.kind, cell.resetAfter, cell.activation, cell.recurrentActivation, options.goBackwards,
    sequences.handle, handles(cell.weights), handles(initialStates), mask?.handle,
  )));
  const [batch, rows, units] = packed.shape as [number, number, number];
  const steps = cell.kind === 'lstm' ? rows - 1 : rows;
  const row = (at: number) => {
    const r = slice(packed, [0, at, 0], [batch, 1, units]);
    const flat = reshape(r, [batch, units]);
    r.dispose();
    return flat;
  };
  const outputs = options.returnSequences ? slice(packed, [0, 0, 0], [batch, steps, units]) : null;
  const lastOutput = row(steps - 1);
  const states = cell.kind === 'lstm' ? [lastOutput, row(steps)] : [lastOutput];
  packed.dispose();
  return { outputs, lastOutput, states };
}
