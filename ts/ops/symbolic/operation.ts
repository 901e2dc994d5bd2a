/**
 * Keras's `Operation`: what a node of a Functional graph calls. Layers are operations with
 * weights and a build step; the `ops` functions are operations too when given KerasTensors
 * (see op.ts), which is how `ops.add(x, 1)` becomes part of a model.
 */
import { ValueError } from '../../utils/errors.js';
import type { KerasTensor } from './keras_tensor.js';
import type { Node } from './node.js';

export abstract class Operation {
  /** The operation's recorded calls on symbolic arguments, in order. */
  readonly inboundNodes: Node[] = [];

  /** Unique among the operations of a model (`dense_1`, `not_equal`). */
  abstract readonly name: string;

  /** Keras's config: what `fromConfig` rebuilds the operation from. */
  abstract getConfig(): Record<string, unknown>;

  /** The KerasTensor argument(s) of the first call, as Keras's `Operation.input`: one, or a list. */
  get input(): KerasTensor | KerasTensor[] {
    const inputs = this.firstNode('input').inputs;
    return inputs.length === 1 ? inputs[0]! : inputs;
  }

  /** The output(s) of the first call: one, or a list. */
  get output(): KerasTensor | KerasTensor[] {
    const outputs = this.firstNode('output').outputs;
    return outputs.length === 1 ? outputs[0]! : outputs;
  }

  protected firstNode(attribute: string): Node {
    const node = this.inboundNodes[0];
    if (!node) throw new ValueError(`The layer ${this.name} has never been called and thus has no defined ${attribute}.`);
    return node;
  }

  /** Frees the tensors the operation owns. */
  abstract dispose(): void;
}
