/**
 * Loading in two steps, so a file that fails halfway changes nothing: every value is first read
 * and checked against its variable (shape, and that it exists), and only when all of them pass
 * are they uploaded and assigned.
 */
import type { Variable } from '../engine/variable.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { upload } from '../tensor/create.js';
import { formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { DatasetValue } from './h5_tree.js';

/** A value read from a file for `variable`, shape already checked. */
export interface PendingValue {
  variable: Variable;
  data: DatasetValue['data'];
}

/** Everything a load will change once all of it has been read and checked. */
export interface PendingState {
  values: PendingValue[];
  optimizer: { optimizer: Optimizer; iterations: number; learningRate: number } | null;
}

/** `value` for `variable`, or a ValueError naming `where` and both shapes. */
export function pendingValue(variable: Variable, value: DatasetValue, where: string): PendingValue {
  const expected = variable.shape;
  if (value.shape.length !== expected.length || value.shape.some((d, i) => d !== expected[i])) {
    throw new ValueError(`${where}: the file holds a value of shape ${formatShape(value.shape)} for variable '${variable.path}', which has shape ${formatShape(expected)}.`);
  }
  return { variable, data: value.data };
}

/** A scalar dataset's number (iterations, learning rate). */
export function scalarOf(value: DatasetValue, where: string): number {
  if (value.data.length !== 1) throw new ValueError(`${where}: expected a scalar, found shape ${formatShape(value.shape)}.`);
  return Number(value.data[0]!);
}

/** Uploads and assigns every pending value, then the optimizer's counters. */
export function applyPending(state: PendingState): void {
  for (const { variable, data } of state.values) {
    const values = variable.dtype === 'float32' ? toFloat32(data) : toInt32(data);
    variable.assign(upload(values, variable.shape, variable.dtype));
  }
  if (state.optimizer) {
    state.optimizer.optimizer.iterations = state.optimizer.iterations;
    // The file holds the rate as float32; keep the config's exact value when it rounds to the stored one.
    const { optimizer, learningRate } = state.optimizer;
    if (Math.fround(optimizer.learningRate) !== learningRate) optimizer.learningRate = learningRate;
  }
}

function toFloat32(data: DatasetValue['data']): Float32Array {
  if (data instanceof Float32Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float32Array.from(data, Number);
  return Float32Array.from(data);
}

function toInt32(data: DatasetValue['data']): Int32Array {
  if (data instanceof Int32Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Int32Array.from(data, Number);
  return Int32Array.from(data);
}
