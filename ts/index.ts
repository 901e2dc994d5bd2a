/**
 * kerasm: Keras for TypeScript. `import * as keras from 'kerasm'` loads the WebAssembly runtime
 * (threaded SIMD where possible) before the first line of user code runs.
 */
import { init } from './runtime/loader.js';

await init();

export * as runtime from './runtime/index.js';
export { proxy, RemoteKerasm, RemoteModel } from './proxy/index.js';
export type { RemoteArray, RemoteFitOptions } from './proxy/index.js';
export { Tensor } from './tensor/tensor.js';
export type { DType, NumericDType, Shape, TypedArray, NestedArray, NestedStrings, DataOf, NestedOf } from './tensor/tensor.js';
export { tensor, scalar } from './tensor/create.js';
export { stringTensor, stringsOf } from './tensor/strings.js';
export type { TensorLike } from './tensor/create.js';
export { tidy, keep, dispose } from './tensor/scope.js';
export { Scope, tidyAsync } from './tensor/scope.js';
export type { TensorContainer } from './tensor/scope.js';
export * as ops from './ops/index.js';
export { valueAndGrads } from './tensor/gradients.js';
export { memory } from './tensor/memory.js';
export type { MemoryInfo } from './tensor/memory.js';
export { KeyError, ValueError, KerasmRuntimeError } from './utils/errors.js';
export * as layers from './layers/index.js';
export * as applications from './applications/index.js';
export { Input } from './layers/core/input_layer.js';
export { Layer } from './engine/layer.js';
export type { LayerArgs, CallArgs, AddWeightArgs, LayerInputs, ShapeOrShapes } from './engine/layer.js';
export { InputSpec } from './engine/input_spec.js';
export { KerasTensor } from './ops/symbolic/keras_tensor.js';
export { Variable } from './engine/variable.js';
export { Model } from './models/model.js';
export { Sequential } from './models/sequential.js';
export { modelFromJSON } from './models/model_from_json.js';
export { registerKerasSerializable, serializeLayer, deserializeLayer } from './engine/registry.js';
export type { CustomObjects, SerializedObject } from './engine/registry.js';
import './saving/model_methods.js';
export { saveModel } from './saving/save_model.js';
export type { SaveModelOptions, SaveOptions } from './saving/save_model.js';
export { loadModel } from './saving/load_model.js';
export type { LoadModelOptions } from './saving/load_model.js';
export { saveWeights, loadWeights } from './saving/weights_io.js';
export type { LoadWeightsOptions } from './saving/weights_io.js';
export type { ModelSource } from './saving/source.js';
export * as activations from './activations.js';
export * as initializers from './initializers/index.js';
export * as regularizers from './regularizers.js';
export * as constraints from './constraints.js';
export * as optimizers from './optimizers/index.js';
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export * as callbacks from './training/callbacks/index.js';
export type { History } from './training/callbacks/history.js';
export type { CompileArgs, FitArgs, EvaluateArgs, PredictArgs, TrainOnBatchArgs, TestOnBatchArgs, ClassWeight, InputData } from './training/index.js';
export { valueAndGrad } from './training/value_and_grad.js';
export type { ValueAndGrad } from './training/value_and_grad.js';
export type { ArrayData, BatchData, BatchIterable, LossConfig, LossWeights, MetricsConfig, OutputMetrics } from './training/index.js';
export { modelToDot, plotModel, plotHistory, lineChartSvg } from './plot/index.js';
export type { ModelToDotOptions, PlotModelOptions, PlotHistoryOptions, LineChartOptions, LineSeries } from './plot/index.js';
export * as models from './api/models.js';
export type { CloneModelOptions } from './api/models.js';
export * as utils from './api/utils.js';
export type { LayerMetric } from './engine/layer.js';
