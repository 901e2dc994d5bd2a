/**
 * What a workload needs from a library. kerasm and TensorFlow.js each implement it in their own
 * file, so a workload is written once and every library runs it on the same inputs.
 */

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
  matmul(a: Float32Array, b: Float32Array, n: number): MatmulCase;
  /** W3: the MLP, with the given initial weights, compiled with Adam and sparse categorical crossentropy. */
  mlp(spec: MlpSpec): Promise<MlpCase>;
}

export interface MatmulCase {
  /** Computes C = A·B and copies it out (the copy also makes a lazy backend finish the work). */
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

/** The shapes of `MlpSpec.weights`. */
export function mlpWeightShapes(spec: Pick<MlpSpec, 'inputDim' | 'hidden' | 'classes'>): number[][] {
  return [[spec.inputDim, spec.hidden], [spec.hidden], [spec.hidden, spec.classes], [spec.classes]];
}
