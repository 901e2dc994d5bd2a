/**
 * Buckets continuous features by ranges, as Keras's `Discretization`: a value's bin is the number
 * of boundaries at or below it (`digitize`), so `binBoundaries: [0, 1]` puts `-1` in bin 0, `0.5`
 * in bin 1 and `1` in bin 2. The boundaries are given, or learned by `adapt(data)` as the
 * `numBins`-quantiles of Keras's approximate quantile summary (precision `epsilon`), in one
 * streaming pass over arrays, tensors or sync or async iterables of batches. The bins are
 * int32 ids (`'int'`) or encoded as CategoryEncoding does. No weights: the boundaries are in the
 * config, as Keras keeps them.
 */
import { type KerasArgs } from '../../arguments/signature.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerSignature } from '../../engine/layer.js';
import { configToArgs, registerBuiltIn } from '../../engine/registry.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { tensor } from '../../tensor/create.js';
import { tidy } from '../../tensor/scope.js';
import { type DType, type NestedArray, Tensor, type TypedArray } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr, pythonStr, pythonTypeName } from '../../utils/python_repr.js';
import { type BatchStream, isBatchStream, visitBatches } from './adapt_stream.js';
import { encodeCategoricalInputs, encodedShape } from './encode_categorical.js';
import { EMPTY_SUMMARY, type Summary, binBoundaries, mergeSummaries, summarize } from './quantile_summary.js';

export type DiscretizationOutputMode = 'int' | 'one_hot' | 'multi_hot' | 'count';

export interface DiscretizationArgs extends LayerArgs {
  /** The sorted boundaries between bins (`[0, 1]`: bins `(-inf, 0)`, `[0, 1)`, `[1, inf)`). Not with `numBins`. */
  binBoundaries?: number[] | null;
  /** The number of bins `adapt()` learns boundaries for. Not with `binBoundaries`. */
  numBins?: number | null;
  /** The precision of `adapt()`'s quantile summary: about `1 / epsilon` points are kept. Default 0.01. */
  epsilon?: number;
  /** `'int'` (default): int32 bin ids; `'one_hot'`, `'multi_hot'`, `'count'`: the bins encoded as CategoryEncoding does. */
  outputMode?: DiscretizationOutputMode;
  /** Keras's sparse output; kerasm has no sparse tensors, so only false. Default false. */
  sparse?: boolean;
}

/** What `adapt()` takes: a tensor, nested arrays of numbers or a typed array (one NumPy array to Keras), or an iterable of such batches. */
export type DiscretizationAdaptData = Tensor | NestedArray | TypedArray | BatchStream<Tensor | NestedArray | TypedArray>;

const OUTPUT_MODES: readonly DiscretizationOutputMode[] = ['int', 'one_hot', 'multi_hot', 'count'];

export class Discretization extends Layer {
  static override className = 'Discretization';
  static override readonly signature = layerSignature<DiscretizationArgs>()({
    binBoundaries: null, numBins: null, epsilon: 0.01, outputMode: 'int', sparse: false, dtype: null, name: null,
  });
  /** The boundaries, given or learned by `adapt()`; null until then. */
  binBoundaries: number[] | null;
  readonly numBins: number | null;
  readonly epsilon: number;
  readonly outputMode: DiscretizationOutputMode;
  readonly sparse: boolean;

  /** `new Discretization([0, 1])`, `new Discretization(null, 4)`, or `new Discretization({ numBins: 4, outputMode: 'one_hot' })`. */
  constructor(...args: KerasArgs<[binBoundaries: number[] | null, numBins: number | null, epsilon: number, outputMode: DiscretizationOutputMode, sparse: boolean, dtype: DiscretizationArgs['dtype'], name: string | null], DiscretizationArgs>) {
    const a = Discretization.signature.resolve(args, new.target);
    super(a);
    if (a.sparse && a.outputMode === 'int') {
      throw new ValueError(`\`sparse=True\` may only be used if \`output_mode\` is \`'one_hot'\`, \`'multi_hot'\`, or \`'count'\`. Received: sparse=True and output_mode=${a.outputMode}`);
    }
    if (a.sparse) throw new ValueError('`sparse=True` cannot be used with backend kerasm: it has no sparse tensors.');
    if (!OUTPUT_MODES.includes(a.outputMode)) {
      throw new ValueError(`Unknown value for \`output_mode\`. Allowed values are: 'int', 'one_hot', 'multi_hot', 'count'. Received: ${pythonStr(a.outputMode)}`);
    }
    if (a.numBins !== null && a.numBins < 0) throw new ValueError(`\`num_bins\` must be greater than or equal to 0. Received: \`num_bins=${a.numBins}\``);
    if (a.numBins !== null && a.binBoundaries !== null) {
      throw new ValueError(`Both \`num_bins\` and \`bin_boundaries\` should not be set. Received: \`num_bins=${a.numBins}\` and \`bin_boundaries=${pythonStr(a.binBoundaries)}\``);
    }
    if (a.numBins === null && a.binBoundaries === null) throw new ValueError('You need to set either `num_bins` or `bin_boundaries`.');
    this.binBoundaries = a.binBoundaries === null ? null : [...a.binBoundaries];
    this.numBins = a.numBins;
    this.epsilon = a.epsilon;
    this.outputMode = a.outputMode;
    this.sparse = a.sparse;
    this.built = true;
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    if (this.binBoundaries === null) {
      throw new ValueError('You need to either pass the `bin_boundaries` argument at construction time or call `adapt(dataset)` before you can start using the `Discretization` layer.');
    }
    if (inputs.dtype === 'string') throw new ValueError(`Discretization layer "${this.name}" takes numbers, received a string tensor.`);
    const boundaries = this.binBoundaries;
    return tidy(() => {
      const x = ops.cast(inputs, 'float32');
      // digitize: how many boundaries are at or below each value.
      const bins = ops.sum(ops.cast(ops.greaterEqual(ops.expandDims(x, -1), tensor(boundaries, [boundaries.length], 'float32')), 'int32'), -1);
      return encodeCategoricalInputs(bins, { outputMode: this.outputMode, depth: boundaries.length + 1, dtype: this.outputMode === 'int' ? 'int32' : 'float32' });
    });
  }

