/**
 * A node of the layer graph: one call of a layer on symbolic inputs. A layer called twice (a
 * shared layer) has two nodes; a KerasTensor knows the node that produced it.
 */
import type { KerasTensor } from './keras_tensor.js';
import type { Layer } from './layer.js';

export class Node {
  constructor(
    readonly layer: Layer,
    /** The symbolic inputs of this call, in order. */
    readonly inputs: KerasTensor[],
    /** The symbolic outputs of this call, in order. */
    readonly outputs: KerasTensor[],
    /** Whether the call was given a list (even of one tensor), so execution passes a list back. */
    readonly inputsWereList: boolean,
  ) {}

  /** The index of this node among its layer's calls. */
  get index(): number {
    return this.layer.inboundNodes.indexOf(this);
  }
}
