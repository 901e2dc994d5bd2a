/**
 * The intersection-over-union metrics, as Keras's `iou_metrics.py`: a confusion matrix accumulated
 * batch by batch (a weighted bincount of `trueClass * numClasses + predictedClass`, in WebAssembly)
 * and, at `result()`, the IoU `TP / (TP + FP + FN)` of the target classes, averaged over those
 * that occurred.
 */
import { type KerasArgs, REQUIRED, type Signature, kerasClassName, signature } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import { countIntoBins } from '../ops/bincount.js';
import * as ops from '../ops/index.js';
import { tensor } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { Metric, type MetricArgs } from './metric.js';

/** Keras's `backend.epsilon()`. */
const EPSILON = 1e-7;

/** Options of {@link IoU}. */
export interface IoUArgs extends MetricArgs {
  /** The number of classes (the confusion matrix is `numClasses × numClasses`). Required. */
  numClasses?: number;
  /** The classes whose IoU is averaged. Required. */
  targetClassIds?: number[];
  /** A class id left out of the matrix (e.g. a "void" label in segmentation). Default null. */
  ignoreClass?: number | null;
  /** Targets are class ids (false: scores, reduced by arg-max along `axis`). Default true. */
  sparseYTrue?: boolean;
  /** Predictions are class ids (false: scores, reduced by arg-max along `axis`). Default true. */
  sparseYPred?: boolean;
  /** The class axis of non-sparse targets and predictions. Default -1. */
  axis?: number;
}

const iouSignature = signature<IoUArgs>()({
  numClasses: REQUIRED, targetClassIds: REQUIRED, name: null, dtype: null, ignoreClass: null, sparseYTrue: true, sparseYPred: true, axis: -1,
});

/**
 * The mean intersection-over-union of `targetClassIds`, as `keras.metrics.IoU`: class ids (or
 * scores, with `sparseYTrue` / `sparseYPred` false) of any shape are flattened and counted into a
 * confusion matrix; ids outside `[0, numClasses)` and `ignoreClass` count nowhere. Keras keeps the
 * matrix in int32 by default (`dtype` null), truncating fractional sample weights as it does;
 * `dtype: 'float32'` weighs them exactly.
 *
 * @example
 * const m = new IoU(2, [0]);
 * m.updateState(tensor([0, 0, 1, 1]), tensor([0, 1, 0, 1]));
 * m.resultValue(); // 1/3
 */
export class IoU extends Metric {
  static override className = 'IoU';
  /** Typed as any signature, so that each metric built on it declares its own. */
  static override readonly signature: Signature<object> = iouSignature;
  static override readonly stateDtypes: readonly DType[] = ['int32', 'float32'];
  readonly numClasses: number;
  readonly targetClassIds: number[];
  readonly ignoreClass: number | null;
  readonly sparseYTrue: boolean;
  readonly sparseYPred: boolean;
  readonly axis: number;
  /** `(true class, predicted class)` counts. */
  private readonly totalCm: Variable;

  /** `new IoU(3, [0, 2])` or `new IoU({ numClasses: 3, targetClassIds: [0, 2] })`. */
  constructor(
    ...args: KerasArgs<
      [numClasses: number, targetClassIds: number[], name: string | null, dtype: DType | null, ignoreClass: number | null, sparseYTrue: boolean, sparseYPred: boolean, axis: number],
      IoUArgs
    >
  ) {
    const a = iouSignature.resolve(args, new.target);
    super({ name: a.name, dtype: a.dtype ?? 'int32' });
    if (!Number.isInteger(a.numClasses) || a.numClasses < 1) {
      throw new ValueError(`${kerasClassName(new.target)}: \`num_classes\` must be a positive integer. Received: num_classes=${pythonRepr(a.numClasses)}`);
    }
    const maxId = Math.max(...a.targetClassIds);
    if (maxId >= a.numClasses) throw new ValueError(`Target class id ${maxId} is out of range, which is [0, ${a.numClasses}).`);
    this.numClasses = a.numClasses;
    this.targetClassIds = [...a.targetClassIds];
    this.ignoreClass = a.ignoreClass;
    this.sparseYTrue = a.sparseYTrue;
    this.sparseYPred = a.sparseYPred;
    this.axis = a.axis;
    this.totalCm = this.addVariable('total_confusion_matrix', [a.numClasses, a.numClasses]);
  }

