/**
 * What `compile()` resolves: the optimizer, the loss (see `compile_loss.ts`), the loss tracker and
 * the metrics (see `compile_metrics.ts`), which are matched to the outputs on the first batch, as
 * in Keras 3. Logs come in Keras's order: `loss`, the metrics, then each output's loss; then the
 * metrics the model's layers add with `addMetric` (see `layer_metrics.ts`), as Keras 2 logged them.
 */
import type { LayerMetric } from '../engine/layer.js';
import * as ops from '../ops/index.js';
import { Mean } from '../metrics/mean.js';
import { get as getOptimizer, type OptimizerIdentifier } from '../optimizers/get.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { Logs } from './callbacks/callback.js';
import { CompileLoss, type LossConfig, type LossValues, type LossWeights, type SampleWeights } from './compile_loss.js';
import { CompileMetrics, type MetricsConfig } from './compile_metrics.js';
import { layerMetrics, updateLayerMetrics } from './layer_metrics.js';
import { listOfStars, structureOf, structuresDiffer } from './structure.js';
import type { TrainableModel } from './trainable.js';

export type { LossConfig, LossValues, LossWeights } from './compile_loss.js';
export type { MetricsConfig, OutputMetrics } from './compile_metrics.js';

/** The arguments of `compile()`, as Keras's. */
export interface CompileArgs {
  /** An optimizer instance or name (`'rmsprop'`, `'adam'`, `'sgd'`). Default `'rmsprop'`, as Keras. */
  optimizer?: OptimizerIdentifier;
  /**
   * A loss name (`'mse'`, `'sparse_categorical_crossentropy'`, …), a `Loss` instance, or a function
   * (yTrue, yPred) → per-sample values; for several outputs, one loss applies to each output, or give
   * a list (one per output) or a dict keyed by output name (`null`: no loss for that output).
   */
  loss?: LossConfig;
  /** Scales each output's loss in the total: a list (one per loss) or a dict keyed by output name. Default 1 each. */
  lossWeights?: LossWeights;
  /**
   * Metrics to report: names (`'accuracy'`), `Metric` instances, or functions. For several outputs,
   * a list with one entry per output or a dict keyed by output name; each entry a metric or a list.
   */
  metrics?: MetricsConfig;
  /**
   * Metrics computed with the sample weights (`sampleWeight` or `classWeight` of `fit`, …), in the
   * same forms as `metrics`, which ignore them. A weighted metric whose name is already taken is
   * logged as `weighted_<name>`, as in Keras.
   */
  weightedMetrics?: MetricsConfig;
  /**
   * Batches run back to back per loop iteration of `fit`, `evaluate` and `predict`: no hook and
   * nothing downloaded between them; the batch hooks are called once per group, as Keras calls
   * them. Default 1.
   */
  stepsPerExecution?: number;
}

/** The compiled training configuration of a model. */
export class CompiledState {
  readonly optimizer: Optimizer;
  readonly lossTracker: Mean;
  /** Steps between two calls of the batch hooks. */
  readonly stepsPerExecution: number;
  private readonly loss: CompileLoss;
  private readonly compileMetrics: CompileMetrics;
  private readonly model: TrainableModel;

  /** The training configuration of `model`, whose output names (if any) key the losses and metrics. */
  constructor(args: CompileArgs, model: TrainableModel) {
    const { outputNames } = structureOf(model);
    this.model = model;
    this.stepsPerExecution = checkStepsPerExecution(args.stepsPerExecution ?? 1);
    this.loss = new CompileLoss(args.loss, args.lossWeights, outputNames);
    this.compileMetrics = new CompileMetrics(args.metrics, args.weightedMetrics, outputNames);
    this.optimizer = getOptimizer(args.optimizer ?? 'rmsprop');
    // Created last: a compile() that fails above allocates nothing.
    this.lossTracker = new Mean({ name: 'loss' });
  }

  /**
   * The total training loss of a batch (weighted losses of the outputs plus the model's extra
   * losses), and each output's loss; `sampleWeight` (one per output) weighs each output's samples.
   */
  computeLoss(yTrue: readonly Tensor[], yPred: readonly Tensor[], extraLosses: readonly Tensor[], sampleWeight: SampleWeights = null): LossValues {
    if (yTrue.length !== yPred.length) throw structuresDiffer(listOfStars(yTrue.length), listOfStars(yPred.length));
    const values = this.loss.compute(yTrue, yPred, sampleWeight);
    let total = values.total;
    for (const extra of extraLosses) total = ops.add(total, ops.sum(extra));
    return { total, perOutput: values.perOutput };
  }

  /**
   * Accumulates a batch into the loss trackers (the batch's loss weighted by its size, as Keras
   * does whatever the sample weights), the metrics (`sampleWeight` goes to the weighted ones), and
   * the layers' metrics (the values their `addMetric` recorded in this batch's forward pass).
   */
  updateMetrics(loss: LossValues, yTrue: readonly Tensor[], yPred: readonly Tensor[], sampleWeight: SampleWeights = null): void {
    const batchSize = yTrue[0]?.shape[0] ?? 1;
    this.lossTracker.updateState(loss.total, batchSize);
    this.loss.updateTrackers(loss, batchSize);
    this.compileMetrics.update(yTrue, yPred, sampleWeight);
    updateLayerMetrics(this.model);
  }

  /** The current values: `loss`, each metric by key, each output's loss (several outputs), then the layers' metrics. */
  results(): Logs {
    const logs: Logs = { loss: this.lossTracker.logValue() };
    for (const { metric, key } of this.compileMetrics.metrics) logs[key] = metric.logValue();
    for (const t of this.loss.trackers) logs[t.name] = t.logValue();
    for (const m of layerMetrics(this.model)) logs[m.name] = m.logValue();
    return logs;
  }

  /** Zeroes the loss trackers, the metrics and the layers' metrics. */
  resetMetrics(): void {
    this.lossTracker.resetState();
    for (const t of this.loss.trackers) t.resetState();
    this.compileMetrics.reset();
    for (const m of layerMetrics(this.model)) m.resetState();
  }

  /** The log keys in order, as `model.metricsNames` (metrics and per-output losses appear once built). */
  get metricsNames(): string[] {
    const compiled = this.compileMetrics.metrics.map((m) => m.key);
    return ['loss', ...compiled, ...this.loss.trackers.map((t) => t.name), ...layerMetrics(this.model).map((m) => m.name)];
  }

  /** The metric objects in log order: the loss tracker, the metrics, the per-output losses, the layers' metrics. */
  get metrics(): LayerMetric[] {
    return [this.lossTracker, ...this.compileMetrics.metrics.map((m) => m.metric), ...this.loss.trackers, ...layerMetrics(this.model)];
  }

  /** Frees the metrics' state and the optimizer's slots. */
  dispose(): void {
    this.lossTracker.dispose();
    this.loss.dispose();
    this.compileMetrics.dispose();
    this.optimizer.dispose();
  }
}


/** `steps_per_execution` must count steps (Keras takes it unchecked and fails later in `range()`). */
function checkStepsPerExecution(steps: number): number {
  if (!Number.isInteger(steps) || steps < 1) throw new ValueError(`\`steps_per_execution\` must be a positive integer. Received: steps_per_execution=${steps}`);
  return steps;
}
