/**
 * Loading in two steps, so a file that fails halfway changes nothing: every value is first
 * checked against its variable (shape, and that it exists); then the values are read one at a
 * time and each is uploaded into kerasm's memory at once (so no more than one weight is held in
 * JavaScript), and only when all of them are there are they assigned.
 */
import type { Variable } from '../engine/variable.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { upload } from '../tensor/create.js';
import { type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { DatasetValue, NumericArray } from './h5_tree.js';

/** A value in a file for `variable`, shape already checked, read when applied. */
export interface PendingValue {
  variable: Variable;
  value: DatasetValue;
}

/** Everything a load will change once all of it has been read and checked. */
export interface PendingState {
  values: PendingValue[];
  /** The optimizer's counters: its step count, and its learning rate (null when a schedule drives it). */
  optimizer: { optimizer: Optimizer; iterations: number; learningRate: number | null } | null;
  /** Hands layers with values of their own (engine/layer_saved_state.ts) what the file holds for them, once everything else is assigned. */
  ownValues?: (() => void)[];
}

/** `value` for `variable`, or a ValueError naming `where` and both shapes. */
export function pendingValue(variable: Variable, value: DatasetValue, where: string): PendingValue {
  const expected = variable.shape;
  if (value.shape.length !== expected.length || value.shape.some((d, i) => d !== expected[i])) {
    throw new ValueError(`${where}: the file holds a value of shape ${formatShape(value.shape)} for variable '${variable.path}', which has shape ${formatShape(expected)}.`);
  }
  return { variable, value };
}

/** A scalar dataset's number (iterations, learning rate). */
export function scalarOf(value: DatasetValue, where: string): number {
  if (value.shape.reduce((a, b) => a * b, 1) !== 1) throw new ValueError(`${where}: expected a scalar, found shape ${formatShape(value.shape)}.`);
  return Number(value.values()[0]!);
}

/**
 * Reads and uploads every pending value, then assigns them all and the optimizer's counters; on
 * an error, nothing. A model built just for this load (`fresh`), which the caller disposes on an
 * error, gets each value assigned as soon as it is read instead: kerasm's memory then holds one
 * extra weight at a time rather than a second copy of all of them.
 */
export function applyPending(state: PendingState, fresh = false): void {
  if (fresh) {
    for (const { variable, value } of state.values) variable.assign(uploadValue(variable, value.values()));
  } else {
    assignAll(state.values);
  }
  for (const load of state.ownValues ?? []) load();
  if (state.optimizer) {
    const { optimizer, iterations, learningRate } = state.optimizer;
    optimizer.appliedSteps = iterations;
    // The file holds the rate as float32; keep the config's exact value when it rounds to the stored one.
    if (learningRate !== null && Math.fround(optimizer.learningRate) !== learningRate) optimizer.learningRate = learningRate;
  }
}

function assignAll(values: PendingValue[]): void {
  const staged: Tensor[] = [];
  try {
    for (const { variable, value } of values) staged.push(uploadValue(variable, value.values()));
  } catch (e) {
    for (const tensor of staged) tensor.dispose();
    throw e;
  }
  values.forEach(({ variable }, i) => variable.assign(staged[i]!));
}

function uploadValue(variable: Variable, data: NumericArray): Tensor {
  return upload(variable.dtype === 'float32' ? toFloat32(data) : toInt32(data), variable.shape, variable.dtype);
}

/** The values as float32 (a copy unless they are float32 already). */
export function toFloat32(data: NumericArray): Float32Array {
  if (data instanceof Float32Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float32Array.from(data, Number);
  return Float32Array.from(data);
}

function toInt32(data: NumericArray): Int32Array {
  if (data instanceof Int32Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Int32Array.from(data, Number);
  return Int32Array.from(data);
}
