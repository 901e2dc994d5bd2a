/**
 * What `compile()` resolves: the optimizer, the loss (reduced to a scalar), the loss tracker and
 * the metrics, which are built on the first batch, when the shapes of targets and predictions are
 * known (so `'accuracy'` can pick the right accuracy, as Keras 3 does).
 */
import * as ops from '../ops/index.js';
import { get as getLoss, type LossIdentifier } from '../losses/get.js';
import { Loss, reduceValues } from '../losses/loss.js';
import { checkIdentifier, compileMetric, type MetricIdentifier } from '../metrics/get.js';
import { Mean } from '../metrics/mean.js';
import type { Metric } from '../metrics/metric.js';
import { get as getOptimizer, type OptimizerIdentifier } from '../optimizers/get.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { Logs } from './callbacks/callback.js';

/** The arguments of `compile()`, as Keras's. */
export interface CompileArgs {
  /** An optimizer instance or name (`'rmsprop'`, `'adam'`, `'sgd'`). Default `'rmsprop'`, as Keras. */
  optimizer?: OptimizerIdentifier;
  /** A loss name (`'mse'`, `'sparse_categorical_crossentropy'`, …), a `Loss` instance, or a function (yTrue, yPred) → per-sample values. */
  loss?: LossIdentifier;
  /** Metrics to report during training and evaluation: names (`'accuracy'`), `Metric` instances, or functions. */
  metrics?: MetricIdentifier[];
}

/** The compiled training configuration of a model. */
export class CompiledState {
  readonly optimizer: Optimizer;
  readonly lossTracker = new Mean({ name: 'loss' });
  private readonly lossFn: (yTrue: Tensor, yPred: Tensor) => Tensor;
  private readonly metricIds: MetricIdentifier[];
  private built: Metric[] | null = null;

  constructor(args: CompileArgs) {
    if (args.loss === undefined || args.loss === null) {
      throw new ValueError('No loss to compute. Provide a `loss` argument in `compile()`.');
    }
    if (args.metrics !== undefined && !Array.isArray(args.metrics)) {
      throw new ValueError(`Expected \`metrics\` argument to be a list, tuple, or dict. Received instead: metrics=${String(args.metrics)} of type ${typeof args.metrics}`);
    }
    const loss = getLoss(args.loss);
    this.lossFn = loss instanceof Loss ? (t, p) => loss.apply(t, p) : (t, p) => reduceValues(loss(t, p), 'sum_over_batch_size');
    this.metricIds = args.metrics ?? [];
    // Resolve names now so unknown ones fail at compile(), as in Keras.
    for (const id of this.metricIds) checkIdentifier(id);
    this.optimizer = getOptimizer(args.optimizer ?? 'rmsprop');
  }

  /** The scalar training loss of a batch, plus the model's extra losses (regularizers). */
  computeLoss(yTrue: Tensor, yPred: Tensor, extraLosses: readonly Tensor[]): Tensor {
    let loss = this.lossFn(yTrue, yPred);
    for (const extra of extraLosses) loss = ops.add(loss, ops.sum(extra));
    return loss;
  }

  /** Accumulates a batch into the loss tracker (weighted by batch size) and the metrics. */
  updateMetrics(loss: Tensor, yTrue: Tensor, yPred: Tensor): void {
    this.lossTracker.updateState(loss, yTrue.shape[0] ?? 1);
    for (const m of this.metrics(yTrue, yPred)) m.updateState(yTrue, yPred);
  }

  /** The current values, `loss` first, then each metric by name (duplicates get `_1`, `_2`, as Keras). */
  results(): Logs {
    const logs: Logs = { loss: this.lossTracker.resultValue() };
    for (const m of this.built ?? []) logs[m.name] = m.resultValue();
    return logs;
  }

  /** Zeroes the loss tracker and the metrics. */
  resetMetrics(): void {
    this.lossTracker.resetState();
    for (const m of this.built ?? []) m.resetState();
  }

  /** The metric names in order, as `model.metricsNames`: `['loss', 'accuracy', …]` (metrics appear once built). */
  get metricsNames(): string[] {
    return ['loss', ...(this.built ?? []).map((m) => m.name)];
  }

  /** Frees the metrics' state and the optimizer's slots. */
  dispose(): void {
    this.lossTracker.dispose();
    for (const m of this.built ?? []) m.dispose();
    this.optimizer.dispose();
  }

  private metrics(yTrue: Tensor, yPred: Tensor): Metric[] {
    if (!this.built) {
      this.built = this.metricIds.map((id) => compileMetric(id, yTrue.shape, yPred.shape));
      uniquifyNames(this.built);
    }
    return this.built;
  }
}

function uniquifyNames(metrics: Metric[]): void {
  const seen = new Map<string, number>();
  for (const m of metrics) {
    const n = seen.get(m.name);
    seen.set(m.name, (n ?? 0) + 1);
    if (n !== undefined) m.name = `${m.name}_${n}`;
  }
}
