/**
 * What a workload needs from a library. kerasm and TensorFlow.js each implement it in their own
 * file, so a workload is written once and every library runs it on the same inputs.
 */

import type { FitSource } from '../lib/protocol.js';

export interface Library {
  /** `'kerasm'` or `'tfjs'`. */
  name: string;
  /** kerasm: the WebAssembly build (`'threaded'` or `'simd'`); tfjs: the backend (`'cpu'`, `'wasm'`). */
  backend: string;
  /** Threads that run kernels. */
  threads: number;
  /** The library's version, and anything else worth recording about how it runs. */
  facts: Record<string, unknown>;
  /** W1: a product of two `n×n` matrices held as tensors made once from `a` and `b`. */
  matmul(a: Float32Array, b: Float32Array, n: number): ComputeCase;
  /** W3: the MLP, with the given initial weights, compiled with Adam and sparse categorical crossentropy. */
  mlp(spec: MlpSpec): Promise<MlpCase>;
  /**
   * W3 through `fit`: the same model, trained an epoch at a time on `steps` batches given as `source`;
   * `withContract`: AdamW under a CosineDecay schedule, on one-hot targets with categorical crossentropy, and the metrics AUC, Precision and Recall.
   */
  mlpFit(spec: MlpSpec, source: FitSource, steps: number, withContract: boolean): Promise<FitCase>;
  /** W2: a 2-D convolution (NHWC, stride 1) of tensors made once from `x` and `kernel`. */
  conv2d(spec: Conv2dSpec): ComputeCase;
  /** W4 and W6: the CNN, with the given initial weights, compiled with Adam and sparse categorical crossentropy. */
  cnn(spec: CnnSpec): Promise<CnnCase>;
  /** W5 and W9: Embedding → LSTM or GRU → Dense(softmax), with the given initial weights, compiled with Adam and sparse categorical crossentropy. */
  sequence(spec: SequenceSpec): Promise<MlpCase>;
  /** W10: the attention block, with the given initial weights, trained with Adam and sparse categorical crossentropy. */
  attentionBlock(spec: AttentionBlockSpec): Promise<MlpCase>;
  /** W12: Keras's TextVectorization; absent from TensorFlow.js, which has no such layer. */
  textVectorization?(spec: TextVectorizationSpec): ComputeCase;
  /** W11: random flips, rotations and zooms of a batch of images, as in training. */
  augment(spec: AugmentSpec): AugmentCase;
}

/**
 * W11's augmentation: a horizontal flip of each image with probability 1/2, a rotation by
 * `rotation` × 360° at most, a zoom by `zoom` at most (as Keras's RandomFlip('horizontal'),
 * RandomRotation(rotation), RandomZoom(zoom)), bilinear, edges extended ('nearest' filling, the
 * one mode TensorFlow's transform and Keras's agree on exactly).
 */
export interface AugmentSpec {
  /** Images `[batch, height, width, channels]`, row-major. */
  images: Float32Array;
  shape: [number, number, number, number];
  rotation: number;
  zoom: number;
  /** The check's transformation: this rotation (degrees) then this zoom, without flips. */
  check: { degrees: number; zoom: number };
}

export interface AugmentCase {
  /** The check's rotation and zoom of the images (deterministic), copied out. */
  fixed(): Float32Array;
  /** One random augmentation of the images, copied out. */
  run(): Float32Array;
  dispose(): void;
}

/** Keras's rotation matrix (`[a0, a1, a2, b0, b1, b2, c0, c1]`) about the centre of a `height` × `width` image. */
export function rotationMatrix(degrees: number, height: number, width: number): number[] {
  const angle = (degrees * Math.PI) / 180;
  const [cos, sin, cx, cy] = [Math.cos(angle), Math.sin(angle), (width - 1) / 2, (height - 1) / 2];
  return [cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos, 0, 0];
}

