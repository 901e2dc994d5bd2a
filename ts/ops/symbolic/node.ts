/**
 * A node of a Functional graph: one call of an operation (a layer, or an op such as `add`) on
 * arguments that hold KerasTensors. The node keeps the call's positional and keyword arguments
 * as given, KerasTensors and constants alike, which is what Keras serializes as a node's `args`
 * and `kwargs`. A layer called twice (a shared layer) has two nodes.
 */
import { type KerasTensor, kerasTensorsIn } from './keras_tensor.js';
import type { Operation } from './operation.js';

/** Inside `withoutRecording`: calls make no nodes on their operations. */
let scratchDepth = 0;

export class Node {
  /** Every KerasTensor among the arguments (positional, then keyword), in order. */
  readonly inputs: KerasTensor[];

  /** Records the call on `operation` (unless inside `withoutRecording`) and marks `outputs` as its results. */
  constructor(
    readonly operation: Operation,
    /** The positional arguments, KerasTensors and constants, as given. */
    readonly args: readonly unknown[],
    /** The keyword arguments (Keras's names), as given. */
    readonly kwargs: Readonly<Record<string, unknown>>,
    /** The symbolic outputs of this call, in order. */
    readonly outputs: KerasTensor[],
  ) {
    this.inputs = kerasTensorsIn([args, kwargs]);
    if (scratchDepth === 0) operation.inboundNodes.push(this);
    outputs.forEach((t, i) => {
      t.node = this;
      t.outputIndex = i;
    });
  }

  /** The index of this node among its operation's calls. */
  get index(): number {
    return this.operation.inboundNodes.indexOf(this);
  }
}

/**
 * Runs `fn` without recording its symbolic calls on their operations, as Keras traces
 * `compute_output_spec` in a scratch graph: tracing a layer's `call` to learn its output shape
 * must not add nodes to the sublayers it calls.
 */
export function withoutRecording<T>(fn: () => T): T {
  scratchDepth++;
  try {
    return fn();
  } finally {
    scratchDepth--;
  }
}

/** Whether symbolic calls are being recorded (false inside `withoutRecording`). */
export function isRecording(): boolean {
  return scratchDepth === 0;
}
