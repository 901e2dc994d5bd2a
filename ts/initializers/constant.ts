/** The constant initializers: `Zeros`, `Ones` and `Constant(value)`. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import type { DType, Shape, Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { Initializer, filled } from './initializer.js';

/** Keras's `Zeros()` and `Ones()` take no arguments. */
type NoArgs = Record<string, never>;

/** Fills with 0, as `keras.initializers.Zeros`. */
export class Zeros extends Initializer {
  static override className = 'Zeros';
  constructor(...args: KerasArgs<[], NoArgs>) {
    super();
    Zeros.signature.resolve(args, new.target);
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return filled(shape, dtype, () => 0);
  }
}

/** Fills with 1, as `keras.initializers.Ones`. */
export class Ones extends Initializer {
  static override className = 'Ones';
  constructor(...args: KerasArgs<[], NoArgs>) {
    super();
    Ones.signature.resolve(args, new.target);
  }
  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return filled(shape, dtype, () => 1);
  }
}

/** Options of `Constant`. */
export interface ConstantArgs {
  /** The value every entry takes (a number). Default 0. */
  value?: number;
}

/** Fills with `value`, as `keras.initializers.Constant`: `new Constant(0.5)` or `new Constant({ value: 0.5 })`. */
export class Constant extends Initializer {
  static override className = 'Constant';
  static override readonly signature = signature<ConstantArgs>()({ value: 0 });
  readonly value: number;

  constructor(...args: KerasArgs<[value: number], ConstantArgs>) {
    super();
    const { value } = Constant.signature.resolve(args, new.target);
    // Keras casts the value to the weight's dtype when called; only a number can be.
    if (typeof value !== 'number') throw new ValueError(`Constant: \`value\` must be a Python scalar. Received: value=${pythonRepr(value)}`);
    this.value = value;
  }

  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    return filled(shape, dtype, () => this.value);
  }

  override getConfig() {
    return { value: this.value };
  }
}
