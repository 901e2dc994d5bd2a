/**
 * The shared body of `Conv1DTranspose`, `Conv2DTranspose` and `Conv3DTranspose`, as Keras's
 * `BaseConvTranspose`: `activation(convTranspose(inputs, kernel) + bias)` with a kernel of shape
 * `(kernelSize…, filters, inputChannels)`.
 */
import { standardizePadding } from '../../arguments/padding.js';
import { REQUIRED, type Resolved } from '../../arguments/signature.js';
import { InputSpec } from '../../engine/input_spec.js';
import { layerSignature, type CallArgs, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import { convTranspose } from '../../ops/conv.js';
import { deconvOutputLength } from '../../ops/output_shape.js';
import * as ops from '../../ops/index.js';
import * as regularizers from '../../regularizers.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { KernelLayer, type KernelLayerArgs } from '../kernel_layer.js';
import { type DataFormat, standardizeDataFormat } from '../../arguments/data_format.js';
import { formatShape } from '../../utils/python_repr.js';
import { standardizeTuple } from '../../arguments/tuples.js';

/** Options of the transposed convolution layers, as the keyword arguments of Keras's `ConvNDTranspose`. */
export interface ConvTransposeArgs extends LayerArgs, KernelLayerArgs {
  /** The number of output channels (filters); a positive integer. */
  filters?: number;
  /** The size of the window: one integer for every spatial axis, or one per axis. */
  kernelSize?: number | number[];
  /** The stride of the window (the upsampling factor): one integer or one per axis. Default 1. */
  strides?: number | number[];
  /** `'valid'` (the default: `(in - 1)·stride + max(kernel, stride)` outputs) or `'same'` (`in·stride`). */
  padding?: 'valid' | 'same';
  /**
   * Extra positions at the end of each output axis, each strictly less than its stride: one
   * integer or one per axis. Default `null`, which infers the output size as described under
   * `padding`.
   */
  outputPadding?: number | number[] | null;
  /** `'channels_last'` (default) or `'channels_first'`. */
  dataFormat?: DataFormat | null;
  /** Dilation of the window: one integer or one per axis. Default 1; not with `strides > 1`. */
  dilationRate?: number | number[];
}

/** Keras's `ConvNDTranspose` signature for `rank` spatial dimensions. */
export function convTransposeSignature(rank: number) {
  const ones = rank === 1 ? 1 : new Array<number>(rank).fill(1);
  return layerSignature<ConvTransposeArgs>()({
    filters: REQUIRED, kernelSize: REQUIRED, strides: ones, padding: 'valid', outputPadding: null, dataFormat: null, dilationRate: ones,
    activation: null, useBias: true, kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros', kernelRegularizer: null,
    biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
  });
}

/** The base of the N-D transposed convolution layers; not used directly. */
export abstract class BaseConvTranspose extends KernelLayer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly outputPadding: number[] | null;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];

  /** `args`: the leaf class's resolved arguments. */
  constructor(rank: number, args: Resolved<ConvTransposeArgs, ReturnType<typeof convTransposeSignature>['params']>) {
    super(args);
    this.rank = rank;
    const filters = args.filters;
    this.kernelSize = standardizeTuple(args.kernelSize, rank, 'kernel_size');
    this.strides = standardizeTuple(args.strides, rank, 'strides');
    this.dilationRate = standardizeTuple(args.dilationRate, rank, 'dilation_rate');
    this.padding = standardizePadding(args.padding);
    const op = args.outputPadding;
    this.outputPadding = op === null ? null : standardizeTuple(op, rank, 'output_padding', true);
    this.dataFormat = standardizeDataFormat(args.dataFormat);
    this.inputSpec = new InputSpec({ minNdim: rank + 2 });
    if (typeof filters !== 'number' || !Number.isInteger(filters) || filters <= 0) {
      throw new ValueError(`Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${filters === undefined || filters === null ? 'None' : String(filters)}.`);
    }
    this.filters = filters;
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
    if (Math.max(...this.strides) > 1 && Math.max(...this.dilationRate) > 1) {
      throw new ValueError(
        `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${formatShape(this.strides)} and dilation_rate=${formatShape(this.dilationRate)}`,
      );
    }
  }

  override build(inputShape: SymbolicShape): void {
    const channelAxis = this.dataFormat === 'channels_last' ? -1 : 1;
    const channels = this.dataFormat === 'channels_last' ? inputShape[inputShape.length - 1] : inputShape[1];
    if (channels === null || channels === undefined) {
      throw new ValueError(`The channel dimension of the inputs should be defined. The input_shape received is ${formatShape(inputShape)}, where axis ${channelAxis} (0-based) is the channel dimension, which found to be \`None\`.`);
    }
    this.inputSpec = new InputSpec({ minNdim: this.rank + 2, axes: { [channelAxis]: channels } });
    this.computeOutputShape(inputShape);
    this.addKernelAndBias([...this.kernelSize, this.filters, channels], [this.filters]);
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    let outputs = convTranspose(inputs, this.kernel!.value, {
      strides: this.strides, padding: this.padding, outputPadding: this.outputPadding, dataFormat: this.dataFormat, dilationRate: this.dilationRate,
    });
    if (this.bias) {
      const bias = this.dataFormat === 'channels_last'
        ? this.bias.value
        : ops.reshape(this.bias.value, [this.filters, ...new Array<number>(this.rank).fill(1)]);
      outputs = ops.add(outputs, bias);
    }
    return this.activation(outputs);
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
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      output_padding: this.outputPadding,
      data_format: this.dataFormat,
      dilation_rate: this.dilationRate,
      ...this.kernelConfig(),
      activity_regularizer: regularizers.serialize(this.activityRegularizer),
    };
  }
}
