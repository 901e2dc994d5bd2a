/**
 * 1-D convolution (temporal convolution), as Keras's `Conv1D`: inputs `(batch, steps, channels)`
 * (or `(batch, channels, steps)`), kernel `(kernelSize, channels / groups, filters)`.
 * `padding: 'causal'` pads `dilationRate · (kernelSize - 1)` zeros before the sequence only, so
 * that output `t` depends on inputs `0..t` (WaveNet-style models).
 *
 * @example
 * ```ts
 * const conv = new layers.Conv1D(32, 3, { padding: 'causal', activation: 'relu' });
 * ```
 */
import { convExplicit } from '../../ops/conv.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { KerasArgs } from '../../arguments/signature.js';
import { BaseConv, type ConvArgs, convSignature } from './base_conv.js';

export type Conv1DArgs = ConvArgs;

export class Conv1D extends BaseConv {
  static override className = 'Conv1D';

  static override readonly signature = convSignature(1);

  /** `new Conv1D(filters, kernelSize, { … })`, `new Conv1D(32, 3, 1, 'same')`, or `new Conv1D({ filters, kernelSize, … })`. */
  constructor(...args: KerasArgs<[filters: number, kernelSize: number | number[], strides: number | number[], padding: Conv1DArgs['padding']], Conv1DArgs>) {
    super(1, Conv1D.signature.resolve(args, new.target));
  }

  protected override convolutionOp(inputs: Tensor, kernel: Tensor): Tensor {
    if (this.padding !== 'causal') return super.convolutionOp(inputs, kernel);
    const left = this.dilationRate[0]! * (this.kernelSize[0]! - 1);
    return convExplicit(inputs, kernel, { strides: this.strides, dataFormat: this.dataFormat, dilationRate: this.dilationRate }, [[left, 0]]);
  }
}

registerBuiltIn(Conv1D);
