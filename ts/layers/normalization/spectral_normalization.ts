/**
 * Spectral normalization of a layer's kernel, as Keras 3's `SpectralNormalization` wrapper: in
 * training, each call runs `powerIterations` steps of the power method from `vector_u` to estimate
 * the kernel's largest singular value σ, stores the new `vector_u`, and assigns the kernel divided
 * by σ to the layer's kernel before calling the layer (which therefore keeps a spectral norm near 1,
 * as GANs want of their discriminator); in inference the layer runs as it is. Gradients reach the
 * kernel through the division (σ depends on the kernel, the power-method vectors do not).
 *
 * The weights are Keras's, in Keras's order: the layer's kernel, which the wrapper holds in its
 * `kernel` property and so tracks as its own too (a `.keras` file holds it under both, as Keras's),
 * then `vector_u`, then the layer's others.
 */
import { type KerasArgs, REQUIRED } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { type CallArgs, type Layer, type LayerArgs, type LayerConfig, classNameOf, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { Variable } from '../../engine/variable.js';
import { TruncatedNormal } from '../../initializers/index.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { Wrapper } from '../core/wrapper.js';

export interface SpectralNormalizationArgs extends LayerArgs {
  /** The layer to normalize: one with a `kernel` (Dense, Conv2D, …) or an `embeddings` (Embedding) weight. */
  layer?: Layer;
  /** Power-method steps per training call (a positive integer). Default 1. */
  powerIterations?: number;
}

/** Keras's `backend.epsilon()`, the floor of the norm in `ops.normalize`. */
const EPSILON = 1e-7;

export class SpectralNormalization extends Wrapper {
  static override className = 'SpectralNormalization';
  static override readonly signature = layerSignature<SpectralNormalizationArgs>()({ layer: REQUIRED, powerIterations: 1 });
  readonly powerIterations: number;
  /** The wrapped layer's kernel (or embeddings), once built. */
  kernel: Variable | null = null;
  /** The running estimate of the kernel's first right singular vector, `(1, kernel.shape[-1])`. */
  vectorU: Variable | null = null;

  /** `new SpectralNormalization(new Dense(10))`, `new SpectralNormalization(conv, 2)` or `new SpectralNormalization(conv, { powerIterations: 2 })`. */
  constructor(...args: KerasArgs<[layer: Layer, powerIterations: number], SpectralNormalizationArgs>) {
    const a = SpectralNormalization.signature.resolve(args, new.target);
    super(a);
    if (!Number.isInteger(a.powerIterations) || a.powerIterations <= 0) {
      throw new ValueError(`\`power_iterations\` should be greater than zero. Received: \`power_iterations=${a.powerIterations}\``);
    }
    this.powerIterations = a.powerIterations;
  }

  override build(inputShape: SymbolicShape): void {
    super.build(inputShape);
    const last = inputShape[inputShape.length - 1];
    this.inputSpec = new InputSpec({ minNdim: 1, ...(last !== null && last !== undefined ? { axes: { [-1]: last } } : {}) });
    const kernel = normalizedWeightOf(this.layer);
    // Held in a property, the kernel is tracked as this layer's own too, before vector_u: Keras's order.
    this.kernel = kernel;
    this.vectorU = this.addWeight({
      name: 'vector_u', shape: [1, kernel.shape[kernel.shape.length - 1]!], initializer: new TruncatedNormal({ stddev: 0.02 }), trainable: false, dtype: kernel.dtype,
    });
  }

  call(inputs: Tensor, args: CallArgs): Tensor {
    if (args.training) this.normalizeKernel();
    const output = this.layer.apply(inputs, { training: args.training }) as Tensor;
    return output.dtype === inputs.dtype ? output : ops.cast(output, inputs.dtype);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return this.layer.computeOutputShape(inputShape) as SymbolicShape;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), power_iterations: this.powerIterations };
  }

  /**
   * Assigns the power method's new `vector_u` and the kernel divided by σ = v·W·uᵀ, W being the
   * kernel as a matrix of its last axis' columns. An all-zero kernel (whose u comes out zero) is
   * left as it is, with `vector_u`, as Keras's `cond` does.
   */
  private normalizeKernel(): void {
    const kernel = this.kernel!;
    const columns = kernel.shape[kernel.shape.length - 1]!;
    const w = ops.reshape(kernel.value, [kernel.value.size / columns, columns]);
    let u = this.vectorU!.value;
    let v = u;
    for (let i = 0; i < this.powerIterations; i++) {
      v = l2Normalize(ops.matmul(u, ops.transpose(w)));
      u = l2Normalize(ops.matmul(v, w));
    }
    if (u.dataSync().every((x) => x === 0)) return;
    // As Keras: the power method's vectors are constants to the gradient.
    const [uFixed, vFixed] = [ops.stopGradient(u), ops.stopGradient(v)];
    const sigma = ops.matmul(ops.matmul(vFixed, w), ops.transpose(uFixed));
    this.vectorU!.assign(uFixed);
    kernel.assign(ops.reshape(ops.divide(kernel.value, sigma), kernel.shape));
  }
}

/** The weight Keras normalizes: the layer's `kernel`, else its `embeddings`. */
function normalizedWeightOf(layer: Layer): Variable {
  const { kernel, embeddings } = layer as { kernel?: unknown; embeddings?: unknown };
  if (kernel instanceof Variable) return kernel;
  if (embeddings instanceof Variable) return embeddings;
  throw new ValueError(`${classNameOf(layer)} object has no attribute 'kernel' nor 'embeddings'`);
}

/** `x` over its L2 norm (all entries), as Keras's `ops.normalize(x, axis=None)`: a zero `x` stays zero. */
function l2Normalize(x: Tensor): Tensor {
  return ops.multiply(x, ops.minimum(ops.divide(1, ops.sqrt(ops.sum(ops.square(x)))), 1 / EPSILON));
}

registerBuiltIn(SpectralNormalization);
