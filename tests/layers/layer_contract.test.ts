/**
 * Every exported layer class of `keras.layers` through `runLayerTest` (Keras's `run_layer_test`):
 * one row per class with common options, then rows for notable non-default options.
 *
 * The expected values of each row come from Keras 3.15.1 itself (run with KERAS_BACKEND=jax in
 * the reference venv): the output shape of an eager call, the trainable and non-trainable weight
 * counts, `supports_masking`, the output mask's shape when the inputs carry masks of their shape
 * without the last axis (from a symbolic call, so its batch is None), the number of losses, and
 * whether the layer refuses an input with one axis fewer (`anyRank` where Keras accepts it or
 * has no rank rule). The
 * tf.keras-only layers (ThresholdedReLU, LocallyConnected1D/2D) come from tf_keras 2.21 in the
 * same venv, their masks by reasoning (ThresholdedReLU passes a mask through; LocallyConnected
 * does not support masking).
 */
import { describe, expect, it } from 'vitest';
import { Layer, type Tensor, layers, ops } from '../../ts/index.js';
import { kerasClassName } from '../../ts/arguments/signature.js';
import type { SymbolicShape } from '../../ts/engine/shape.js';
import type { Shapes } from '../helpers/layer_test_inputs.js';
import { type LayerClassUnderTest, type LayerKwargs, type LayerTestOptions, runLayerTest } from '../helpers/run_layer_test.js';

const double = (x: Tensor | Tensor[]) => ops.multiply(x as Tensor, 2);
layers.registerLambdaFunction('layer_contract_double', double);

/** The exported classes that are not tested here, and why. */
const NOT_TESTED: Record<string, string> = {
  Layer: 'the abstract base of every layer: it has no call of its own',
  Merge: 'the abstract base of the merging layers, which are tested',
  Wrapper: 'the abstract base of the wrappers; SpectralNormalization is tested',
  AbstractRNNCell: 'the abstract base of user cells, which RNN runs (tests/layers/rnn)',
  SimpleRNNCell: 'a cell is called with (inputs, states) by an RNN layer, not on tensors alone: tested through the RNN rows and tests/layers/rnn',
  GRUCell: 'a cell is called with (inputs, states) by an RNN layer, not on tensors alone: tested through the RNN rows and tests/layers/rnn',
  LSTMCell: 'a cell is called with (inputs, states) by an RNN layer, not on tensors alone: tested through the RNN rows and tests/layers/rnn',
  StackedRNNCells: 'a cell is called with (inputs, states) by an RNN layer, not on tensors alone: tested through the RNN rows and tests/layers/rnn',
  InputLayer: "not called on tensors: it makes a model's input (Keras tests it without run_layer_test); see tests/layers/core/input_layer.test.ts",
};

interface Row extends Omit<LayerTestOptions, 'initKwargs' | 'inputShape' | 'expectedOutputShape' | 'expectedNumTrainableWeights' | 'expectedNumNonTrainableWeights' | 'supportsMasking' | 'expectedMaskShape' | 'acceptsAnyRank'> {
  layer: LayerClassUnderTest;
  /** Names the row when a class has several. */
  label?: string;
  kwargs: LayerKwargs | (() => LayerKwargs);
  input: Shapes;
  output: SymbolicShape;
  /** Trainable and non-trainable weight counts. */
  weights: [number, number];
  /** Keras's `supports_masking`. */
  masking: boolean;
  /** The output mask's shape for masked inputs; null: no mask. */
  mask: SymbolicShape | null;
  /** Keras accepts an input with one axis fewer. */
  anyRank?: true;
}

