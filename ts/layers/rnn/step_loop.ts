/**
 * The generic path of the RNN layer: any cell run step by step with ops, as Keras's `rnn` does
 * when not unrolled. A masked step keeps the previous states, and outputs the previous first
 * state (or zeros with `zeroOutputForMask`), so masked steps carry the state and output through.
 */
import * as ops from '../../ops/index.js';
import type { RecurrentResult } from '../../ops/recurrent.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { CellProtocol } from './abstract_rnn_cell.js';

export interface StepLoopOptions {
  goBackwards: boolean;
  returnSequences: boolean;
  zeroOutputForMask: boolean;
  training: boolean | undefined;
  /** Which state holds the previous step's output (a stack's last cell's first state). */
  outputState: number;
}

export function runStepLoop(cell: CellProtocol, sequences: Tensor, initialStates: Tensor[], mask: Tensor | null, options: StepLoopOptions): RecurrentResult {
  const [batch, steps] = sequences.shape as [number, number];
  const rest = sequences.shape.slice(2);
  let states = initialStates;
  const outputs: Tensor[] = [];
  for (let s = 0; s < steps; s++) {
    const t = options.goBackwards ? steps - 1 - s : s;
    const input = ops.reshape(ops.slice(sequences, [0, t, ...rest.map(() => 0)], [batch, 1, ...rest]), [batch, ...rest]);
    const [output, next] = cell.call(input, states, { training: options.training });
    let newStates = Array.isArray(next) ? next : [next];
    let stepOutput = output;
    if (mask) {
      const counts = ops.notEqual(ops.slice(mask, [0, t], [batch, 1]), 0);
      // One value per sample, shaped to broadcast over states of any rank (ConvLSTM's are images).
      const kept = (x: Tensor) => (x.shape.length > 2 ? ops.reshape(counts, [batch, ...x.shape.slice(1).map(() => 1)]) : counts);
      const previous = options.zeroOutputForMask ? ops.zeros(output.shape) : states[options.outputState]!;
      stepOutput = ops.where(kept(output), output, previous);
      newStates = newStates.map((n, i) => ops.where(kept(n), n, states[i]!));
    }
    states = newStates;
    outputs.push(stepOutput);
  }
  const lastOutput = outputs[outputs.length - 1]!;
  return { outputs: options.returnSequences ? ops.stack(outputs, 1) : null, lastOutput, states };
}
