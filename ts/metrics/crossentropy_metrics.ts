/** The cross-entropy metrics: running means of the cross-entropy losses, with the losses' options. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import { binaryCrossentropy } from '../losses/binary_crossentropy.js';
import { categoricalCrossentropy } from '../losses/categorical_crossentropy.js';
import { sparseCategoricalCrossentropy } from '../losses/sparse_categorical_crossentropy.js';
import * as ops from '../ops/index.js';
import { tidy } from '../tensor/scope.js';
import type { DType, Tensor } from '../tensor/tensor.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import type { MetricArgs } from './metric.js';

/** Options of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyArgs extends MetricArgs {
  /** Whether predictions are logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In [0, 1]: targets are squeezed towards 0.5 by this amount. Default 0. */
  labelSmoothing?: number;
}

/**
 * The mean binary cross-entropy, as `keras.metrics.BinaryCrossentropy`.
 *
 * @example
 * model.compile({ optimizer: 'adam', loss: 'mse', metrics: [new metrics.BinaryCrossentropy({ fromLogits: true })] });
 */
export class BinaryCrossentropy extends MeanMetricWrapper {
  static override className = 'BinaryCrossentropy';
  static override readonly signature = signature<BinaryCrossentropyArgs>()({ name: 'binary_crossentropy', dtype: null, fromLogits: false, labelSmoothing: 0 });
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;

  constructor(...args: KerasArgs<[name: string | null, dtype: DType | null, fromLogits: boolean, labelSmoothing: number], BinaryCrossentropyArgs>) {
    const { name, dtype, ...options } = BinaryCrossentropy.signature.resolve(args, new.target);
    super((t: Tensor, p: Tensor) => binaryCrossentropy(t, p, options), name, dtype);
    this.fromLogits = options.fromLogits;
    this.labelSmoothing = options.labelSmoothing;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing };
  }
}

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyArgs extends BinaryCrossentropyArgs {
  /** The class axis. Default -1. */
  axis?: number;
}

/** The mean categorical cross-entropy over one-hot targets, as `keras.metrics.CategoricalCrossentropy`. */
export class CategoricalCrossentropy extends MeanMetricWrapper {
  static override className = 'CategoricalCrossentropy';
  static override readonly signature = signature<CategoricalCrossentropyArgs>()({
    name: 'categorical_crossentropy', dtype: null, fromLogits: false, labelSmoothing: 0, axis: -1,
  });
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(...args: KerasArgs<[name: string | null, dtype: DType | null, fromLogits: boolean, labelSmoothing: number, axis: number], CategoricalCrossentropyArgs>) {
    const { name, dtype, ...options } = CategoricalCrossentropy.signature.resolve(args, new.target);
    super((t: Tensor, p: Tensor) => categoricalCrossentropy(t, p, options), name, dtype);
    this.fromLogits = options.fromLogits;
    this.labelSmoothing = options.labelSmoothing;
    this.axis = options.axis;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
  }
}

/** Options of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyArgs extends MetricArgs {
  /** Whether predictions are logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** A class id whose targets are left out of the mean. Default null. */
  ignoreClass?: number | null;
  /** The class axis; Keras 3 computes along the last one whatever is given. Default -1. */
  axis?: number;
}

/** The mean sparse categorical cross-entropy of class ids, as `keras.metrics.SparseCategoricalCrossentropy`. */
export class SparseCategoricalCrossentropy extends MeanMetricWrapper {
  static override className = 'SparseCategoricalCrossentropy';
  static override readonly signature = signature<SparseCategoricalCrossentropyArgs>()({
    name: 'sparse_categorical_crossentropy', dtype: null, fromLogits: false, ignoreClass: null, axis: -1,
  });
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;
  readonly axis: number;

  constructor(...args: KerasArgs<[name: string | null, dtype: DType | null, fromLogits: boolean, ignoreClass: number | null, axis: number], SparseCategoricalCrossentropyArgs>) {
    const { name, dtype, fromLogits, ignoreClass, axis } = SparseCategoricalCrossentropy.signature.resolve(args, new.target);
    super((t: Tensor, p: Tensor) => sparseCategoricalCrossentropy(t, p, { fromLogits, ignoreClass }), name, dtype);
    this.fromLogits = fromLogits;
    this.ignoreClass = ignoreClass;
    this.axis = axis;
  }

  /** As Keras, targets of `ignoreClass` are masked out of the mean (the loss's mask weighs them 0). */
  override updateState(yTrue: Tensor, yPred?: Tensor, sampleWeight?: Tensor | number): void {
    if (this.ignoreClass === null || !yPred) return super.updateState(yTrue, yPred, sampleWeight);
    const ignoreClass = this.ignoreClass;
    tidy(() => {
      const ids = yTrue.rank === yPred.rank ? ops.squeeze(yTrue, -1) : yTrue;
      const mask = ops.cast(ops.notEqual(ids, ignoreClass), 'float32');
      super.updateState(yTrue, yPred, sampleWeight === undefined ? mask : ops.multiply(mask, sampleWeight));
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, ignore_class: this.ignoreClass, axis: this.axis };
  }
}
