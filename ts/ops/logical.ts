/**
 * `logicalAnd` and `logicalOr`, as in `keras.ops`: a nonzero element counts as true; the result
 * is float32 1 / 0 like the comparisons (kerasm has no bool dtype), broadcast, without gradient.
 * Keras's Functional models record them when they merge masks (an `Add` of masked inputs ORs
 * their masks), so on KerasTensors they record Keras's `LogicalAnd` / `LogicalOr` nodes.
 */
import { notEqual } from './compare.js';
import { maximum, multiply } from './elementwise.js';
import { type Operand, type TensorOrNumber, withTensors } from './operands.js';
import { broadcastShapes } from './output_shape.js';
import { type OpResult, defineOp } from './symbolic/op.js';
import { specOf } from './symbolic/spec.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';

function logicalOp(className: string, name: string, combine: (a: Tensor, b: Tensor) => Tensor) {
  const cls = defineOp<[x1: TensorOrNumber, x2: TensorOrNumber]>({
    className, module: 'keras.src.ops.numpy',
    compute: ([x1, x2]) => withTensors(name, { x1, x2 }, (a, b) => tidy(() => combine(notEqual(a, 0), notEqual(b, 0)))),
    outputSpec: ([x1, x2]) => ({ shape: broadcastShapes(specOf(x1).shape, specOf(x2).shape), dtype: 'float32' }),
  });
  return <A extends Operand, B extends Operand>(x1: A, x2: B): OpResult<A | B> => cls.invoke({}, [x1, x2]);
}

/** 1 where both `x1` and `x2` are nonzero, else 0 (float32). */
export const logicalAnd = logicalOp('LogicalAnd', 'logicalAnd', multiply);
/** 1 where `x1` or `x2` is nonzero, else 0 (float32). */
export const logicalOr = logicalOp('LogicalOr', 'logicalOr', maximum);
