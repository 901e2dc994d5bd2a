/** The `callbacks` namespace, as `keras.callbacks`. */
export { Callback } from './callback.js';
export type { CallbackModel, HookResult, Logs, TrainingParams } from './callback.js';
export { History } from './history.js';
export { EarlyStopping } from './early_stopping.js';
export type { EarlyStoppingArgs } from './early_stopping.js';
export { LambdaCallback } from './lambda_callback.js';
export type { LambdaCallbackArgs } from './lambda_callback.js';
export { ProgbarLogger } from './progbar_logger.js';
export type { ProgbarLoggerArgs } from './progbar_logger.js';
export { ModelCheckpoint } from './model_checkpoint.js';
export type { ModelCheckpointArgs } from './model_checkpoint.js';
export { CSVLogger } from './csv_logger.js';
export type { CSVLoggerArgs } from './csv_logger.js';
export { BackupAndRestore } from './backup_and_restore.js';
export type { BackupAndRestoreArgs } from './backup_and_restore.js';
export { TensorBoard } from './tensorboard.js';
export type { TensorBoardArgs } from './tensorboard.js';