/** Keras's zoom matrix: both axes scaled by `zoom` about the centre. */
export function zoomMatrix(zoom: number, height: number, width: number): number[] {
  return [zoom, 0, ((width - 1) / 2) * (1 - zoom), 0, zoom, ((height - 1) / 2) * (1 - zoom), 0, 0];
}

/** One computation on fixed inputs (W1's product, W2's convolution, W6's predict). */
export interface ComputeCase {
  /** Computes the result and copies it out (the copy also makes a lazy backend finish the work). */
  run(): Float32Array;
  dispose(): void;
}

export interface MlpSpec {
  inputDim: number;
  hidden: number;
  classes: number;
  batchSize: number;
  /** Adam's hyperparameters, with Keras's meaning of `epsilon` (added to √v before bias correction). */
  adam: { learningRate: number; beta1: number; beta2: number; epsilon: number };
  /** Initial weights, row-major: kernel 1 `[inputDim, hidden]`, bias 1, kernel 2 `[hidden, classes]`, bias 2. */
  weights: Float32Array[];
  /** Fixed batches, cycled through: inputs `[batchSize, inputDim]` and integer labels `[batchSize]`. */
  batches: { x: Float32Array; y: Int32Array }[];
}

export interface MlpCase {
  /** One optimiser step on batch `i` (modulo the batch count); resolves to that batch's loss. */
  step(i: number): Promise<number>;
  /** The current weights, in the order of `MlpSpec.weights`. */
  weights(): Float32Array[];
  dispose(): void;
}

/** A model trained by `fit`, one epoch per call. */
export interface FitCase {
  /** One epoch of `fit` (its batches are `spec.batches` in order, cycled); resolves to the epoch's loss. */
  epoch(): Promise<number>;
  dispose(): void;
}

export interface Conv2dSpec {
  /** Inputs `[batch, height, width, channels]`, row-major. */
  x: Float32Array;
  xShape: [number, number, number, number];
  /** Kernel `[kh, kw, inChannels, filters]`, Keras's layout. */
  kernel: Float32Array;
  kernelShape: [number, number, number, number];
  padding: 'valid' | 'same';
}

/**
 * W4's network: `rows×cols×1 → Conv2D(filters[0], 3, relu) → Conv2D(filters[1], 3, relu) →
 * MaxPooling2D(2) → Flatten → Dense(hidden, relu) → Dense(classes, softmax)`, 'valid' padding.
 */
export interface CnnSpec {
  rows: number;
  cols: number;
  filters: [number, number];
  hidden: number;
  classes: number;
  batchSize: number;
  adam: MlpSpec['adam'];
  /** Initial weights in Keras's order and layouts (see `cnnWeightShapes`). */
  weights: Float32Array[];
  /** Fixed training batches, cycled through: images `[batchSize, rows, cols, 1]` and integer labels. */
  batches: { x: Float32Array; y: Int32Array }[];
}

export interface CnnCase extends MlpCase {
  /** W6: `predict(x)` on `batch` images `[batch, rows, cols, 1]` held as a tensor made once. */
  predictor(x: Float32Array, batch: number): ComputeCase;
}

/**
 * W5's network, `Embedding(vocabulary, embedding) → LSTM(units) → Dense(classes, softmax)`, and
 * W9's with `GRU(units, reset_after=False)` in place of the LSTM (TensorFlow.js has no
 * `reset_after=True`, Keras 3's default).
 */
export interface SequenceSpec {
  cell: 'lstm' | 'gru';
  vocabulary: number;
  embedding: number;
  units: number;
  classes: number;
  /** Timesteps per sequence. */
  length: number;
  batchSize: number;
  adam: MlpSpec['adam'];
  /** Initial weights in Keras's order and layouts (see `sequenceWeightShapes`). */
  weights: Float32Array[];
  /** Fixed batches, cycled through: token ids `[batchSize, length]` and integer labels `[batchSize]`. */
  batches: { x: Int32Array; y: Int32Array }[];
}

