/** The `callbacks` namespace, as `keras.callbacks`. */
export { Callback } from './callback.js';
export type { CallbackModel, HookResult, Logs, PredictBatchLogs, TrainingParams } from './callback.js';
export { History } from './history.js';
export { EarlyStopping } from './early_stopping.js';
export type { EarlyStoppingArgs } from './early_stopping.js';
export { LambdaCallback } from './lambda_callback.js';
export type { LambdaCallbackArgs } from './lambda_callback.js';
export { ProgbarLogger } from './progbar_logger.js';
export type { ProgbarLoggerArgs } from './progbar_logger.js';
export { LearningRateScheduler } from './learning_rate_scheduler.js';
export type { LearningRateSchedulerArgs, Schedule } from './learning_rate_scheduler.js';
export type { MonitorMode } from './monitor_callback.js';
export { ReduceLROnPlateau } from './reduce_lr_on_plateau.js';
export type { ReduceLROnPlateauArgs } from './reduce_lr_on_plateau.js';
export { TerminateOnNaN } from './terminate_on_nan.js';
export type { TerminateOnNaNArgs } from './terminate_on_nan.js';
