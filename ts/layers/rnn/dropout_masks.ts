/**
 * Keras's DropoutRNNCell: a cell's dropout masks are drawn on first use in a sequence (so the
 * same units are dropped at every step) and forgotten when the sequence ends (`reset`). Values
 * are 0 or `1 / (1 - rate)`; masks apply only while training.
 */
import * as ops from '../../ops/index.js';
import type { SeedGenerator } from '../../ops/seed_generator.js';
import { keep, tidy } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';

export class DropoutMasks {
  private input: Tensor | null = null;
  private recurrent: Tensor | null = null;

  constructor(readonly dropout: number, readonly recurrentDropout: number, private readonly seedGenerator: SeedGenerator) {}

  /** One step's `inputs` with the input mask applied, when training. */
  applyToInput(inputs: Tensor, training: boolean | undefined): Tensor {
    if (!training || this.dropout === 0) return inputs;
    this.input ??= this.mask(inputs.shape, this.dropout);
    return ops.multiply(inputs, this.input);
  }

  /** A previous `state` with the recurrent mask applied, when training. */
  applyToState(state: Tensor, training: boolean | undefined): Tensor {
    if (!training || this.recurrentDropout === 0) return state;
    this.recurrent ??= this.mask(state.shape, this.recurrentDropout);
    return ops.multiply(state, this.recurrent);
  }

  /** `(batch, timesteps, features)` sequences with one input mask for every step (training only). */
  applyToSequence(sequences: Tensor): Tensor {
    const [batch, , ...features] = sequences.shape;
    const mask = this.mask([batch!, ...features], this.dropout);
    const dropped = ops.multiply(sequences, ops.expandDims(mask, 1));
    mask.dispose();
    return dropped;
  }

  /** Frees the masks at the end of a sequence. */
  reset(): void {
    this.input?.dispose();
    this.recurrent?.dispose();
    this.input = this.recurrent = null;
  }

  private mask(shape: number[], rate: number): Tensor {
    if (rate >= 1) return keep(ops.zeros(shape));
    const kept = 1 - rate;
    return keep(tidy(() => ops.where(ops.less(ops.randomUniform(shape, { seed: this.seedGenerator }), kept), 1 / kept, 0)));
  }
}
