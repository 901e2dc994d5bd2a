/** `Identity`: the identity matrix times `gain`. */
import { type KerasArgs, signature } from '../arguments/signature.js';
import { type DType, type Shape, type Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { Initializer, filled } from './initializer.js';

/** Options of `Identity`. */
export interface IdentityArgs {
  /** The multiplicative factor applied to the identity matrix. Default 1. */
  gain?: number;
}

/**
 * The identity matrix times `gain`, for 2-D weights (rectangular shapes get ones on the main
 * diagonal), as `keras.initializers.Identity`.
 */
export class Identity extends Initializer {
  static override className = 'Identity';
  static override readonly signature = signature<IdentityArgs>()({ gain: 1 });
  readonly gain: number;

  constructor(...args: KerasArgs<[gain: number], IdentityArgs>) {
    super();
    this.gain = Identity.signature.resolve(args, new.target).gain;
  }

  call(shape: Shape, dtype: DType = 'float32'): Tensor {
    if (shape.length !== 2) {
      throw new ValueError(`Identity matrix initializer can only be used for 2D matrices. Received: shape=${formatShape(shape)} of rank ${shape.length}.`);
    }
    const cols = shape[1]!;
    return filled(shape, dtype, (i) => (Math.floor(i / cols) === i % cols ? this.gain : 0));
  }

  /**
   * Keras 3's config is `{}`: it loses a `gain` other than 1 on reload. Ours keeps such a gain
   * (Keras's `Identity(**config)` reads it back) and is Keras's `{}` otherwise.
   */
  override getConfig(): Record<string, unknown> {
    return this.gain === Identity.signature.defaultOf('gain') ? {} : { gain: this.gain };
  }
}
