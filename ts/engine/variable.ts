/**
 * A model weight: a named tensor that lives until the model is disposed, outside every `tidy`
 * scope. Optimizer kernels update it in place in WebAssembly memory; `assign` swaps in a value.
 */
import { disposeWithScope, keep } from '../tensor/scope.js';
import { type NumericDType, type Shape, Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { ConstraintLike } from '../constraints.js';
import type { RegularizerLike } from '../regularizers.js';

export class Variable {
  /** Keras's variable path, e.g. `dense/kernel`. */
  readonly path: string;
  /** The short name, e.g. `kernel`. */
  readonly name: string;
  /** Whether training updates it (the owning layer's `trainable` also applies). */
  trainable: boolean;
  /** A loss term computed from this weight, added to the training loss. */
  readonly regularizer: RegularizerLike | null;
  /** A projection applied after each optimizer update. */
  readonly constraint: ConstraintLike | null;
  private current: Tensor;

  constructor(args: { name: string; path: string; value: Tensor; trainable?: boolean; regularizer?: RegularizerLike | null; constraint?: ConstraintLike | null }) {
    this.name = args.name;
    this.path = args.path;
    this.trainable = args.trainable ?? true;
    this.regularizer = args.regularizer ?? null;
    this.constraint = args.constraint ?? null;
    if (args.value.dtype === 'string') throw new ValueError(`Variable '${this.path}' cannot hold strings.`);
    this.current = keep(args.value);
  }

  get value(): Tensor {
    return this.current;
  }

  get shape(): Shape {
    return this.current.shape;
  }

  get dtype(): NumericDType {
    return this.current.dtype as NumericDType;
  }

  /**
   * Replaces the value with `value` (same shape and dtype), taking ownership of it. The previous
   * value is freed when the enclosing `tidy` ends (at once outside any): a gradient being recorded
   * in that scope may have started from it, as when a layer assigns a trainable weight in `call`.
   */
  assign(value: Tensor): void {
    if (value.shape.length !== this.shape.length || value.shape.some((d, i) => d !== this.shape[i])) {
      throw new ValueError(`Variable '${this.path}' has shape ${formatShape(this.shape)}, cannot assign a value of shape ${formatShape(value.shape)}`);
    }
    if (value.dtype !== this.dtype) {
      throw new ValueError(`Variable '${this.path}' has dtype ${this.dtype}, cannot assign a value of dtype ${value.dtype}`);
    }
    if (value === this.current) return;
    disposeWithScope(this.current);
    this.current = keep(value);
  }

  dispose(): void {
    this.current.dispose();
  }
}
