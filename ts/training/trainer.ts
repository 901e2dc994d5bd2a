/**
 * The training API a `Model` delegates to: `compile`, `fit`, `evaluate`, `predict`,
 * `trainOnBatch`, `testOnBatch`, with Keras's semantics and messages.
 */
import type { Optimizer } from '../optimizers/optimizer.js';
import type { LayerMetric } from '../engine/layer.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { CallbackModel, LogValue, Logs } from './callbacks/callback.js';
import { CallbackList, type HookRunner } from './callbacks/callback_list.js';
import type { History } from './callbacks/history.js';
import { type CompileArgs, CompiledState } from './compile.js';
import { type AdaptedData, type InputData, type WeightArgs, adaptPair, checkBatchSize, checkNonEmpty, release } from './data.js';
import { batchCallArgs } from './batch_call_args.js';
import { type BatchData, BatchSource, describeBatchData, isBatchData } from './batch_source.js';
import { evaluateArrays, evaluateStream, rangeBatches, stepsIn } from './evaluate_loop.js';
import type { FitInput } from './fit_data.js';
import { fitLoop } from './fit_loop.js';
import { type EvaluateArgs, type FitArgs, type PredictArgs, type TestOnBatchArgs, type TrainOnBatchArgs, resolveVerbose } from './options.js';
import { predictLoop, predictStream } from './predict_loop.js';
import { type Batch, testStep, trainStep } from './step.js';
import { structureOf } from './structure.js';
import { TrainingGuard } from './training_guard.js';

/**
 * Trains, evaluates and runs a model. `Model` creates one and forwards `compile`, `fit`, … to it;
 * it works with any {@link CallbackModel} (a forward pass and trainable weights).
 *
 * @example
 * const trainer = new Trainer(model);
 * trainer.compile({ optimizer: 'adam', loss: 'mse' });
 * const history = await trainer.fit(x, y, { epochs: 10 });
 */
export class Trainer {
  readonly model: CallbackModel;
  private compiled: CompiledState | null = null;
  private readonly guard = new TrainingGuard();

  constructor(model: CallbackModel) {
    this.model = model;
  }

  /**
   * Configures training: optimizer (default `'rmsprop'`), loss (per output: one for all, a list or
   * a dict by output name), `lossWeights` and metrics. Compiling again starts afresh.
   */
  compile(args: CompileArgs): void {
    this.guard.check('compile');
    const next = new CompiledState(args, this.model);
    this.compiled?.dispose();
    this.compiled = next;
  }

  /** Whether `compile()` has been called. */
  get isCompiled(): boolean {
    return this.compiled !== null;
  }

  /** The optimizer set by `compile()`. */
  get optimizer(): Optimizer {
    return this.state().optimizer;
  }

  /** `['loss', …metric names, …output losses, …layers' metrics]` in the order `evaluate()` returns them (Keras 3's order, then Keras 2's `add_metric` ones). */
  get metricsNames(): string[] {
    return this.compiled?.metricsNames ?? [];
  }

  /** The metric objects behind `metricsNames`, in the same order (empty until compiled). */
  get metrics(): LayerMetric[] {
    return this.compiled?.metrics ?? [];
  }

  /**
   * Trains for `epochs` epochs on `x` / `y` arrays, or on batch data (a generator function, an
   * iterable of `[x, y]` / `[x, y, sampleWeight]` batches, a `Dataset`, a `PyDataset`) given alone
   * with the options second; resolves to the History of the run. Until it settles, other calls
   * on the model are refused (but from its callbacks).
   */
  async fit(x: InputData, y: InputData, args?: FitArgs): Promise<History>;
  async fit(data: BatchData, args?: FitArgs): Promise<History>;
  async fit(x: InputData | BatchData, y?: InputData | FitArgs, args?: FitArgs): Promise<History> {
    const [input, options]: [FitInput, FitArgs] = isBatchData(x) ? [{ batches: x }, batchCallArgs('fit', x, y, args)] : [{ x, y: y as InputData }, args ?? {}];
    return this.guard.fit(() => fitLoop(this.model, this.state(), input, options, (hook) => this.guard.hook(hook)));
  }

  /**
   * The loss (a number) or `[loss, ...metrics, ...output losses]` over `x` / `y`, in inference
   * mode; over batch data (given alone, options second) the same as a promise.
   */
  evaluate(x: InputData, y: InputData, args?: EvaluateArgs): LogValue | LogValue[] | Logs;
  evaluate(data: BatchData, args?: EvaluateArgs): Promise<LogValue | LogValue[] | Logs>;
  evaluate(x: InputData | BatchData, y?: InputData | EvaluateArgs, args?: EvaluateArgs): LogValue | LogValue[] | Logs | Promise<LogValue | LogValue[] | Logs> {
    if (isBatchData(x)) {
      const options = batchCallArgs('evaluate', x, y, args);
      return this.guard.exclusive('evaluate', () => this.evaluateBatches(x, options));
    }
    this.guard.check('evaluate');
    const compiled = this.state();
    const batchSize = checkBatchSize(args?.batchSize ?? 32);
    const owned: AdaptedData[] = [];
    try {
      const data = adaptPair(x, y as InputData, structureOf(this.model), owned, { sampleWeight: args?.sampleWeight });
      checkNonEmpty(data.numSamples, 'x');
      const range = { x: data.x, y: data.y, sampleWeight: data.sampleWeight, start: 0, end: data.numSamples, batchSize };
      const logs = evaluateArrays(this.model, compiled, rangeBatches(range), this.callbacks('evaluate', args ?? {}, stepsIn(range), null));
      return args?.returnDict ? logs : flatten(logs, compiled.metricsNames);
    } finally {
      release(...owned);
    }
  }