  /** Counts a batch into the confusion matrix, each pair weighted by its `sampleWeight` entry. */
  override updateState(yTrue: Tensor, yPred?: Tensor, sampleWeight?: Tensor | number): void {
    if (!yPred) throw new TypeError(`${this.name}.updateState(yTrue, yPred) needs both targets and predictions`);
    tidy(() => {
      const labels = this.classIds(yTrue, this.sparseYTrue);
      const predictions = this.classIds(yPred, this.sparseYPred);
      const inRange = ops.logicalAnd(this.isClassId(labels), this.isClassId(predictions));
      const counted = this.ignoreClass === null ? inRange : ops.logicalAnd(inRange, ops.notEqual(labels, this.ignoreClass));
      const cells = ops.add(ops.multiply(truncate(labels), this.numClasses), truncate(predictions));
      const weights = ops.where(counted, this.weightsOf(sampleWeight, labels.shape[0]!), 0);
      const counts = countIntoBins(ops.cast(ops.where(counted, cells, 0), 'int32'), this.numClasses ** 2, { weights });
      this.totalCm.assign(ops.add(this.totalCm.value, ops.reshape(counts, [this.numClasses, this.numClasses])));
    });
  }

  /** The IoU of each target class that occurred, averaged. */
  override result(): Tensor {
    return tidy(() => {
      const cm = this.totalCm.value;
      const ids = this.targetClassIds;
      const truePositives = ops.take(ops.reshape(cm, [-1]), ids.map((i) => i * this.numClasses + i));
      const predicted = ops.take(ops.sum(cm, 0), ids);
      const actual = ops.take(ops.sum(cm, 1), ids);
      const union = ops.subtract(ops.add(predicted, actual), truePositives);
      const valid = ops.greater(union, 1e-9);
      const iou = ops.where(valid, ops.divide(truePositives, ops.add(union, EPSILON)), 0);
      return ops.divide(ops.sum(iou), ops.add(ops.sum(ops.cast(valid, 'float32')), EPSILON));
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), num_classes: this.numClasses, target_class_ids: this.targetClassIds, ignore_class: this.ignoreClass,
      sparse_y_true: this.sparseYTrue, sparse_y_pred: this.sparseYPred, axis: this.axis,
    };
  }

  /**
   * Class ids as a flat float32 vector: truncated under int32, as Keras's conversion to the state's
   * dtype does; under float32 fractions stay until the bounds check (the cell index truncates them).
   */
  private classIds(values: Tensor, sparse: boolean): Tensor {
    const ids = ops.reshape(sparse ? values : ops.argmax(values, this.axis), [-1]);
    return this.dtype === 'int32' ? truncate(ids) : ops.cast(ids, 'float32');
  }

  private isClassId(ids: Tensor): Tensor {
    return ops.logicalAnd(ops.greaterEqual(ids, 0), ops.less(ids, this.numClasses));
  }

  /** One float32 weight per flattened entry: 1, a number, or the weights flattened and broadcast; int32 truncates them. */
  private weightsOf(sampleWeight: Tensor | number | undefined, count: number): Tensor {
    const weights = typeof sampleWeight === 'number' || sampleWeight === undefined ? tensor(sampleWeight ?? 1) : ops.reshape(sampleWeight, [-1]);
    const cast = this.dtype === 'int32' ? truncate(weights) : ops.cast(weights, 'float32');
    return ops.add(cast, ops.zeros([count]));
  }
}

/** Values truncated toward zero, as float32 (int32 arithmetic is not among the ops). */
function truncate(values: Tensor): Tensor {
  return ops.cast(ops.cast(values, 'int32'), 'float32');
}

/** Options of {@link MeanIoU}. */
export type MeanIoUArgs = Omit<IoUArgs, 'targetClassIds'>;

const meanIoUSignature = signature<MeanIoUArgs>()({
    numClasses: REQUIRED, name: null, dtype: null, ignoreClass: null, sparseYTrue: true, sparseYPred: true, axis: -1,
  });

/**
 * The IoU averaged over every class, as `keras.metrics.MeanIoU`.
 *
 * @example
 * const m = new MeanIoU(2);
 * m.updateState(tensor([0, 0, 1, 1]), tensor([0, 1, 0, 1]));
 * m.resultValue(); // 1/3
 */
export class MeanIoU extends IoU {
  static override className = 'MeanIoU';
  static override readonly signature: Signature<object> = meanIoUSignature;

  /** `new MeanIoU(3)` or `new MeanIoU({ numClasses: 3, ignoreClass: 0 })`. */
  constructor(
    ...args: KerasArgs<[numClasses: number, name: string | null, dtype: DType | null, ignoreClass: number | null, sparseYTrue: boolean, sparseYPred: boolean, axis: number], MeanIoUArgs>
  ) {
    const a = meanIoUSignature.resolve(args, new.target);
    super({ ...a, targetClassIds: Array.from({ length: a.numClasses }, (_, i) => i) });
  }

  override getConfig(): Record<string, unknown> {
    const { target_class_ids: _all, ...config } = super.getConfig();
    return config;
  }
}