  protected override outputDtype(): DType {
    return this.outputMode === 'int' ? 'int32' : 'float32';
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const depth = this.binBoundaries !== null ? this.binBoundaries.length + 1 : this.numBins!;
    return encodedShape(inputShape, this.outputMode, depth);
  }

  /**
   * Learns `numBins - 1` boundaries from `data` in one pass: a tensor, nested arrays of numbers or
   * a typed array (one batch), or a sync or async iterable of such batches (then a promise, which
   * settles when the last batch is summarized). At most `steps` batches are read.
   */
  adapt(data: AsyncIterable<Tensor | NestedArray | TypedArray>, steps?: number | null): Promise<void>;
  adapt(data: Tensor | NestedArray | TypedArray | Iterable<Tensor | NestedArray | TypedArray>, steps?: number | null): void;
  adapt(data: DiscretizationAdaptData, steps: number | null = null): void | Promise<void> {
    if (this.numBins === null) {
      throw new ValueError('Cannot adapt a Discretization layer that has been initialized with `bin_boundaries`, use `num_bins` instead.');
    }
    const numBins = this.numBins;
    let summary: Summary = EMPTY_SUMMARY;
    let batches = 0;
    const visit = (batch: Tensor | NestedArray | TypedArray): void => {
      summary = mergeSummaries(summarize(batchValues(batch), this.epsilon), summary, this.epsilon);
      batches++;
    };
    const finish = (): void => {
      if (batches === 0 || summary.values.length === 0) throw new ValueError(`Discretization layer "${this.name}": adapt() received no data. Pass a non-empty array, tensor or iterable of batches.`);
      this.binBoundaries = binBoundaries(summary, numBins);
    };
    if (isOneBatch(data)) {
      visit(data);
      return finish();
    }
    if (!isBatchStream(data)) {
      throw new TypeError(`Unsupported data type: ${pythonTypeName(data)}. \`adapt\` supports tensors, nested arrays of numbers, and sync or async iterables of batches.`);
    }
    return visitBatches(data, steps, visit, finish);
  }

  /** Keras's own config: no `trainable`, the dtype by name. */
  override getConfig(): LayerConfig {
    return {
      bin_boundaries: this.binBoundaries === null ? null : [...this.binBoundaries], num_bins: this.numBins, epsilon: this.epsilon,
      output_mode: this.outputMode, sparse: this.sparse, name: this.name, dtype: this.dtype,
    };
  }

  /** As Keras: a config with both boundaries and a bin count (an adapted layer's) keeps the boundaries learned. */
  static fromConfig(config: LayerConfig): Discretization {
    const { bin_boundaries: boundaries, ...rest } = config;
    if (boundaries === null || boundaries === undefined || rest.num_bins === null || rest.num_bins === undefined) {
      return new Discretization(configToArgs(config) as DiscretizationArgs);
    }
    const layer = new Discretization(configToArgs(rest) as DiscretizationArgs);
    layer.binBoundaries = [...(boundaries as number[])];
    return layer;
  }
}

/** Whether `data` is one batch: a tensor, a typed array, or nested arrays whose first leaf is a number. */
function isOneBatch(data: DiscretizationAdaptData): data is Tensor | NestedArray | TypedArray {
  if (data instanceof Tensor || ArrayBuffer.isView(data) || typeof data === 'number') return true;
  let leaf: unknown = data;
  while (Array.isArray(leaf) && leaf.length > 0) leaf = leaf[0];
  return Array.isArray(data) && (typeof leaf === 'number' || (Array.isArray(leaf) && leaf.length === 0));
}

/** A batch's values as float32, as Keras's `np.array(data).astype("float32")`. */
function batchValues(batch: Tensor | NestedArray | TypedArray): Float32Array {
  if (batch instanceof Tensor) {
    if (batch.dtype === 'string') throw new ValueError('Discretization.adapt() takes numbers; received a string tensor.');
    return Float32Array.from(batch.dataSync());
  }
  if (ArrayBuffer.isView(batch)) return Float32Array.from(batch as TypedArray);
  const flat: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'number') flat.push(v);
    else throw new ValueError(`Discretization.adapt() takes numbers; received ${pythonRepr(v)}.`);
  };
  walk(batch);
  return Float32Array.from(flat);
}

registerBuiltIn(Discretization);
