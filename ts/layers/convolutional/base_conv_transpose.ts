/**
 * The shared body of `Conv1DTranspose`, `Conv2DTranspose` and `Conv3DTranspose`, as Keras's
 * `BaseConvTranspose`: `activation(convTranspose(inputs, kernel) + bias)` with a kernel of shape
 * `(kernelSize…, filters, inputChannels)`.
 */
import { REQUIRED, type Resolved } from '../../arguments/signature.js';
import { standardizeTuple } from '../../arguments/tuples.js';
import { InputSpec } from '../../engine/input_spec.js';
import { layerSignature, type CallArgs, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { convTranspose } from '../../ops/conv.js';
import { deconvOutputLength } from '../../ops/output_shape.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape } from '../../utils/python_repr.js';
import { KernelLayer, type KernelLayerArgs } from '../kernel_layer.js';
import {
  type ConvWindow, type ConvWindowArgs, addChannelsBias, channelsSpec, checkStridesOrDilation, convWindow, convWindowConfig, inputChannels,
  strictlyPositive,
} from './conv_window.js';

/** Options of the transposed convolution layers, as the keyword arguments of Keras's `ConvNDTranspose`. */
export interface ConvTransposeArgs extends LayerArgs, KernelLayerArgs, ConvWindowArgs {
  /** The number of output channels (filters); a positive integer. */
  filters?: number;
  /**
   * Extra positions at the end of each output axis, each strictly less than its stride: one
   * integer or one per axis. Default `null`, which infers the output size from `padding`:
   * `'valid'` gives `(in - 1)·stride + max(kernel, stride)` outputs, `'same'` `in·stride`.
   */
  outputPadding?: number | number[] | null;
}

/**
 * Keras's `ConvNDTranspose` signature for `rank` spatial dimensions. Keras's `Conv3DTranspose`
 * takes `data_format` before `output_padding`, unlike the 1-D and 2-D layers.
 */
export function convTransposeSignature(rank: number) {
  const ones = rank === 1 ? 1 : new Array<number>(rank).fill(1);
  const formatFirst = rank === 3;
  return layerSignature<ConvTransposeArgs>()({
    filters: REQUIRED, kernelSize: REQUIRED, strides: ones, padding: 'valid',
    ...(formatFirst ? { dataFormat: null, outputPadding: null } : { outputPadding: null, dataFormat: null }),
    dilationRate: ones, activation: null, useBias: true, kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros', kernelRegularizer: null,
    biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
  });
}

/** `layer.kernelSize`, `layer.strides`, … as Keras's attributes. */
export interface BaseConvTranspose extends ConvWindow {}

/** The base of the N-D transposed convolution layers; not used directly. */
export abstract class BaseConvTranspose extends KernelLayer {
  readonly rank: number;
  readonly filters: number;
  readonly outputPadding: number[] | null;

  /** `args`: the leaf class's resolved arguments. */
  constructor(rank: number, args: Resolved<ConvTransposeArgs, ReturnType<typeof convTransposeSignature>['params']>) {
    super(args);
    this.rank = rank;
    Object.assign(this, convWindow(rank, args));
    const op = args.outputPadding;
    this.outputPadding = op === null ? null : standardizeTuple(op, rank, 'output_padding', true);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
    this.filters = strictlyPositive('filters', args.filters);
    if (this.outputPadding !== null) {
      this.outputPadding.forEach((p, i) => {
        if (p >= this.strides[i]!) {
          throw new ValueError(
            `\`output_padding\` must be strictly less than \`strides\` for all dimensions. At dimension ${i}, \`output_padding\` is ${p} but \`strides\` is ${this.strides[i]}. ` +
              `Received: output_padding=${formatShape(this.outputPadding!)}, strides=${formatShape(this.strides)}`,
          );
        }
      });
    }
    checkStridesOrDilation(this);
  }

  override build(inputShape: SymbolicShape): void {
    const channels = inputChannels(inputShape, this.dataFormat);
    this.inputSpec = channelsSpec(this.rank, this.dataFormat, channels);
    this.computeOutputShape(inputShape);
    this.addKernelAndBias([...this.kernelSize, this.filters, channels], [this.filters]);
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    const outputs = convTranspose(inputs, this.kernel!.value, {
      strides: this.strides, padding: this.padding, outputPadding: this.outputPadding, dataFormat: this.dataFormat, dilationRate: this.dilationRate,
    });
    return this.activation(this.bias ? addChannelsBias(outputs, this.bias.value, this.dataFormat) : outputs);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    if (inputShape.length !== this.rank + 2) {
      throw new ValueError(`Kernel shape must have the same length as input, but received kernel of shape ${formatShape([...this.kernelSize, this.filters, null])} and input of shape ${formatShape(inputShape)}.`);
    }
    const last = this.dataFormat === 'channels_last';
    const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
    const out = spatial.map((size, i) =>
      deconvOutputLength(size, this.kernelSize[i]!, this.strides[i]!, this.padding, this.outputPadding?.[i] ?? null, this.dilationRate[i]!));
    return last ? [inputShape[0]!, ...out, this.filters] : [inputShape[0]!, this.filters, ...out];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...convWindowConfig(this),
      output_padding: this.outputPadding,
      ...this.kernelConfig(),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
    };
  }
}
