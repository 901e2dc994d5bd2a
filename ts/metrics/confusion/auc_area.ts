/**
 * AUC's curves and Riemann sums, as `keras.metrics.AUC.result`: from the confusion counts at
 * each threshold, the area of each interval between successive thresholds (summed by `AUC`).
 */
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { divideNoNan } from './divide_no_nan.js';

export type AucCurve = 'ROC' | 'PR' | 'PRGAIN';
export type AucSummation = 'interpolation' | 'minoring' | 'majoring';

/** The counts at each threshold, `[T]` or `[T, labels]`. */
export interface AucCounts {
  tp: Tensor;
  fp: Tensor;
  tn: Tensor;
  fn: Tensor;
}

/** Keras's `AUCCurve.from_str`. */
export function parseCurve(key: string): AucCurve {
  const curve = ({ roc: 'ROC', ROC: 'ROC', pr: 'PR', PR: 'PR', prgain: 'PRGAIN', PRGAIN: 'PRGAIN' } as const)[key as 'ROC'];
  if (curve === undefined) throw new ValueError(`Invalid AUC curve value: "${key}". Expected values are ["PR", "ROC", "PRGAIN"]`);
  return curve;
}

/** Keras's `AUCSummationMethod.from_str`. */
export function parseSummation(key: string): AucSummation {
  const lower = { interpolation: 'interpolation', Interpolation: 'interpolation', majoring: 'majoring', Majoring: 'majoring', minoring: 'minoring', Minoring: 'minoring' } as const;
  const method = lower[key as 'interpolation'];
  if (method === undefined) throw new ValueError(`Invalid AUC summation method value: "${key}". Expected values are ["interpolation", "majoring", "minoring"]`);
  return method;
}

/** The area of each interval between successive thresholds: `[T - 1]` or `[T - 1, labels]`. */
export function area(curve: AucCurve, summation: AucSummation, c: AucCounts): Tensor {
  if (curve === 'PR' && summation === 'interpolation') return interpolatedPrArea(c);
  const { x, y } = curvePoints(curve, c);
  const [yHead, yTail] = [head(y), tail(y)];
  const heights =
    summation === 'interpolation' ? ops.divide(ops.add(yHead, yTail), 2) : summation === 'minoring' ? ops.minimum(yHead, yTail) : ops.maximum(yHead, yTail);
  return ops.multiply(ops.subtract(head(x), tail(x)), heights);
}

/** The curve's x and y at each threshold. */
function curvePoints(curve: AucCurve, { tp, fp, tn, fn }: AucCounts): { x: Tensor; y: Tensor } {
  const recall = divideNoNan(tp, ops.add(tp, fn));
  if (curve === 'ROC') return { x: divideNoNan(fp, ops.add(fp, tn)), y: recall };
  if (curve === 'PR') return { x: recall, y: divideNoNan(tp, ops.add(tp, fp)) };
  // PR gain: both gains scaled by positives / negatives; no true positives gives recall gain 0
  // and precision gain 1, and a negative recall gain is cut to 0, as Keras does.
  const scale = divideNoNan(ops.add(tp, fn), ops.add(tn, fp));
  const noTp = ops.equal(tp, 0);
  const recallGain = ops.subtract(1, ops.multiply(scale, divideNoNan(fn, tp)));
  const precisionGain = ops.subtract(1, ops.multiply(scale, divideNoNan(fp, tp)));
  return { x: ops.maximum(ops.where(noTp, 0, recallGain), 0), y: ops.where(noTp, 1, precisionGain) };
}

/**
 * Keras's `interpolate_pr_auc` (Davis & Goadrich 2006): true positives and predicted positives
 * vary linearly within each interval, so its area has the closed form
 * `slope * (dTP + intercept * log(P_A / P_B)) / positives`.
 */
function interpolatedPrArea({ tp, fp, fn }: AucCounts): Tensor {
  const dtp = ops.subtract(head(tp), tail(tp));
  const p = ops.add(tp, fp);
  const [pHead, pTail] = [head(p), tail(p)];
  const slope = divideNoNan(dtp, ops.maximum(ops.subtract(pHead, pTail), 0));
  const intercept = ops.subtract(tail(tp), ops.multiply(slope, pTail));
  const bothPositive = ops.logicalAnd(ops.greater(pHead, 0), ops.greater(pTail, 0));
  const ratio = ops.where(bothPositive, divideNoNan(pHead, ops.maximum(pTail, 0)), 1);
  const numerator = ops.multiply(slope, ops.add(dtp, ops.multiply(intercept, ops.log(ratio))));
  return divideNoNan(numerator, ops.maximum(ops.add(tail(tp), tail(fn)), 0));
}

/** All thresholds but the last (`x[:T-1]`). */
function head(x: Tensor): Tensor {
  return ops.slice(x, x.shape.map(() => 0), [x.shape[0]! - 1, ...x.shape.slice(1).map(() => -1)]);
}

/** All thresholds but the first (`x[1:]`). */
function tail(x: Tensor): Tensor {
  return ops.slice(x, x.shape.map((_, i) => (i === 0 ? 1 : 0)), [x.shape[0]! - 1, ...x.shape.slice(1).map(() => -1)]);
}