  /**
   * The model's outputs for `x`, computed in batches in inference mode: a Tensor for a single
   * output, a list in output order for several; over batch data (its batches' `x`), the same as
   * a promise. `T` states which the caller expects.
   */
  predict<T extends Tensor | Tensor[] = Tensor | Tensor[]>(x: InputData, args?: PredictArgs): T;
  predict<T extends Tensor | Tensor[] = Tensor | Tensor[]>(data: BatchData, args?: PredictArgs): Promise<T>;
  predict<T extends Tensor | Tensor[] = Tensor | Tensor[]>(x: InputData | BatchData, args: PredictArgs = {}): T | Promise<T> {
    const stepsPerExecution = this.compiled?.stepsPerExecution ?? 1;
    if (isBatchData(x)) {
      const source = new BatchSource(x, args.steps ?? null);
      const callbacks = (steps: number | null) => this.callbacks('predict', args, steps, (hook) => this.guard.hook(hook));
      return this.guard.exclusive('predict', () => predictStream(this.model, source, stepsPerExecution, callbacks) as Promise<T>);
    }
    this.guard.check('predict');
    return predictLoop(this.model, x, args, stepsPerExecution, (steps) => this.callbacks('predict', args, steps, null)) as T;
  }

  /** One gradient step on exactly this batch (weighted by `sampleWeight` or `classWeight`); returns its loss (and metrics). */
  trainOnBatch(x: InputData, y: InputData, args: TrainOnBatchArgs = {}): LogValue | LogValue[] {
    this.guard.check('trainOnBatch');
    if (args.sampleWeight !== undefined && args.sampleWeight !== null && args.classWeight !== undefined && args.classWeight !== null) {
      throw new ValueError(
        `Arguments \`sample_weight\` and \`class_weight\` cannot be specified at the same time. Received: sample_weight=${describeArray(args.sampleWeight)}, class_weight=${JSON.stringify(args.classWeight)}`,
      );
    }
    return this.onBatch(x, y, args, (compiled, batch) => trainStep(this.model, compiled, batch));
  }

  /** The loss (and metrics) of exactly this batch (weighted by `sampleWeight`), without training. */
  testOnBatch(x: InputData, y: InputData, args: TestOnBatchArgs = {}): LogValue | LogValue[] {
    this.guard.check('testOnBatch');
    return this.onBatch(x, y, { sampleWeight: args.sampleWeight }, (compiled, batch) => testStep(this.model, compiled, batch));
  }

  /** Frees the optimizer's slots and the metrics' state. */
  dispose(): void {
    this.compiled?.dispose();
    this.compiled = null;
  }

  private async evaluateBatches(data: BatchData, args: EvaluateArgs): Promise<LogValue | LogValue[] | Logs> {
    const compiled = this.state();
    if (args.sampleWeight !== undefined && args.sampleWeight !== null) {
      throw new ValueError(`When providing \`x\` as a ${describeBatchData(data)}, \`sample_weights\` should not be passed. Instead, the sample weights should be included as part of the ${describeBatchData(data)}.`);
    }
    const source = new BatchSource(data, args.steps ?? null);
    try {
      const callbacks = this.callbacks('evaluate', args, source.steps, (hook) => this.guard.hook(hook));
      const logs = await evaluateStream(this.model, compiled, source, structureOf(this.model), callbacks);
      return args.returnDict ? logs : flatten(logs, compiled.metricsNames);
    } finally {
      await source.close();
    }
  }

  /**
   * The callbacks of an `evaluate()` / `predict()` over `steps` batches, a progress bar added
   * unless silent; `runHook` null when the call is synchronous (arrays), so its hooks must be.
   */
  private callbacks(caller: 'evaluate' | 'predict', args: EvaluateArgs | PredictArgs, steps: number | null, runHook: HookRunner | null): CallbackList {
    const verbose = resolveVerbose(args.verbose);
    return new CallbackList(args.callbacks ?? [], { progbar: verbose > 0 }, this.model, { verbose, epochs: 1, steps }, runHook, caller);
  }

  private onBatch(x: InputData, y: InputData, weights: WeightArgs, step: (c: CompiledState, b: Batch) => void): LogValue | LogValue[] {
    const compiled = this.state();
    const owned: AdaptedData[] = [];
    try {
      const data = adaptPair(x, y, structureOf(this.model), owned, weights);
      // Keras returns a loss of 0 for test_on_batch on no samples (and, on JAX, fails deep in
      // train_on_batch); a step on nothing is a mistake, refused as evaluate() refuses it.
      checkNonEmpty(data.numSamples, 'x');
      compiled.resetMetrics();
      step(compiled, { x: data.x, y: data.y, sampleWeight: data.sampleWeight, indices: null });
      return flatten(compiled.results(), compiled.metricsNames);
    } finally {
      release(...owned);
    }
  }

  private state(): CompiledState {
    if (!this.compiled) throw new ValueError('You must call `compile()` before using the model.');
    return this.compiled;
  }
}

/** Keras's `_flatten_metrics_in_order`: a single value, or a list in `metricsNames` order. */
function flatten(logs: Logs, names: string[]): LogValue | LogValue[] {
  const values = names.map((n) => logs[n]!);
  return values.length === 1 ? values[0]! : values;
}

/** User data in an error message: its shape when it is a Tensor, otherwise its JSON (shortened). */
function describeArray(data: InputData): string {
  if (data instanceof Tensor) return data.toString();
  const text = JSON.stringify(data) ?? String(data);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