const L = layers;
const ROWS: Row[] = [
  // core
  { layer: L.Activation, kwargs: { activation: 'relu' }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Dense, kwargs: { units: 4 }, input: [2, 3], output: [2, 4], weights: [2, 0], masking: true, mask: [null] },
  { layer: L.Embedding, kwargs: { inputDim: 5, outputDim: 3, maskZero: true }, input: [2, 4], inputDtype: 'int32', output: [2, 4, 3], weights: [1, 0], masking: true, mask: [null, 4], anyRank: true },
  { layer: L.Masking, kwargs: { maskValue: 0 }, input: [2, 3, 4], output: [2, 3, 4], weights: [0, 0], masking: true, mask: [null, 3], anyRank: true },
  { layer: L.Lambda, kwargs: { function: double, outputShape: [3] }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: false, mask: null, anyRank: true },
  { layer: L.Identity, kwargs: {}, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  // regularization
  { layer: L.Dropout, kwargs: { rate: 0.5 }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.GaussianNoise, kwargs: { stddev: 0.1 }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.GaussianDropout, kwargs: { rate: 0.5 }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.AlphaDropout, kwargs: { rate: 0.5 }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.ActivityRegularization, kwargs: { l1: 0.01, l2: 0.01 }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], expectedNumLosses: 1, anyRank: true },
  { layer: L.SpatialDropout1D, kwargs: { rate: 0.5 }, input: [2, 5, 3], output: [2, 5, 3], weights: [0, 0], masking: true, mask: [null, 5] },
  { layer: L.SpatialDropout2D, kwargs: { rate: 0.5 }, input: [2, 5, 5, 3], output: [2, 5, 5, 3], weights: [0, 0], masking: true, mask: [null, 5, 5] },
  { layer: L.SpatialDropout3D, kwargs: { rate: 0.5 }, input: [2, 4, 4, 4, 3], output: [2, 4, 4, 4, 3], weights: [0, 0], masking: true, mask: [null, 4, 4, 4] },
  // reshaping (Reshape has no rank rule, only a size check; Flatten refuses only rank 0)
  { layer: L.Reshape, kwargs: { targetShape: [6] }, input: [2, 3, 2], output: [2, 6], weights: [0, 0], masking: false, mask: null, anyRank: true },
  { layer: L.Flatten, kwargs: {}, input: [2, 3, 4], output: [2, 12], weights: [0, 0], masking: false, mask: null, wrongRankShape: [] },
  { layer: L.RepeatVector, kwargs: { n: 3 }, input: [2, 4], output: [2, 3, 4], weights: [0, 0], masking: false, mask: null },
  { layer: L.Permute, kwargs: { dims: [2, 1] }, input: [2, 3, 4], output: [2, 4, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.ZeroPadding1D, kwargs: { padding: 1 }, input: [2, 5, 3], output: [2, 7, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.ZeroPadding2D, kwargs: { padding: 1 }, input: [2, 5, 5, 3], output: [2, 7, 7, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.ZeroPadding3D, kwargs: { padding: 1 }, input: [2, 4, 4, 4, 3], output: [2, 6, 6, 6, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.Cropping1D, kwargs: { cropping: 1 }, input: [2, 5, 3], output: [2, 3, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.Cropping2D, kwargs: { cropping: 1 }, input: [2, 5, 5, 3], output: [2, 3, 3, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.Cropping3D, kwargs: { cropping: 1 }, input: [2, 4, 4, 4, 3], output: [2, 2, 2, 2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.UpSampling1D, kwargs: { size: 2 }, input: [2, 5, 3], output: [2, 10, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.UpSampling2D, kwargs: { size: 2 }, input: [2, 5, 5, 3], output: [2, 10, 10, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.UpSampling3D, kwargs: { size: 2 }, input: [2, 4, 4, 4, 3], output: [2, 8, 8, 8, 3], weights: [0, 0], masking: false, mask: null },
  // merging (any rank, as Keras; Dot has no rank rule of its own: rank 1 fails inside its build)
  { layer: L.Add, kwargs: {}, input: [[2, 3], [2, 3]], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Add, label: 'Add, broadcasting', kwargs: {}, input: [[2, 3, 4], [2, 1, 4]], output: [2, 3, 4], weights: [0, 0], masking: true, mask: [null, 3], anyRank: true },
  { layer: L.Subtract, kwargs: {}, input: [[2, 3], [2, 3]], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Multiply, kwargs: {}, input: [[2, 3], [2, 3]], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Average, kwargs: {}, input: [[2, 3], [2, 3]], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Maximum, kwargs: {}, input: [[2, 3], [2, 3]], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Minimum, kwargs: {}, input: [[2, 3], [2, 3]], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Concatenate, kwargs: { axis: -1 }, input: [[2, 3], [2, 4]], output: [2, 7], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Dot, kwargs: { axes: 1 }, input: [[2, 3], [2, 3]], output: [2, 1], weights: [0, 0], masking: true, mask: null, anyRank: true },
  // activations
  { layer: L.ReLU, kwargs: {}, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  // Softmax takes masks broadcastable to its input (Keras raises for a (2,) mask on (2, 3) inputs)
  { layer: L.Softmax, kwargs: {}, input: [2, 3], inputMaskShape: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null, 3], anyRank: true },
  { layer: L.LeakyReLU, kwargs: {}, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.PReLU, kwargs: {}, input: [2, 3], output: [2, 3], weights: [1, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.ELU, kwargs: {}, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.ThresholdedReLU, kwargs: { theta: 1 }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  // pooling
  { layer: L.MaxPooling1D, kwargs: { poolSize: 2 }, input: [2, 4, 3], output: [2, 2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.MaxPooling2D, kwargs: { poolSize: 2 }, input: [2, 4, 4, 3], output: [2, 2, 2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.MaxPooling3D, kwargs: { poolSize: 2 }, input: [2, 4, 4, 4, 3], output: [2, 2, 2, 2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.AveragePooling1D, kwargs: { poolSize: 2 }, input: [2, 4, 3], output: [2, 2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.AveragePooling2D, kwargs: { poolSize: 2 }, input: [2, 4, 4, 3], output: [2, 2, 2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.AveragePooling3D, kwargs: { poolSize: 2 }, input: [2, 4, 4, 4, 3], output: [2, 2, 2, 2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.GlobalMaxPooling1D, kwargs: {}, input: [2, 4, 3], output: [2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.GlobalMaxPooling2D, kwargs: {}, input: [2, 4, 4, 3], output: [2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.GlobalMaxPooling3D, kwargs: {}, input: [2, 4, 4, 4, 3], output: [2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.GlobalAveragePooling1D, kwargs: {}, input: [2, 4, 3], output: [2, 3], weights: [0, 0], masking: true, mask: null },
  { layer: L.GlobalAveragePooling2D, kwargs: {}, input: [2, 4, 4, 3], output: [2, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.GlobalAveragePooling3D, kwargs: {}, input: [2, 4, 4, 4, 3], output: [2, 3], weights: [0, 0], masking: false, mask: null },
  // convolutional
  { layer: L.Conv1D, kwargs: { filters: 2, kernelSize: 3 }, input: [2, 5, 3], output: [2, 3, 2], weights: [2, 0], masking: false, mask: null },
  { layer: L.Conv2D, kwargs: { filters: 2, kernelSize: 3 }, input: [2, 5, 5, 3], output: [2, 3, 3, 2], weights: [2, 0], masking: false, mask: null },
  { layer: L.Conv3D, kwargs: { filters: 2, kernelSize: 2 }, input: [2, 4, 4, 4, 3], output: [2, 3, 3, 3, 2], weights: [2, 0], masking: false, mask: null },
  { layer: L.Conv1DTranspose, kwargs: { filters: 2, kernelSize: 3 }, input: [2, 5, 3], output: [2, 7, 2], weights: [2, 0], masking: false, mask: null },
  { layer: L.Conv2DTranspose, kwargs: { filters: 2, kernelSize: 3 }, input: [2, 5, 5, 3], output: [2, 7, 7, 2], weights: [2, 0], masking: false, mask: null },
  { layer: L.Conv3DTranspose, kwargs: { filters: 2, kernelSize: 2 }, input: [2, 4, 4, 4, 3], output: [2, 5, 5, 5, 2], weights: [2, 0], masking: false, mask: null },
  { layer: L.DepthwiseConv1D, kwargs: { kernelSize: 3 }, input: [2, 5, 3], output: [2, 3, 3], weights: [2, 0], masking: false, mask: null },
  { layer: L.DepthwiseConv2D, kwargs: { kernelSize: 3 }, input: [2, 5, 5, 3], output: [2, 3, 3, 3], weights: [2, 0], masking: false, mask: null },
  { layer: L.SeparableConv1D, kwargs: { filters: 2, kernelSize: 3 }, input: [2, 5, 3], output: [2, 3, 2], weights: [3, 0], masking: false, mask: null },
  { layer: L.SeparableConv2D, kwargs: { filters: 2, kernelSize: 3 }, input: [2, 5, 5, 3], output: [2, 3, 3, 2], weights: [3, 0], masking: false, mask: null },
  { layer: L.LocallyConnected1D, kwargs: { filters: 2, kernelSize: 2 }, input: [2, 4, 3], output: [2, 3, 2], weights: [2, 0], masking: false, mask: null },
  { layer: L.LocallyConnected2D, kwargs: { filters: 2, kernelSize: 2 }, input: [2, 4, 4, 3], output: [2, 3, 3, 2], weights: [2, 0], masking: false, mask: null },
  // normalization
  {
    layer: L.BatchNormalization, kwargs: {}, input: [2, 3], output: [2, 3], weights: [2, 2], masking: true, mask: [null], anyRank: true,
    expectedNonTrainableUpdates: ['moving_mean', 'moving_variance'],
  },
  { layer: L.LayerNormalization, kwargs: {}, input: [2, 3], output: [2, 3], weights: [2, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.GroupNormalization, kwargs: { groups: 2 }, input: [2, 4], output: [2, 4], weights: [2, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.UnitNormalization, kwargs: {}, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.RMSNormalization, kwargs: {}, input: [2, 3], output: [2, 3], weights: [1, 0], masking: false, mask: null, anyRank: true },
  {
    layer: L.SpectralNormalization, kwargs: () => ({ layer: new L.Dense(3) }), input: [2, 4], output: [2, 3], weights: [2, 1], masking: false, mask: null, anyRank: true,
    expectedNonTrainableUpdates: ['vector_u'],
  },
  { layer: L.TimeDistributed, kwargs: () => ({ layer: new L.Dense(3) }), input: [2, 4, 5], output: [2, 4, 3], weights: [2, 0], masking: true, mask: [null, 4] },
  // preprocessing
  { layer: L.Rescaling, kwargs: { scale: 0.5, offset: 1 }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  { layer: L.Normalization, kwargs: {}, input: [2, 3], output: [2, 3], weights: [0, 3], masking: true, mask: [null], anyRank: true },
  // recurrent (Keras refuses 2-D sequences: LSTM, GRU and SimpleRNN by their InputSpec(ndim=3), RNN when indexing the timesteps)
  { layer: L.SimpleRNN, kwargs: { units: 4 }, input: [2, 5, 3], output: [2, 4], weights: [3, 0], masking: true, mask: null },
  { layer: L.GRU, kwargs: { units: 4 }, input: [2, 5, 3], output: [2, 4], weights: [3, 0], masking: true, mask: null },
  { layer: L.LSTM, kwargs: { units: 4 }, input: [2, 5, 3], output: [2, 4], weights: [3, 0], masking: true, mask: null },
  { layer: L.RNN, kwargs: () => ({ cell: new L.LSTMCell(4) }), input: [2, 5, 3], output: [2, 4], weights: [3, 0], masking: true, mask: null },
  // attention (Keras checks no rank: with one axis fewer Attention and GroupQueryAttention fail on the feature sizes, MultiHeadAttention takes rank 2)
  { layer: L.EinsumDense, kwargs: { equation: 'ab,bc->ac', outputShape: 4, biasAxes: 'c' }, input: [2, 3], output: [2, 4], weights: [2, 0], masking: false, mask: null },
  { layer: L.Attention, kwargs: {}, input: [[2, 3, 4], [2, 5, 4]], output: [2, 3, 4], weights: [0, 0], masking: true, mask: [null, 3], wrongRankShape: [[2, 3], [2, 5]] },
  { layer: L.AdditiveAttention, kwargs: {}, input: [[2, 3, 4], [2, 5, 4]], output: [2, 3, 4], weights: [1, 0], masking: true, mask: [null, 3], wrongRankShape: [[2, 3], [2, 5]] },
  { layer: L.MultiHeadAttention, kwargs: { numHeads: 2, keyDim: 4 }, input: [[2, 3, 6], [2, 5, 6]], output: [2, 3, 6], weights: [8, 0], masking: true, mask: [null, 3], anyRank: true },
  { layer: L.GroupQueryAttention, kwargs: { headDim: 4, numQueryHeads: 4, numKeyValueHeads: 2 }, input: [[2, 3, 6], [2, 5, 6]], output: [2, 3, 6], weights: [8, 0], masking: true, mask: [null, 3], wrongRankShape: [[2, 3], [2, 5]] },
  // non-default options
  { layer: L.LSTM, label: 'LSTM, returnSequences, goBackwards', kwargs: { units: 4, returnSequences: true, goBackwards: true }, input: [2, 5, 3], output: [2, 5, 4], weights: [3, 0], masking: true, mask: [null, 5] },
  { layer: L.GRU, label: 'GRU, resetAfter false, returnSequences', kwargs: { units: 4, resetAfter: false, returnSequences: true }, input: [2, 5, 3], output: [2, 5, 4], weights: [3, 0], masking: true, mask: [null, 5] },
  {
    layer: L.RNN, label: 'RNN, stacked LSTMCell and GRUCell, returnSequences', kwargs: () => ({ cell: [new L.LSTMCell(4), new L.GRUCell(2)], returnSequences: true }),
    input: [2, 5, 3], output: [2, 5, 2], weights: [6, 0], masking: true, mask: [null, 5],
  },
  { layer: L.Bidirectional, kwargs: () => ({ layer: new L.LSTM(4) }), input: [2, 5, 3], output: [2, 8], weights: [6, 0], masking: true, mask: null },
  {
    layer: L.Bidirectional, label: "Bidirectional, GRU returnSequences, 'sum'", kwargs: () => ({ layer: new L.GRU(4, { returnSequences: true }), mergeMode: 'sum' }),
    input: [2, 5, 3], output: [2, 5, 4], weights: [6, 0], masking: true, mask: [null, 5],
  },
  { layer: L.ConvLSTM1D, kwargs: { filters: 2, kernelSize: 3 }, input: [2, 3, 5, 2], output: [2, 3, 2], weights: [3, 0], masking: true, mask: null, inputMaskShape: [2, 3] },
  { layer: L.ConvLSTM2D, kwargs: { filters: 2, kernelSize: 3 }, input: [2, 3, 5, 5, 2], output: [2, 3, 3, 2], weights: [3, 0], masking: true, mask: null, inputMaskShape: [2, 3] },
  { layer: L.ConvLSTM3D, kwargs: { filters: 2, kernelSize: 2 }, input: [1, 2, 3, 3, 3, 1], output: [1, 2, 2, 2, 2], weights: [3, 0], masking: true, mask: null, inputMaskShape: [1, 2] },
  {
    layer: L.ConvLSTM2D, label: "ConvLSTM2D, 'same', returnSequences, channels first", kwargs: { filters: 2, kernelSize: 3, padding: 'same', returnSequences: true, dataFormat: 'channels_first' },
    input: [2, 3, 1, 4, 4], output: [2, 3, 2, 4, 4], weights: [3, 0], masking: true, mask: [null, 3], inputMaskShape: [2, 3],
  },
  {
    layer: L.Dense, label: 'Dense, relu, kernel regularizer, rank 3', kwargs: { units: 4, activation: 'relu', kernelRegularizer: 'l2' }, input: [2, 3, 5], output: [2, 3, 4],
    weights: [2, 0], masking: true, mask: [null, 3], expectedNumLosses: 1, wrongRankShape: [5],
  },
  { layer: L.Embedding, label: 'Embedding, no mask', kwargs: { inputDim: 5, outputDim: 3 }, input: [2, 4], inputDtype: 'int32', output: [2, 4, 3], weights: [1, 0], masking: false, mask: null, anyRank: true },
  { layer: L.Dropout, label: 'Dropout, noise shape', kwargs: { rate: 0.5, noiseShape: [null, 1, 3] }, input: [2, 4, 3], output: [2, 4, 3], weights: [0, 0], masking: true, mask: [null, 4], anyRank: true },
  { layer: L.Reshape, label: 'Reshape, -1', kwargs: { targetShape: [-1, 2] }, input: [2, 3, 4], output: [2, 6, 2], weights: [0, 0], masking: false, mask: null, anyRank: true },
  { layer: L.ZeroPadding2D, label: 'ZeroPadding2D, pairs', kwargs: { padding: [[1, 0], [2, 1]] }, input: [2, 4, 4, 3], output: [2, 5, 7, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.Concatenate, label: 'Concatenate, axis 1', kwargs: { axis: 1 }, input: [[2, 3, 4], [2, 2, 4]], output: [2, 5, 4], weights: [0, 0], masking: true, mask: [null, 5], anyRank: true },
  { layer: L.Dot, label: 'Dot, axes pair, normalized', kwargs: { axes: [2, 2], normalize: true }, input: [[2, 3, 4], [2, 5, 4]], output: [2, 3, 5], weights: [0, 0], masking: true, mask: null, anyRank: true },
  { layer: L.PReLU, label: 'PReLU, shared axes', kwargs: { sharedAxes: [1] }, input: [2, 3, 4], output: [2, 3, 4], weights: [1, 0], masking: true, mask: [null, 3], anyRank: true },
  { layer: L.MaxPooling2D, label: "MaxPooling2D, stride 1, 'same'", kwargs: { poolSize: 3, strides: 1, padding: 'same' }, input: [2, 4, 4, 3], output: [2, 4, 4, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.GlobalAveragePooling2D, label: 'GlobalAveragePooling2D, keepdims', kwargs: { keepdims: true }, input: [2, 4, 4, 3], output: [2, 1, 1, 3], weights: [0, 0], masking: false, mask: null },
  { layer: L.Conv1D, label: 'Conv1D, causal, dilated', kwargs: { filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2 }, input: [2, 5, 3], output: [2, 5, 2], weights: [2, 0], masking: false, mask: null },
  {
    layer: L.Conv2D, label: "Conv2D, channels first, stride 2, 'same'", kwargs: { filters: 2, kernelSize: 3, padding: 'same', strides: 2, dataFormat: 'channels_first' },
    input: [2, 3, 5, 5], output: [2, 2, 3, 3], weights: [2, 0], masking: false, mask: null,
  },
  { layer: L.Conv2DTranspose, label: "Conv2DTranspose, stride 2, 'same'", kwargs: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }, input: [2, 4, 4, 3], output: [2, 8, 8, 2], weights: [2, 0], masking: false, mask: null },
  {
    layer: L.BatchNormalization, label: 'BatchNormalization, axis 1', kwargs: { axis: 1 }, input: [2, 3, 4], output: [2, 3, 4], weights: [2, 2], masking: true, mask: [null, 3], anyRank: true,
    expectedNonTrainableUpdates: ['moving_mean', 'moving_variance'],
  },
  { layer: L.Rescaling, label: 'Rescaling, per-channel scale and offset', kwargs: { scale: [0.5, 2, -1], offset: [0, 1, 2] }, input: [2, 4, 3], output: [2, 4, 3], weights: [0, 0], masking: true, mask: [null, 4], anyRank: true },
  // image preprocessing: one image (rank 3) or a batch (rank 4); rank 2 is refused. RandomCrop in
  // inference returns its input as is (Keras 3.15), so its row takes images of the crop's size.
  { layer: L.Resizing, kwargs: { height: 4, width: 5 }, input: [2, 6, 6, 3], output: [2, 4, 5, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.Resizing, label: 'Resizing, bicubic, antialias, channels_first, pad to aspect ratio', kwargs: { height: 3, width: 5, interpolation: 'bicubic', antialias: true, padToAspectRatio: true, fillValue: 1, dataFormat: 'channels_first' }, input: [2, 3, 6, 6], output: [2, 3, 3, 5], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.CenterCrop, kwargs: { height: 4, width: 3 }, input: [2, 6, 6, 3], output: [2, 4, 3, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.RandomCrop, kwargs: { height: 4, width: 3, seed: 1 }, input: [2, 4, 3, 3], output: [2, 4, 3, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.RandomFlip, kwargs: { seed: 1 }, input: [2, 6, 6, 3], output: [2, 6, 6, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.RandomRotation, kwargs: { factor: 0.2, seed: 1 }, input: [2, 6, 6, 3], output: [2, 6, 6, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.RandomZoom, kwargs: { heightFactor: 0.2, seed: 1 }, input: [2, 6, 6, 3], output: [2, 6, 6, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.RandomTranslation, kwargs: { heightFactor: 0.2, widthFactor: 0.1, seed: 1 }, input: [2, 6, 6, 3], output: [2, 6, 6, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.RandomContrast, kwargs: { factor: 0.2, seed: 1 }, input: [2, 6, 6, 3], output: [2, 6, 6, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.RandomBrightness, kwargs: { factor: 0.2, seed: 1 }, input: [2, 6, 6, 3], output: [2, 6, 6, 3], weights: [0, 0], masking: false, mask: null, wrongRankShape: [2, 6] },
  { layer: L.Normalization, label: 'Normalization, given statistics, no axis', kwargs: { axis: null, mean: 1, variance: 2 }, input: [2, 3], output: [2, 3], weights: [0, 0], masking: true, mask: [null], anyRank: true },
  // TimeDistributed refuses fewer than 3 axes itself; with one axis fewer, Conv2D would refuse its steps
  {
    layer: L.TimeDistributed, label: 'TimeDistributed, Conv2D', kwargs: () => ({ layer: new L.Conv2D(2, 3) }), input: [2, 3, 5, 5, 2], output: [2, 3, 3, 3, 2],
    weights: [2, 0], masking: true, mask: [null, 3, 5, 5], wrongRankShape: [2, 3],
  },
  { layer: L.EinsumDense, label: 'EinsumDense, heads, left-elided', kwargs: { equation: '...b,bcd->...cd', outputShape: [2, 3], biasAxes: 'd' }, input: [2, 4, 5], output: [2, 4, 2, 3], weights: [2, 0], masking: false, mask: null, anyRank: true },
  { layer: L.Attention, label: 'Attention, concat, scaled, key', kwargs: { useScale: true, scoreMode: 'concat', dropout: 0.5 }, input: [[2, 3, 4], [2, 5, 6], [2, 5, 4]], output: [2, 3, 6], weights: [2, 0], masking: true, mask: [null, 3], wrongRankShape: [[2, 3], [2, 5], [2, 5]] },
  {
    layer: L.MultiHeadAttention, label: 'MultiHeadAttention, key, value dim, output shape, dropout, no bias', kwargs: { numHeads: 2, keyDim: 3, valueDim: 4, outputShape: 5, dropout: 0.5, useBias: false },
    input: [[2, 3, 6], [2, 5, 6], [2, 5, 7]], output: [2, 3, 5], weights: [4, 0], masking: true, mask: [null, 3], anyRank: true,
  },
  // No rank rule: with one axis fewer its axis 2 is out of range (Keras: an IndexError; kerasm: Keras's "Axis 2 is out of bounds" ValueError)
  {
    layer: L.LayerNormalization, label: 'LayerNormalization, two axes, no center', kwargs: { axis: [1, 2], center: false }, input: [2, 3, 4], output: [2, 3, 4],
    weights: [1, 0], masking: true, mask: [null, 3], anyRank: true,
  },
];

function optionsOf(row: Row): LayerTestOptions {
  const { layer: _layer, label: _label, kwargs, input, output, weights, masking, mask, anyRank, ...rest } = row;
  return {
    ...rest, initKwargs: kwargs, inputShape: input, expectedOutputShape: output,
    expectedNumTrainableWeights: weights[0], expectedNumNonTrainableWeights: weights[1],
    supportsMasking: masking, expectedMaskShape: mask, acceptsAnyRank: anyRank ?? false,
  };
}

/** The distinct layer classes `keras.layers` exports, by name (aliases such as MaxPool2D count once). */
function exportedLayerClasses(): Map<string, unknown> {
  const isLayerClass = (v: unknown): v is typeof Layer => typeof v === 'function' && (v === Layer || v.prototype instanceof Layer);
  return new Map(Object.values(layers).filter(isLayerClass).map((cls) => [cls.name, cls]));
}

describe('the layer contract (runLayerTest) of every exported layer', () => {
  it('covers every exported layer class but the listed ones', () => {
    const exported = exportedLayerClasses();
    const tested = new Set<unknown>(ROWS.map((r) => r.layer));
    const missing = [...exported].filter(([name, cls]) => !tested.has(cls) && !(name in NOT_TESTED)).map(([name]) => name);
    expect(missing, 'exported layer classes with no row').toEqual([]);
    expect(Object.keys(NOT_TESTED).filter((name) => !exported.has(name)), 'listed as not tested but not exported').toEqual([]);
  });

  it.each(ROWS.map((row) => [row.label ?? kerasClassName(row.layer), row] as const))('%s', (_name, row) => {
    runLayerTest(row.layer, optionsOf(row));
  });
});
