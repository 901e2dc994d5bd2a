/**
 * The cases of scripts/keras/ops_fixtures.py in kerasm: one op applied to `Input`s, written as a
 * kerasm user writes it. Each must record the node Keras records for its twin (the fixture
 * tests/fixtures/ops/symbolic_ops.json holds Keras's config, output spec and predictions).
 */
import { type KerasTensor, type Tensor, ops, tensor } from '../../ts/index.js';

/** The number of probe samples (the fixed batch of the `slice` case). */
export const PROBE_SAMPLES = 3;

/** A float32 constant of `shape` holding ((i % 7) - 3) / 4 in row-major order, as the Python script's `constant`. */
export function constant(...shape: number[]): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(Array.from({ length: size }, (_, i) => ((i % 7) - 3) / 4), shape);
}

type Case = (...inputs: KerasTensor[]) => KerasTensor;

export const OP_CASES: Record<string, Case> = {
  negative: (x) => ops.negative(x),
  exp: (x) => ops.exp(x),
  log: (x) => ops.log(x),
  sqrt: (x) => ops.sqrt(x),
  square: (x) => ops.square(x),
  abs: (x) => ops.abs(x),
  tanh: (x) => ops.tanh(x),
  relu: (x) => ops.relu(x),
  sigmoid: (x) => ops.sigmoid(x),
  erf: (x) => ops.erf(x),
  add_scalar: (x) => ops.add(x, 1.0),
  subtract_broadcast: (x, y) => ops.subtract(x!, y!),
  multiply: (x, y) => ops.multiply(x!, y!),
  divide_scalar: (x) => ops.divide(x, 2.0),
  maximum_scalar: (x) => ops.maximum(x, 0.5),
  minimum: (x, y) => ops.minimum(x!, y!),
  equal: (ids) => ops.equal(ids, 0),
  not_equal: (ids) => ops.notEqual(ids, 0),
  greater: (x) => ops.greater(x, 0.5),
  greater_equal: (x, y) => ops.greaterEqual(x!, y!),
  less: (x, y) => ops.less(x!, y!),
  less_equal: (x) => ops.lessEqual(x, 0.0),
  where: (c, x, y) => ops.where(c!, x!, y!),
  clip: (x) => ops.clip(x, -0.5, 0.5),
  cast_to_int: (x) => ops.cast(x, 'int32'),
  cast_to_float: (ids) => ops.cast(ids, 'float32'),
  matmul: (x, y) => ops.matmul(x!, y!),
  matmul_constant: (x) => ops.matmul(x, constant(3, 2)),
  sum: (x) => ops.sum(x, 1),
  mean_keepdims: (x) => ops.mean(x, -1, true),
  max_axes: (x) => ops.max(x, [1, 2]),
  min: (x) => ops.min(x, -1),
  argmax: (x) => ops.argmax(x, -1),
  argmin: (x) => ops.argmin(x, 1),
  softmax: (x) => ops.softmax(x),
  log_softmax: (x) => ops.logSoftmax(x, 1),
  reshape: (x) => ops.reshape(x, [-1, 6]),
  reshape_by_shape: (x) => ops.reshape(x, [-1, ops.shape(x!)[1]! * ops.shape(x!)[2]!]),
  transpose: (x) => ops.transpose(x, [0, 2, 1]),
  expand_dims: (x) => ops.expandDims(x, 1),
  squeeze: (x) => ops.squeeze(x, 1),
  stack: (x, y) => ops.stack([x!, y!], 1),
  concatenate: (x, y) => ops.concatenate([x!, y!], -1),
  slice: (x) => ops.slice(x, [0, 0, 1], [PROBE_SAMPLES, 2, 2]),
  take_list: (x) => ops.take(x, [0, 2], 1),
  take_from_constant: (ids) => ops.take(constant(5, 2), ids!, 0),
  one_hot: (ids) => ops.oneHot(ids, 5),
  pad: (x) => ops.pad(x, [[0, 0], [1, 1], [0, 2]]),
  pad_value: (x) => ops.pad(x, [[0, 0], [1, 0], [0, 1]], { constantValues: 2.0 }),
  repeat: (x) => ops.repeat(x, 2, 1),
  add_arange: (x) => ops.add(x, ops.arange(3, null, 1, 'float32')),
  multiply_ones: (x) => ops.multiply(x, ops.ones([3])),
  max_pool: (x) => ops.maxPool(x, 2, 2),
  average_pool_same: (x) => ops.averagePool(x, 3, 2, 'same'),
  conv: (x) => ops.conv(x, constant(2, 2, 2, 3), { padding: 'same' }),
  conv_transpose: (x) => ops.convTranspose(x, constant(2, 2, 3, 2), { strides: 2 }),
  depthwise_conv: (x) => ops.depthwiseConv(x, constant(2, 2, 2, 2)),
  separable_conv: (x) => ops.separableConv(x, constant(2, 2, 2, 1), constant(1, 1, 2, 3)),
  stack_negative_axis: (x, y) => ops.stack([x!, y!], -1),
  split_sections: (x) => ops.split(x!, 3, -1)[1]!,
  split_indices: (x) => ops.split(x!, [1, 3], 1)[2]!,
  cumsum: (x) => ops.cumsum(x, 1),
  cumprod: (x) => ops.cumprod(x, -1),
  top_k_values: (x) => ops.topK(x!, 2)[0],
  top_k_indices: (x) => ops.topK(x!, 2)[1],
};
