/** User data (nested arrays of numbers or strings, typed arrays or Tensors) as tensors, checked for mixed values and NaN. */
import * as ops from '../ops/index.js';
import { tensor } from '../tensor/create.js';
import { keep, tidy } from '../tensor/scope.js';
import { Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { ArrayData } from './structure.js';

/** A tensor made from user data; `owned` when the loop created it and must free it. */
export interface AdaptedData {
  tensor: Tensor;
  owned: boolean;
}

/**
 * `data` as a tensor (converted when it is arrays), checked for mixed values and NaN. Inputs may
 * be strings; targets and weights (`numeric`) must be numbers.
 */
export function adapt(data: ArrayData, what: string, numeric = false): AdaptedData {
  if (data instanceof Tensor) {
    if (data.isDisposed) data.handle; // throws clearly
    checkDtype(data, what, numeric);
    checkNoNaN(data, what);
    return { tensor: data, owned: false };
  }
  if (data === null || data === undefined || (typeof data !== 'object' && typeof data !== 'number')) {
    throw new ValueError(`Unrecognized data type: ${what}=${String(data)} (of type ${typeof data}). Expected a Tensor, nested arrays of numbers or strings, or a typed array.`);
  }
  let t: Tensor;
  try {
    t = keep(tensor(data));
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`Invalid values in ${what}: ${e.message}`);
    throw e;
  }
  try {
    checkDtype(t, what, numeric);
    checkNoNaN(t, what);
  } catch (e) {
    t.dispose();
    throw e;
  }
  return { tensor: t, owned: true };
}

/** Frees what `adapt` created. */
export function release(...data: (AdaptedData | undefined)[]): void {
  for (const d of data) if (d?.owned) d.tensor.dispose();
}

function checkDtype(t: Tensor, what: string, numeric: boolean): void {
  if (numeric && t.dtype === 'string') throw new ValueError(`${what} must hold numbers, received strings (shape ${formatShape(t.shape)}).`);
}

/** Throws if a float tensor holds NaN, naming the first sample that does (the scan runs in wasm). */
function checkNoNaN(t: Tensor, what: string): void {
  if (t.dtype !== 'float32' || t.size === 0) return;
  const firstNaN = tidy(() => {
    // NaN is the only value not equal to itself.
    const isNumber = ops.cast(ops.equal(t, t), 'float32');
    if (ops.min(isNumber).dataSync()[0] !== 0) return -1;
    return ops.argmin(ops.reshape(isNumber, [t.size]), null).dataSync()[0]!;
  });
  if (firstNaN >= 0) {
    const perSample = t.rank === 0 ? 1 : t.size / t.shape[0]!;
    throw new ValueError(`${what} contains NaN values (the first in sample ${Math.floor(firstNaN / perSample)}). Clean or impute the data before training.`);
  }
}
