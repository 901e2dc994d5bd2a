/**
 * Normalizes continuous features: `(inputs - mean) / max(sqrt(variance), 1e-7)`, or with `invert`
 * the reverse, `mean + inputs * max(sqrt(variance), 1e-7)`. `axis` names the axes that keep their
 * own mean and variance per index; every other axis shares them. The statistics are either given
 * (`mean` and `variance`, broadcast against the kept axes from the right; no weights) or learned by
 * `adapt(data)` into three non-trainable weights, as Keras stores them: `mean`, `variance` and
 * `count` (an int32 scalar that Keras keeps for older files and never updates).
 */
import { standardizeAxis } from '../../arguments/axis.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type ShapeOrShapes, layerSignature } from '../../engine/layer.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import type { Variable } from '../../engine/variable.js';
import * as ops from '../../ops/index.js';
import { tensor } from '../../tensor/create.js';
import { type NestedArray, Tensor, type TypedArray } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonStr, pythonTypeName } from '../../utils/python_repr.js';
import { type BatchStream, isBatchStream, visitBatches } from './adapt_stream.js';
import { type Moments, RunningMoments, arrayMoments, tensorMoments } from './normalization_statistics.js';

export interface NormalizationArgs extends LayerArgs {
  /** The axis or axes that keep a mean and variance per index (negative counts from the end); null: one scalar mean and variance. Default -1. */
  axis?: number | number[] | null;
  /** The mean to normalize with (a number or nested arrays, broadcast against the kept axes); given together with `variance`. Default null: learned by `adapt()`. */
  mean?: NestedArray | null;
  /** The variance to normalize with, of the same shape as `mean`. Default null: learned by `adapt()`. */
  variance?: NestedArray | null;
  /** Whether to apply the inverse transformation, turning normalized inputs back into the original scale. Default false. */
  invert?: boolean;
}

/** What `adapt()` takes: a tensor, nested arrays of numbers (or a typed array, as one axis), or a sync or async iterable of batches. */
export type AdaptData = Tensor | NestedArray | TypedArray | BatchStream<AdaptBatch>;
/** A batch of `adapt()`: a tensor, nested arrays of numbers, or an `[x, y]` / `[x, y, sampleWeight]` tuple whose `x` counts. */
export type AdaptBatch = Tensor | NestedArray | [Tensor, ...unknown[]];

/** Keras's `backend.epsilon()`, the floor of the standard deviation. */
const EPSILON = 1e-7;

/** How the statistics, once built, broadcast against the inputs. */
interface Layout {
  inputShape: SymbolicShape;
  keepAxes: number[];
  reduceAxes: number[];
  /** The inputs' shape with every reduced axis 1: what the adapted statistics are reshaped to. */
  broadcastShape: number[];
  /** The given `mean` and `variance` placed on the kept axes (right-aligned), or null when adapted. */
  given: { shape: number[]; mean: number[]; variance: number[] } | null;
}

export class Normalization extends Layer {
  static override className = 'Normalization';
  static override readonly signature = layerSignature<NormalizationArgs>()({ axis: -1, mean: null, variance: null, invert: false });
  /** The kept axes as given (Keras's tuple): `[]` for `axis: null`. */
  readonly axis: number[];
  readonly inputMean: NestedArray | null;
  readonly inputVariance: NestedArray | null;
  readonly invert: boolean;
  adaptMean: Variable | null = null;
  adaptVariance: Variable | null = null;
  count: Variable | null = null;
  private layout: Layout | null = null;

  /** `new Normalization()`, `new Normalization(-1, [3, 2], [1, 4])`, or `new Normalization({ axis: null, mean: 3, variance: 2 })`. */
  constructor(...args: KerasArgs<[axis: number | number[] | null, mean: NestedArray | null, variance: NestedArray | null, invert: boolean], NormalizationArgs>) {
    const a = Normalization.signature.resolve(args, new.target);
    super(a);
    this.axis = a.axis === null || (Array.isArray(a.axis) && a.axis.length === 0) ? [] : [standardizeAxis(a.axis, true)].flat();
    this.inputMean = a.mean;
    this.inputVariance = a.variance;
    this.invert = a.invert;
    this.supportsMasking = true;
    checkGivenStatistics(a.mean, a.variance, this.axis);
  }

