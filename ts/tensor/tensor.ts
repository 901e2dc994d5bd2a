/**
 * A tensor handle. The values live in WebAssembly memory, owned by the Rust tensor store;
 * this object holds the handle, the shape and the dtype, and copies values out on request.
 *
 * A `'string'` tensor is the exception: its values stay in JavaScript (kerasm computes nothing
 * on strings in WebAssembly; StringLookup, TextVectorization and Hashing turn them into numbers),
 * so it has no handle, and a WebAssembly op given one refuses it (see `handle`).
 */
import { call, memory } from '../runtime/binding.js';
import { ValueError } from '../utils/errors.js';
import { formatShape } from '../utils/python_repr.js';
import { track } from './scope.js';

/** Shapes print as Keras prints them, `(None, 3)`; re-exported here, where most callers look for it. */
export { formatShape };

/** The dtypes WebAssembly computes in. */
export type NumericDType = 'float32' | 'int32';
export type DType = NumericDType | 'string';
export type Shape = number[];
export type TypedArray = Float32Array | Int32Array;
export type NestedArray = number | NestedArray[];
export type NestedStrings = string | NestedStrings[];
/** What `dataSync<D>()` returns for a dtype, as TensorFlow.js's `DataTypeMap`. */
export type DataOf<D extends DType> = D extends 'string' ? string[] : D extends 'int32' ? Int32Array : D extends 'float32' ? Float32Array : TypedArray;
/** What `arraySync<D>()` returns for a dtype. */
export type NestedOf<D extends DType> = D extends 'string' ? NestedStrings : NestedArray;

export class Tensor {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
  /** The mask a masking layer attached (Keras's `_keras_mask`): which timesteps count. */
  kerasMask: Tensor | null = null;
  private handleValue: number | null;
  /** A string tensor's values, row-major (null for numeric tensors, and once disposed). */
  private strings: string[] | null;

  /**
   * Wraps a handle the store just issued, or (dtype `'string'`) JavaScript strings, which the
   * tensor then owns. Internal: use `tensor()`, `stringTensor()` or an op.
   */
  constructor(source: number | string[], shape: Shape, dtype: DType) {
    this.shape = shape;
    this.dtype = dtype;
    this.size = shape.reduce((a, b) => a * b, 1);
    this.handleValue = typeof source === 'number' ? source : null;
    this.strings = typeof source === 'number' ? null : source;
    this.disposed = false;
    track(this);
  }

  private disposed: boolean;

  get rank(): number {
    return this.shape.length;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The store handle; throws if the tensor was disposed, or holds strings (no WebAssembly op takes them). */
  get handle(): number {
    this.checkLive();
    if (this.handleValue === null) {
      throw new ValueError(
        `A string tensor (shape ${formatShape(this.shape)}) was given to an operation that computes on numbers. ` +
          'Turn strings into numbers first with a StringLookup, TextVectorization or Hashing layer.',
      );
    }
    return this.handleValue;
  }

  /** A string tensor's own values, row-major (not a copy: do not modify). Throws for numeric tensors. */
  get stringValues(): readonly string[] {
    this.checkLive();
    if (this.strings === null) throw new ValueError(`Expected a string tensor, received a tensor of dtype ${this.dtype} with shape ${formatShape(this.shape)}.`);
    return this.strings;
  }

  /**
   * A copy of the values, row-major: a typed array, or `string[]` for a string tensor (ask for it
   * as TensorFlow.js users do, `t.dataSync<'string'>()`).
   */
  dataSync<D extends DType = NumericDType>(): DataOf<D> {
    if (this.dtype === 'string') return [...this.stringValues] as DataOf<D>;
    const handle = this.handle;
    const ptr = call('dataSync', (w) => w.tensor_data_ptr(handle));
    const buffer = memory().buffer;
    // slice() copies: the view must not outlive this call (memory growth replaces the buffer).
    return (this.dtype === 'float32' ? new Float32Array(buffer, ptr, this.size).slice() : new Int32Array(buffer, ptr, this.size).slice()) as DataOf<D>;
  }

  async data<D extends DType = NumericDType>(): Promise<DataOf<D>> {
    return this.dataSync<D>();
  }

  /** The values as nested arrays of numbers (of strings for a string tensor: `arraySync<'string'>()`). */
  arraySync<D extends DType = NumericDType>(): NestedOf<D> {
    const values = Array.from(this.dataSync<DType>() as ArrayLike<number | string>);
    if (this.rank === 0) return values[0]! as NestedOf<D>;
    return nest(values, this.shape) as NestedOf<D>;
  }

  async array<D extends DType = NumericDType>(): Promise<NestedOf<D>> {
    return this.arraySync<D>();
  }

  /** Frees the values now. Disposing twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.strings = null;
    if (this.handleValue === null) return;
    const handle = this.handleValue;
    this.handleValue = null;
    call('dispose', (w) => w.free(handle));
  }

  private checkLive(): void {
    if (this.disposed) throw new ValueError(`Tensor with shape ${formatShape(this.shape)} and dtype ${this.dtype} is disposed and can no longer be used`);
  }

  toString(): string {
    if (this.isDisposed) return `Tensor(disposed, shape=${formatShape(this.shape)}, dtype=${this.dtype})`;
    return `Tensor(shape=${formatShape(this.shape)}, dtype=${this.dtype})\n${JSON.stringify(this.arraySync<DType>())}`;
  }

  print(): void {
    console.log(this.toString());
  }
}

function nest<T>(values: T[], shape: Shape): unknown[] {
  const [first, ...rest] = shape;
  if (rest.length === 0) return values;
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first! }, (_, i) => nest(values.slice(i * stride, (i + 1) * stride), rest));
}
