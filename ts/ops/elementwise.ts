/**
 * Element-wise math, as in `keras.ops`: NumPy broadcasting, float32. On KerasTensors each op
 * records a node of Keras's class (`Add`, `Relu`, …) with the broadcast shape.
 */
import { call } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { type Operand, type TensorArg, type TensorOrNumber, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import type { Glue } from '../runtime/binding.js';
import { broadcastShapes } from './output_shape.js';
import { type OpModule, type OpResult, defineOp } from './symbolic/op.js';
import { requireFloat, specOf } from './symbolic/spec.js';

type UnaryExport = 'negative' | 'exp' | 'log' | 'sqrt' | 'square' | 'abs' | 'relu' | 'sigmoid' | 'tanh';
type BinaryExport = 'add' | 'subtract' | 'multiply' | 'divide' | 'maximum' | 'minimum';

function unaryOp(className: string, module: OpModule, op: UnaryExport) {
  const cls = defineOp<[x: Tensor]>({
    className, module,
    compute: ([x]) => withTensors(op, { x }, (t) => wrap(op, call(op, (w: Glue) => w[op](t.handle)))),
    outputSpec: ([x]) => {
      requireFloat(op, x);
      return x;
    },
  });
  return <X extends TensorArg>(x: X): OpResult<X> => cls.invoke({}, [x]);
}

function binaryOp(className: string, op: BinaryExport) {
  const cls = defineOp<[x1: TensorOrNumber, x2: TensorOrNumber]>({
    className, module: 'keras.src.ops.numpy',
    compute: ([x1, x2]) => withTensors(op, { x1, x2 }, (a, b) => wrap(op, call(op, (w: Glue) => w[op](a.handle, b.handle)))),
    outputSpec: ([x1, x2]) => {
      requireFloat(op, x1, x2);
      return { shape: broadcastShapes(specOf(x1).shape, specOf(x2).shape), dtype: 'float32' };
    },
  });
  return <A extends Operand, B extends Operand>(x1: A, x2: B): OpResult<A | B> => cls.invoke({}, [x1, x2]);
}

export const negative = unaryOp('Negative', 'keras.src.ops.numpy', 'negative');
export const exp = unaryOp('Exp', 'keras.src.ops.numpy', 'exp');
export const log = unaryOp('Log', 'keras.src.ops.numpy', 'log');
export const sqrt = unaryOp('Sqrt', 'keras.src.ops.numpy', 'sqrt');
export const square = unaryOp('Square', 'keras.src.ops.numpy', 'square');
export const abs = unaryOp('Absolute', 'keras.src.ops.numpy', 'abs');
export const tanh = unaryOp('Tanh', 'keras.src.ops.numpy', 'tanh');
export const relu = unaryOp('Relu', 'keras.src.ops.nn', 'relu');
export const sigmoid = unaryOp('Sigmoid', 'keras.src.ops.nn', 'sigmoid');

export const add = binaryOp('Add', 'add');
export const subtract = binaryOp('Subtract', 'subtract');
export const multiply = binaryOp('Multiply', 'multiply');
export const divide = binaryOp('Divide', 'divide');
export const maximum = binaryOp('Maximum', 'maximum');
export const minimum = binaryOp('Minimum', 'minimum');