/** Options of {@link BinaryIoU}. */
export interface BinaryIoUArgs extends MetricArgs {
  /** The classes (0, 1 or both) whose IoU is averaged. Default [0, 1]. */
  targetClassIds?: number[];
  /** Predictions at or above it are class 1. Default 0.5. */
  threshold?: number;
}

const binaryIoUSignature = signature<BinaryIoUArgs>()({ targetClassIds: [0, 1], threshold: 0.5, name: null, dtype: null });

/**
 * The IoU of binary targets against thresholded predictions, as `keras.metrics.BinaryIoU`.
 *
 * @example
 * const m = new BinaryIoU([0, 1], 0.3);
 * m.updateState(tensor([0, 1, 0, 1]), tensor([0.1, 0.2, 0.4, 0.7]));
 * m.resultValue(); // 0.3333
 */
export class BinaryIoU extends IoU {
  static override className = 'BinaryIoU';
  static override readonly signature: Signature<object> = binaryIoUSignature;
  readonly threshold: number;

  /** `new BinaryIoU([1], 0.7)` or `new BinaryIoU({ targetClassIds: [1], threshold: 0.7 })`. */
  constructor(...args: KerasArgs<[targetClassIds: number[], threshold: number, name: string | null, dtype: DType | null], BinaryIoUArgs>) {
    const a = binaryIoUSignature.resolve(args, new.target);
    super({ numClasses: 2, targetClassIds: a.targetClassIds, name: a.name, dtype: a.dtype });
    this.threshold = a.threshold;
  }

  /** Predictions become class 1 at or above `threshold`, then count as class ids. */
  override updateState(yTrue: Tensor, yPred?: Tensor, sampleWeight?: Tensor | number): void {
    if (!yPred) throw new TypeError(`${this.name}.updateState(yTrue, yPred) needs both targets and predictions`);
    tidy(() => super.updateState(yTrue, ops.cast(ops.greaterEqual(yPred, this.threshold), 'int32'), sampleWeight));
  }

  override getConfig(): Record<string, unknown> {
    return { target_class_ids: this.targetClassIds, threshold: this.threshold, name: this.name, dtype: this.dtype };
  }
}

/** Options of {@link OneHotIoU}. */
export type OneHotIoUArgs = Omit<IoUArgs, 'sparseYTrue'>;

const oneHotIoUSignature = signature<OneHotIoUArgs>()({
    numClasses: REQUIRED, targetClassIds: REQUIRED, name: null, dtype: null, ignoreClass: null, sparseYPred: false, axis: -1,
  });

/**
 * The IoU of `targetClassIds` for one-hot targets and score predictions (class ids with
 * `sparseYPred`), as `keras.metrics.OneHotIoU`.
 */
export class OneHotIoU extends IoU {
  static override className = 'OneHotIoU';
  static override readonly signature: Signature<object> = oneHotIoUSignature;

  /** `new OneHotIoU(3, [0, 2])` or `new OneHotIoU({ numClasses: 3, targetClassIds: [0, 2] })`. */
  constructor(
    ...args: KerasArgs<
      [numClasses: number, targetClassIds: number[], name: string | null, dtype: DType | null, ignoreClass: number | null, sparseYPred: boolean, axis: number],
      OneHotIoUArgs
    >
  ) {
    const a = oneHotIoUSignature.resolve(args, new.target);
    super({ ...a, sparseYTrue: false });
  }

  override getConfig(): Record<string, unknown> {
    const { sparse_y_true: _oneHot, ...config } = super.getConfig();
    return config;
  }
}

/** Options of {@link OneHotMeanIoU}. */
export type OneHotMeanIoUArgs = Omit<IoUArgs, 'sparseYTrue' | 'targetClassIds'>;

const oneHotMeanIoUSignature = signature<OneHotMeanIoUArgs>()({
    numClasses: REQUIRED, name: null, dtype: null, ignoreClass: null, sparseYPred: false, axis: -1,
  });

/** The IoU averaged over every class for one-hot targets, as `keras.metrics.OneHotMeanIoU`. */
export class OneHotMeanIoU extends MeanIoU {
  static override className = 'OneHotMeanIoU';
  static override readonly signature: Signature<object> = oneHotMeanIoUSignature;

  /** `new OneHotMeanIoU(3)` or `new OneHotMeanIoU({ numClasses: 3 })`. */
  constructor(...args: KerasArgs<[numClasses: number, name: string | null, dtype: DType | null, ignoreClass: number | null, sparseYPred: boolean, axis: number], OneHotMeanIoUArgs>) {
    const a = oneHotMeanIoUSignature.resolve(args, new.target);
    super({ ...a, sparseYTrue: false });
  }

  override getConfig(): Record<string, unknown> {
    const { sparse_y_true: _oneHot, ...config } = super.getConfig();
    return config;
  }
}
