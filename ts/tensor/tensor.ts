/**
 * A tensor handle. The values live in WebAssembly memory, owned by the Rust tensor store;
 * this object holds the handle, the shape and the dtype, and copies values out on request.
 */
import { call, memory } from '../runtime/binding.js';
import { ValueError } from '../utils/errors.js';
import { formatShape } from '../utils/python_repr.js';
import { track } from './scope.js';

/** Shapes print as Keras prints them, `(None, 3)`; re-exported here, where most callers look for it. */
export { formatShape };

export type DType = 'float32' | 'int32';
export type Shape = number[];
export type TypedArray = Float32Array | Int32Array;
export type NestedArray = number | NestedArray[];

export class Tensor {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
  /** The mask a masking layer attached (Keras's `_keras_mask`): which timesteps count. */
  kerasMask: Tensor | null = null;
  private handleValue: number | null;

  /** Wraps a handle the store just issued. Internal: use `tensor()` or an op. */
  constructor(handle: number, shape: Shape, dtype: DType) {
    this.handleValue = handle;
    this.shape = shape;
    this.dtype = dtype;
    this.size = shape.reduce((a, b) => a * b, 1);
    track(this);
  }

  get rank(): number {
    return this.shape.length;
  }

  get isDisposed(): boolean {
    return this.handleValue === null;
  }

  /** The store handle; throws if the tensor was disposed. */
  get handle(): number {
    if (this.handleValue === null) {
      throw new ValueError(`Tensor with shape ${formatShape(this.shape)} and dtype ${this.dtype} is disposed and can no longer be used`);
    }
    return this.handleValue;
  }

  /** A copy of the values, row-major. */
  dataSync(): TypedArray {
    const handle = this.handle;
    const ptr = call('dataSync', (w) => w.tensor_data_ptr(handle));
    const buffer = memory().buffer;
    // slice() copies: the view must not outlive this call (memory growth replaces the buffer).
    return this.dtype === 'float32'
      ? new Float32Array(buffer, ptr, this.size).slice()
      : new Int32Array(buffer, ptr, this.size).slice();
  }

  async data(): Promise<TypedArray> {
    return this.dataSync();
  }

  /** The values as nested arrays of numbers. */
  arraySync(): NestedArray {
    const values = Array.from(this.dataSync());
    if (this.rank === 0) return values[0]!;
    return nest(values, this.shape);
  }

  async array(): Promise<NestedArray> {
    return this.arraySync();
  }

  /** Frees the values now. Disposing twice is harmless. */
  dispose(): void {
    if (this.handleValue === null) return;
    const handle = this.handleValue;
    this.handleValue = null;
    call('dispose', (w) => w.free(handle));
  }

  toString(): string {
    if (this.isDisposed) return `Tensor(disposed, shape=${formatShape(this.shape)}, dtype=${this.dtype})`;
    return `Tensor(shape=${formatShape(this.shape)}, dtype=${this.dtype})\n${JSON.stringify(this.arraySync())}`;
  }

  print(): void {
    console.log(this.toString());
  }
}

function nest(values: number[], shape: Shape): NestedArray[] {
  const [first, ...rest] = shape;
  if (rest.length === 0) return values;
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first! }, (_, i) => nest(values.slice(i * stride, (i + 1) * stride), rest));
}