  override build(inputShape: SymbolicShape): void {
    const ndim = inputShape.length;
    if (this.axis.some((a) => a < -ndim || a >= ndim)) {
      throw new ValueError(`All \`axis\` values must be in the range [-ndim, ndim). Received inputs with ndim=${ndim}, while axis=${formatShape(this.axis)}`);
    }
    const keepAxes = [...new Set(this.axis.map((a) => (a < 0 ? a + ndim : a)))].sort((x, y) => x - y);
    for (const d of keepAxes) {
      if (inputShape[d] === null) {
        throw new ValueError(`All \`axis\` values to be kept must have a known shape. Received axis=${formatShape(this.axis)}, inputs.shape=${formatShape(inputShape)}, with unknown axis at index ${d}`);
      }
    }
    const broadcastShape = inputShape.map((d, i) => (keepAxes.includes(i) ? d! : 1));
    const reduceAxes = inputShape.map((_, i) => i).filter((i) => !keepAxes.includes(i));
    const given = this.inputMean === null ? null : placeGiven(this.inputMean, this.inputVariance!, keepAxes, broadcastShape);
    this.layout = { inputShape: [...inputShape], keepAxes, reduceAxes, broadcastShape, given };
    if (given === null) {
      const shape = keepAxes.map((d) => inputShape[d]!);
      this.adaptMean = this.addWeight({ name: 'mean', shape, initializer: 'zeros', trainable: false });
      this.adaptVariance = this.addWeight({ name: 'variance', shape, initializer: 'ones', trainable: false });
      this.count = this.addWeight({ name: 'count', shape: [], dtype: 'int32', initializer: 'zeros', trainable: false });
    }
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const x = inputs.dtype === this.dtype ? inputs : ops.cast(inputs, this.dtype);
    const [mean, variance] = this.statistics();
    try {
      const std = ops.maximum(ops.sqrt(variance), EPSILON);
      return this.invert ? ops.add(mean, ops.multiply(x, std)) : ops.divide(ops.subtract(x, mean), std);
    } finally {
      // As `ops` frees the scalars it makes of numbers: a recorded gradient keeps what it needs.
      mean.dispose();
      variance.dispose();
    }
  }

  /** Mean and variance shaped to broadcast against the inputs (new tensors, which `call` frees). */
  private statistics(): [Tensor, Tensor] {
    const { given, broadcastShape } = this.layout!;
    if (given !== null) return [tensor(given.mean, given.shape, this.dtype), tensor(given.variance, given.shape, this.dtype)];
    return [ops.reshape(this.adaptMean!.value, broadcastShape), ops.reshape(this.adaptVariance!.value, broadcastShape)];
  }

  /**
   * Learns the mean and variance of `data` over every axis but the kept ones, building the layer
   * from the data's shape if needed: a tensor (reduced in float32, as Keras's backend path), nested
   * arrays of numbers or a typed array (in float64, as Keras's NumPy path), or a sync or async
   * iterable of batches (tensors, nested arrays, or `[x, y]` tuples) read in one pass and merged
   * as Keras merges them; for an async iterable the returned promise settles when it is done.
   */
  adapt(data: AsyncIterable<AdaptBatch>): Promise<void>;
  adapt(data: Tensor | NestedArray | TypedArray | Iterable<AdaptBatch>): void;
  adapt(data: AdaptData): void | Promise<void> {
    if (this.inputMean !== null) {
      throw new ValueError(`Normalization layer "${this.name}" was given \`mean\` and \`variance\`: it has no statistics for adapt() to learn.`);
    }
    const values = data instanceof Float32Array || data instanceof Int32Array ? Array.from(data) : data;
    if (values instanceof Tensor) this.assignMoments(values.shape, (layout) => tensorMoments(values, layout.reduceAxes));
    else if (isNestedNumbers(values)) {
      const shape = shapeOf(values);
      this.assignMoments(shape, (layout) => arrayMoments(flatten(values), shape, layout.keepAxes));
    } else if (isBatchStream<AdaptBatch>(values)) return this.adaptBatches(values);
    else throw new TypeError(`Unsupported data type: ${pythonTypeName(data)}. \`adapt\` supports tensors, nested arrays of numbers, and sync or async iterables of batches (e.g. an array of tensors, a generator).`);
  }

  /** The moments of every batch, merged; the first batch's shape builds the layer. */
  private adaptBatches(data: BatchStream<AdaptBatch>): void | Promise<void> {
    let running: RunningMoments | null = null;
    let firstShape: number[] = [];
    const visit = (batch: AdaptBatch): void => {
      withBatchTensor(batch, (x) => {
        if (running === null) {
          firstShape = [...x.shape];
          this.prepareLayout(firstShape);
          running = new RunningMoments();
        }
        const layout = this.layout!;
        this.checkBatch(x.shape, layout.inputShape);
        running.add(tensorMoments(x, layout.reduceAxes), layout.reduceAxes.reduce((n, a) => n * x.shape[a]!, 1));
      });
    };
    const finish = (): void => {
      if (running === null) {
        throw new ValueError('adapt() received an empty iterable (no batches). Expected at least one batch. Pass a non-empty iterable of arrays or tensors, e.g. layer.adapt([x]) or layer.adapt(list_of_batches).');
      }
      this.storeMoments((running as RunningMoments).result()!);
    };
    return visitBatches(data, null, visit, finish);
  }

  private checkBatch(shape: readonly number[], built: SymbolicShape): void {
    if (this.layout!.keepAxes.some((d) => built[d] !== null && shape[d] !== built[d])) {
      throw new ValueError(`adapt() yielded a batch with incompatible shape. Expected ${formatShape(built)}, got ${formatShape(shape)}.`);
    }
  }

