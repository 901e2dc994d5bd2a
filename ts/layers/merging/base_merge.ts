/**
 * The base of the element-wise merge layers (`Add`, `Subtract`, `Multiply`, `Average`,
 * `Maximum`, `Minimum`), as Keras's `Merge`: a list of inputs whose shapes broadcast (NumPy
 * rules on the non-batch axes, lower-rank inputs expanded at axis 1), Keras's shape errors at
 * build time, and the input masks combined with a logical OR.
 */
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import { type CallArgs, Layer, type LayerArgs, type LayerInputs, type ShapeOrShapes, isShapeList } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape } from '../../utils/python_repr.js';

/** Shapes printed as a Python list of tuples, as Keras's messages show them. */
export function formatShapes(shapes: readonly SymbolicShape[]): string {
  return `[${shapes.map((s) => formatShape(s)).join(', ')}]`;
}

/** How a received value is shown in "should be called on a list" errors. */
export function describeInput(input: unknown): string {
  if (Array.isArray(input)) return Array.isArray(input[0]) || input.length === 0 ? formatShapes(input as SymbolicShape[]) : formatShape(input as SymbolicShape);
  if (input instanceof Tensor) return `Tensor of shape ${formatShape(input.shape)}`;
  return String(input);
}

export abstract class Merge extends Layer {
  /** Whether the inputs' ranks differ, so that lower-rank ones get axes inserted at 1. */
  private reshapeRequired = false;

  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  /** Combines inputs of broadcastable shapes (and equal ranks) into one tensor. */
  protected abstract mergeFunction(inputs: Tensor[]): Tensor;

  override build(inputShape: ShapeOrShapes): void {
    if (!isShapeList(inputShape)) {
      throw new ValueError(`A merge layer should be called on a list of inputs. Received: input_shape=${describeInput(inputShape)} (not a list of shapes)`);
    }
    const batchSizes = new Set(inputShape.map((s) => s[0]).filter((d) => d !== null && d !== undefined));
    if (batchSizes.size > 1) {
      throw new ValueError(`Cannot merge tensors with different batch sizes. Received tensors with shapes ${formatShapes(inputShape)}`);
    }
    this.elementwiseShape(inputShape);
    this.reshapeRequired = new Set(inputShape.map((s) => s.length)).size !== 1;
  }

  /** The broadcast shape of the non-batch axes of all inputs. */
  private elementwiseShape(shapes: SymbolicShape[]): SymbolicShape {
    return shapes.slice(1).reduce((out, s) => elementwiseOpOutputShape(out, s.slice(1)), shapes[0]!.slice(1));
  }

  call(inputs: LayerInputs, _args: CallArgs): Tensor {
    if (!Array.isArray(inputs)) {
      throw new ValueError(`A merge layer should be called on a list of inputs. Received: inputs=${describeInput(inputs)} (not a list of tensors)`);
    }
    if (!this.reshapeRequired) return this.mergeFunction(inputs);
    const maxRank = Math.max(...inputs.map((x) => x.shape.length));
    return this.mergeFunction(
      inputs.map((x) => {
        const missing = maxRank - x.shape.length;
        return missing === 0 ? x : ops.reshape(x, [x.shape[0]!, ...new Array<number>(missing).fill(1), ...x.shape.slice(1)]);
      }),
    );
  }

  override computeOutputShape(inputShape: ShapeOrShapes): SymbolicShape {
    if (!isShapeList(inputShape)) {
      throw new ValueError(`A merge layer should be called on a list of inputs. Received: input_shape=${describeInput(inputShape)} (not a list of shapes)`);
    }
    const batchSizes = [...new Set(inputShape.map((s) => s[0]).filter((d): d is number => d !== null && d !== undefined))];
    return [batchSizes.length === 1 ? batchSizes[0]! : null, ...this.elementwiseShape(inputShape)];
  }

  /** The logical OR of the inputs' masks when every input has one, else no mask. */
  override computeMask(inputs: LayerInputs, _mask: Tensor | null): Tensor | null {
    if (!Array.isArray(inputs)) return null;
    const masks = inputs.map((x) => x.kerasMask);
    if (masks.length === 0 || masks.some((m) => m === null)) return null;
    return (masks as Tensor[]).reduce((a, b) => ops.maximum(a, b));
  }

  /**
   * Keras's `_apply_merge_op_and_or_mask` (for `Maximum` and `Minimum`, which have no identity
   * element): where an input is masked out, the running result ignores it.
   */
  protected applyMergeOpAndOrMask(op: (a: Tensor, b: Tensor) => Tensor, inputs: Tensor[]): Tensor {
    let output: Tensor | null = null;
    let outputMask: Tensor | null = null;
    for (const input of inputs) {
      let x = input;
      const mask = input.kerasMask ? expandMask(input.kerasMask) : null;
      if (output === null) {
        output = x;
        outputMask = mask;
        continue;
      }
      if (mask !== null) x = ops.where(mask, x, output);
      if (outputMask !== null) output = ops.where(outputMask, output, x);
      outputMask = mask !== null && outputMask !== null ? ops.maximum(outputMask, mask) : null;
      output = op(output, x);
    }
    return output!;
  }
}

/** A `(batch, ...)` mask with a trailing axis of 1, to broadcast over the features. */
export function expandMask(mask: Tensor): Tensor {
  return ops.reshape(mask, [...mask.shape, 1]);
}

/** Keras's `_compute_elemwise_op_output_shape`: NumPy broadcasting with unknown (null) sizes. */
export function elementwiseOpOutputShape(shape1: SymbolicShape, shape2: SymbolicShape): SymbolicShape {
  if (shape1.length < shape2.length) return elementwiseOpOutputShape(shape2, shape1);
  if (shape2.length === 0) return shape1;
  const lead = shape1.slice(0, shape1.length - shape2.length);
  const tail = shape1.slice(shape1.length - shape2.length).map((i, k) => {
    const j = shape2[k]!;
    if (i === null || j === null) return null;
    if (i === 1) return j;
    if (j === 1) return i;
    if (i !== j) throw new ValueError(`Inputs have incompatible shapes. Received shapes ${formatShape(shape1)} and ${formatShape(shape2)}`);
    return i;
  });
  return [...lead, ...tail];
}

/** Functional-form plumbing: applies `layer` to symbolic or concrete inputs. */
export function applyMerge(layer: Layer, inputs: Tensor[] | KerasTensor[]): Tensor | KerasTensor {
  return layer.apply(inputs as Tensor[]) as Tensor | KerasTensor;
}
