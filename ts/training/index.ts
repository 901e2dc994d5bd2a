/** The training loop: `Trainer` (what `Model` delegates to), its options, and the progress bar. */
export { Trainer } from './trainer.js';
export type { CompileArgs, LossConfig, LossWeights, MetricsConfig, OutputMetrics } from './compile.js';
export type { FitArgs, EvaluateArgs, PredictArgs, TestOnBatchArgs, TrainOnBatchArgs, Verbose } from './options.js';
export type { ClassWeight } from './sample_weight.js';
export type { ArrayData, InputData } from './structure.js';
export type { BatchData, BatchIterable } from './batch_source.js';
export { valueAndGrad } from './value_and_grad.js';
export type { ValueAndGrad } from './value_and_grad.js';
export { Progbar } from './progbar.js';
export type { ProgbarOptions, ProgressStream } from './progbar.js';
export * as callbacks from './callbacks/index.js';