/** The shapes of `SequenceSpec.weights`: embeddings, kernel, recurrent kernel, bias, dense kernel and bias. */
export function sequenceWeightShapes(spec: Pick<SequenceSpec, 'cell' | 'vocabulary' | 'embedding' | 'units' | 'classes'>): number[][] {
  const width = (spec.cell === 'lstm' ? 4 : 3) * spec.units;
  return [[spec.vocabulary, spec.embedding], [spec.embedding, width], [spec.units, width], [width], [spec.units, spec.classes], [spec.classes]];
}

/** The shapes of `CnnSpec.weights`: two conv kernels and biases, then two dense kernels and biases. */
export function cnnWeightShapes(spec: Pick<CnnSpec, 'rows' | 'cols' | 'filters' | 'hidden' | 'classes'>): number[][] {
  const [f1, f2] = spec.filters;
  const flat = Math.floor((spec.rows - 4) / 2) * Math.floor((spec.cols - 4) / 2) * f2;
  return [[3, 3, 1, f1], [f1], [3, 3, f1, f2], [f2], [flat, spec.hidden], [spec.hidden], [spec.hidden, spec.classes], [spec.classes]];
}

/** The shapes of `MlpSpec.weights`. */
export function mlpWeightShapes(spec: Pick<MlpSpec, 'inputDim' | 'hidden' | 'classes'>): number[][] {
  return [[spec.inputDim, spec.hidden], [spec.hidden], [spec.hidden, spec.classes], [spec.classes]];
}

/**
 * W10's network: `[sequence, features] → MultiHeadAttention(heads, keyDim)` self-attention →
 * Add (residual) → LayerNormalization (epsilon 1e-3) → Dense(hidden, relu) →
 * GlobalAveragePooling1D → Dense(classes, softmax).
 */
export interface AttentionBlockSpec {
  sequence: number;
  features: number;
  heads: number;
  keyDim: number;
  hidden: number;
  classes: number;
  batchSize: number;
  adam: MlpSpec['adam'];
  /** Initial weights in Keras's order and layouts (see `attentionBlockWeightShapes`). */
  weights: Float32Array[];
  /** Fixed training batches, cycled through: sequences `[batchSize, sequence, features]` and integer labels. */
  batches: { x: Float32Array; y: Int32Array }[];
}

/**
 * The shapes of `AttentionBlockSpec.weights`, in Keras's order: the query, key and value
 * projections' kernels `[features, heads, keyDim]` and biases `[heads, keyDim]`, the output
 * projection's `[heads, keyDim, features]` and `[features]`, LayerNormalization's gamma and beta,
 * then the two Dense layers' kernels and biases.
 */
export function attentionBlockWeightShapes(spec: Pick<AttentionBlockSpec, 'features' | 'heads' | 'keyDim' | 'hidden' | 'classes'>): number[][] {
  const { features: f, heads: h, keyDim: k } = spec;
  const projection = [[f, h, k], [h, k]];
  return [...projection, ...projection, ...projection, [h, k, f], [f], [f], [f], [f, spec.hidden], [spec.hidden], [spec.hidden, spec.classes], [spec.classes]];
}

/** Arrays of one type end to end. */
export function concat<T extends Float32Array | Int32Array>(parts: T[]): T {
  const out = new (parts[0]!.constructor as new (n: number) => T)(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * W12: `TextVectorization(maxTokens)` with Keras's default standardization and split, either
 * adapted on `texts` (`adapt`: each run adapts a new layer; it returns the vocabulary size) or
 * adapted once on `adaptTexts` and then vectorizing `texts` in batches of `batchSize` (`int` with
 * `sequenceLength`, or `tf_idf`; each run returns the sum of each batch's outputs).
 */
export interface TextVectorizationSpec {
  part: 'adapt' | 'int' | 'tf_idf';
  texts: string[];
  adaptTexts: string[];
  maxTokens: number;
  sequenceLength: number;
  batchSize: number;
}