  /** Builds from the data's shape (or checks it against the built one), then stores `compute`'s moments. */
  private assignMoments(shape: readonly number[], compute: (layout: Layout) => Moments): void {
    this.prepareLayout(shape);
    this.storeMoments(compute(this.layout!));
  }

  /** Builds from the data's shape, or checks it against the shape the layer was built with. */
  private prepareLayout(shape: readonly number[]): void {
    if (!this.built) this.maybeBuild(shape as SymbolicShape);
    const layout = this.layout!;
    if (layout.keepAxes.some((d) => shape[d] !== layout.inputShape[d])) {
      throw new ValueError(`The layer was built with input_shape=${formatShape(layout.inputShape)}, but adapt() is being called with data with an incompatible shape, data.shape=${formatShape(shape)}`);
    }
  }

  private storeMoments({ mean, variance }: Moments): void {
    const statisticsShape = this.adaptMean!.shape;
    this.adaptMean!.assign(tensor(Float32Array.from(mean), statisticsShape));
    this.adaptVariance!.assign(tensor(Float32Array.from(variance), statisticsShape));
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      axis: [...this.axis],
      invert: this.invert,
      mean: structuredClone(this.inputMean),
      variance: structuredClone(this.inputVariance),
    };
  }
}

/** Keras's checks of a given `mean` and `variance`: both or neither, the same shape, no more axes than kept. */
function checkGivenStatistics(mean: NestedArray | null, variance: NestedArray | null, axis: number[]): void {
  if ((mean === null) !== (variance === null)) {
    throw new ValueError(`When setting values directly, both \`mean\` and \`variance\` must be set. Received: mean=${pythonStr(mean)} and variance=${pythonStr(variance)}`);
  }
  if (mean === null) return;
  const [meanShape, varianceShape] = [shapeOf(mean), shapeOf(variance!)];
  if (formatShape(meanShape) !== formatShape(varianceShape)) {
    throw new ValueError(`When setting values directly, \`mean\` and \`variance\` must have the same shape. Received: mean shape ${formatShape(meanShape)} and variance shape ${formatShape(varianceShape)}`);
  }
  if (meanShape.length > axis.length) {
    throw new ValueError(`The rank of \`mean\` must be less than or equal to the number of axes (${axis.length}). Received: mean shape ${formatShape(meanShape)} for axis ${formatShape(axis)}`);
  }
}

/**
 * The given statistics on the inputs' axes: their dimensions on the last kept axes (right to
 * left), 1 elsewhere, each 1 or the kept axis's size (Keras then broadcasts them to it).
 */
function placeGiven(mean: NestedArray, variance: NestedArray, keepAxes: number[], broadcastShape: number[]): NonNullable<Layout['given']> {
  const meanShape = shapeOf(mean);
  const shape = broadcastShape.map(() => 1);
  meanShape.forEach((d, i) => (shape[keepAxes[keepAxes.length - meanShape.length + i]!] = d));
  if (shape.some((d, i) => d !== 1 && d !== broadcastShape[i])) {
    throw new ValueError(`Incompatible shapes for broadcasting: the given \`mean\` and \`variance\` of shape ${formatShape(meanShape)} cannot be broadcast to the kept axes, of shape ${formatShape(broadcastShape)}.`);
  }
  return { shape, mean: flatten(mean), variance: flatten(variance) };
}

/** The shape of nested arrays (a number has shape `[]`). */
function shapeOf(values: NestedArray): number[] {
  const shape: number[] = [];
  for (let level: NestedArray = values; Array.isArray(level); level = level[0]!) shape.push(level.length);
  return shape;
}

/** The numbers of nested arrays, in row-major order. */
function flatten(values: NestedArray): number[] {
  return Array.isArray(values) ? values.flatMap(flatten) : [values];
}

/** Whether `data` is a non-empty array of numbers, or of such arrays (NumPy data, as opposed to a list of batches). */
function isNestedNumbers(data: unknown): data is NestedArray {
  if (!Array.isArray(data) || data.length === 0) return false;
  let first: unknown = data;
  while (Array.isArray(first)) first = first[0];
  return typeof first === 'number';
}

/** `f` of a batch as a tensor (an `[x, y]` tuple gives `x`; nested arrays are uploaded for the call). */
function withBatchTensor<T>(batch: unknown, f: (x: Tensor) => T): T {
  if (batch instanceof Tensor) return f(batch);
  if (Array.isArray(batch) && batch[0] instanceof Tensor) return f(batch[0]);
  if (isNestedNumbers(batch)) {
    const x = tensor(batch);
    try {
      return f(x);
    } finally {
      x.dispose();
    }
  }
  throw new TypeError(`adapt() expects an iterable that yields arrays or tensors with a \`.shape\` attribute (e.g. numpy arrays or backend tensors). Got an element of type ${pythonTypeName(batch)}. Ensure each yielded element is array-like with a \`.shape\` attribute.`);
}

registerBuiltIn(Normalization);
