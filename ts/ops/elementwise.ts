/** Element-wise math, as in `keras.ops`: NumPy broadcasting, float32. */
import { call } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { type TensorOrNumber, withTensors } from './operands.js';
import { wrap } from '../tensor/create.js';
import type { Glue } from '../runtime/binding.js';

type UnaryExport = 'negative' | 'exp' | 'log' | 'sqrt' | 'square' | 'abs' | 'relu' | 'sigmoid' | 'tanh';
type BinaryExport = 'add' | 'subtract' | 'multiply' | 'divide' | 'maximum' | 'minimum';

function unary(op: UnaryExport, x: Tensor): Tensor {
  return withTensors(op, { x }, (t) => wrap(op, call(op, (w: Glue) => w[op](t.handle))));
}

function binary(op: BinaryExport, x1: TensorOrNumber, x2: TensorOrNumber): Tensor {
  return withTensors(op, { x1, x2 }, (a, b) => wrap(op, call(op, (w: Glue) => w[op](a.handle, b.handle))));
}

export const negative = (x: Tensor): Tensor => unary('negative', x);
export const exp = (x: Tensor): Tensor => unary('exp', x);
export const log = (x: Tensor): Tensor => unary('log', x);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
export const square = (x: Tensor): Tensor => unary('square', x);
export const abs = (x: Tensor): Tensor => unary('abs', x);
export const relu = (x: Tensor): Tensor => unary('relu', x);
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
export const tanh = (x: Tensor): Tensor => unary('tanh', x);

export const add = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => binary('add', x1, x2);
export const subtract = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => binary('subtract', x1, x2);
export const multiply = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => binary('multiply', x1, x2);
export const divide = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => binary('divide', x1, x2);
export const maximum = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => binary('maximum', x1, x2);
export const minimum = (x1: TensorOrNumber, x2: TensorOrNumber): Tensor => binary('minimum', x1, x2);
