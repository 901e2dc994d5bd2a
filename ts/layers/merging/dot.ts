/**
 * The dot product of two inputs, sample by sample, along one axis of each: with shapes
 * `(batch, 3, 5)` and `(batch, 10, 3)` and `axes: [1, 2]`, the output is `(batch, 5, 10)`.
 * With `normalize`, samples are L2-normalised along those axes first (cosine proximity).
 */
import { canonicalAxis } from '../../arguments/axis.js';
import { type KerasArgs, REQUIRED, Signature } from '../../arguments/signature.js';
import { ofType } from '../../arguments/received.js';
import type { KerasTensor } from '../../ops/symbolic/keras_tensor.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, type LayerInputs, type ShapeOrShapes, isShapeList, layerSignature } from '../../engine/layer.js';
import type { SymbolicShape } from '../../engine/shape.js';
import * as ops from '../../ops/index.js';
import { registerBuiltIn } from '../../engine/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ValueError } from '../../utils/errors.js';
import { formatShape, pythonRepr, pythonStr } from '../../utils/python_repr.js';
import { describeInput } from './base_merge.js';

/** Keras's `backend.epsilon()`, the floor of the norm when normalising. */
const EPSILON = 1e-7;

export interface DotArgs extends LayerArgs {
  /** The axis (or one axis per input) along which to take the dot product; never 0 (the batch axis). */
  axes?: number | [number, number];
  /** Whether to L2-normalise samples along the dot axes first. Default false. */
  normalize?: boolean;
}

export class Dot extends Layer {
  static override className = 'Dot';
  static override readonly signature = layerSignature<DotArgs>()({ axes: REQUIRED, normalize: false });
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  /** `new Dot(1)`, `new Dot([1, 2], true)`, `new Dot([1, 2], { normalize: true })`, or `new Dot({ axes: 1 })`. */
  constructor(...args: KerasArgs<[axes: number | [number, number], normalize: boolean], DotArgs>) {
    const a = Dot.signature.resolve(args, new.target);
    super(a);
    const axes: unknown = a.axes;
    if (!Number.isInteger(axes)) {
      if (!Array.isArray(axes)) throw new TypeError(`Invalid type for argument \`axes\`: it should be a list or an int. Received: axes=${pythonStr(axes)}${ofType(axes)}`);
      if (axes.length !== 2) throw new ValueError(`Invalid format for argument \`axes\`: it should contain two elements. Received: axes=${pythonRepr(axes)}`);
      if (!axes.every((x) => Number.isInteger(x))) {
        throw new ValueError(`Invalid format for argument \`axes\`: list elements should be integers. Received: axes=${pythonRepr(axes)}`);
      }
    }
    this.axes = Array.isArray(axes) ? [axes[0] as number, axes[1] as number] : (axes as number);
    this.normalize = a.normalize;
    this.supportsMasking = true;
  }

  /** The two axes for inputs of shapes `shape1` and `shape2`, negative ones resolved. */
  private resolveAxes(shape1: readonly (number | null)[], shape2: readonly (number | null)[]): [number, number] {
    const [a, b] = Array.isArray(this.axes) ? this.axes : [this.axes, this.axes];
    return [canonicalAxis(a, shape1, this.axes), canonicalAxis(b, shape2, this.axes)];
  }

  override build(inputShape: ShapeOrShapes): void {
    if (!isShapeList(inputShape) || inputShape.length !== 2) {
      throw new ValueError(`A \`Dot\` layer should be called on a list of 2 inputs. Received: input_shape=${describeInput(inputShape)}`);
    }
    const [shape1, shape2] = inputShape as [SymbolicShape, SymbolicShape];
    const [a, b] = Array.isArray(this.axes) ? this.axes : this.resolveAxes(shape1, shape2);
    const d1 = shape1.at(a), d2 = shape2.at(b);
    if (d1 !== d2) {
      const show = (d: number | null | undefined) => (d === null ? 'None' : String(d));
      throw new ValueError(`Incompatible input shapes: axis values ${show(d1)} (at axis ${a}) != ${show(d2)} (at axis ${b}). Full input shapes: ${formatShape(shape1)}, ${formatShape(shape2)}`);
    }
  }

  call(inputs: LayerInputs, _args: CallArgs): Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) {
      throw new ValueError(`A \`Dot\` layer should be called on exactly 2 inputs. Received: inputs=${describeInput(Array.isArray(inputs) ? inputs.map((x) => x.shape) : inputs)}`);
    }
    let [x1, x2] = inputs as [Tensor, Tensor];
    const axes = this.resolveAxes(x1.shape, x2.shape);
    if (this.normalize) {
      x1 = l2Normalize(x1, axes[0]);
      x2 = l2Normalize(x2, axes[1]);
    }
    return batchDot(x1, x2, axes);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): SymbolicShape {
    if (!isShapeList(inputShape) || inputShape.length !== 2) {
      throw new ValueError(`A \`Dot\` layer should be called on a list of 2 inputs. Received: input_shape=${describeInput(inputShape)}`);
    }
    const shape1 = [...inputShape[0]!], shape2 = [...inputShape[1]!];
    const [a, b] = this.resolveAxes(shape1, shape2);
    shape1.splice(a, 1);
    shape2.splice(b, 1);
    shape2.splice(0, 1);
    const output = [...shape1, ...shape2];
    return output.length === 1 ? [...output, 1] : output;
  }

  /** Dot products carry no mask. */
  override computeMask(_inputs: LayerInputs, _mask: Tensor | null): null {
    return null;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axes: this.axes, normalize: this.normalize };
  }
}

/** `x * rsqrt(max(sum(x²), ε²))` along `axis`, as `keras.ops.normalize(x, axis, order=2)`. */
function l2Normalize(x: Tensor, axis: number): Tensor {
  const squareSum = ops.sum(ops.square(x), axis, true);
  return ops.divide(x, ops.sqrt(ops.maximum(squareSum, EPSILON * EPSILON)));
}

/**
 * Keras's `batch_dot`: the inputs are arranged as `(batch, m, k)` and `(batch, k, n)` (axes
 * moved, extra axes folded), multiplied with one batched matmul, then unfolded.
 */
export function batchDot(x: Tensor, y: Tensor, axes: [number, number]): Tensor {
  const [xShape, yShape] = [x.shape, y.shape];
  if (xShape.length < 2 || yShape.length < 2) {
    throw new ValueError(`Cannot do batch_dot on inputs with rank < 2. Received inputs with shapes ${formatShape(xShape)} and ${formatShape(yShape)}.`);
  }
  if (xShape[0] !== yShape[0]) {
    throw new ValueError(`Cannot do batch_dot on inputs with different batch sizes. Received inputs with shapes ${formatShape(xShape)} and ${formatShape(yShape)}.`);
  }
  let [a0, a1] = axes;
  if (a0 === 0 || a1 === 0) {
    throw new ValueError('Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy batch dimension to your inputs using keras.ops.expand_dims(x, 0)');
  }
  if (xShape[a0] !== yShape[a1]) {
    throw new ValueError(
      `Cannot do batch_dot on inputs with shapes ${formatShape(xShape)} and ${formatShape(yShape)} with axes=[${a0}, ${a1}]. x.shape[${a0}] != y.shape[${a1}] (${xShape[a0]} != ${yShape[a1]}).`,
    );
  }
  const [origXRank, origYRank] = [xShape.length, yShape.length];
  if (origXRank === 2) {
    x = ops.reshape(x, [xShape[0]!, 1, xShape[1]!]);
    a0 += 1;
  }
  if (origYRank === 2) y = ops.reshape(y, [yShape[0]!, yShape[1]!, 1]);
  const [xRank, yRank] = [x.shape.length, y.shape.length];
  if (a0 !== xRank - 1) {
    // Move x's dot axis last, keeping the others in order.
    const pattern = Array.from({ length: xRank }, (_, i) => i).filter((i) => i !== a0);
    x = ops.transpose(x, [...pattern, a0]);
  }
  if (a1 !== 1) {
    // Move y's dot axis to position 1, keeping the others in order.
    const rest = Array.from({ length: yRank }, (_, i) => i).filter((i) => i !== 0 && i !== a1);
    y = ops.transpose(y, [0, a1, ...rest]);
  }
  const xMid = x.shape.slice(1, -1);
  const yTrail = y.shape.slice(2);
  if (xRank > 3) x = ops.reshape(x, [x.shape[0]!, -1, x.shape[xRank - 1]!]);
  if (yRank > 3) y = ops.reshape(y, [y.shape[0]!, y.shape[1]!, -1]);
  let result = ops.matmul(x, y);
  let outShape = result.shape;
  if (xRank > 3) outShape = [outShape[0]!, ...xMid, outShape[outShape.length - 1]!];
  if (yRank > 3) outShape = [...outShape.slice(0, -1), ...yTrail];
  if (origXRank === 2) outShape = outShape.filter((_, i) => i !== 1);
  else if (origYRank === 2) outShape = outShape.slice(0, -1);
  if (outShape.length !== result.shape.length || outShape.some((d, i) => d !== result.shape[i])) result = ops.reshape(result, outShape);
  return result;
}

/** `keras.layers.dot`'s signature: `axes` (default -1) after the inputs, then Dot's keywords (`normalize` among them). */
const dotFunctionSignature = new Signature<DotArgs>({ axes: -1 }, { ...Dot.signature.keywords, normalize: false });

/**
 * Functional form of `Dot`, as `keras.layers.dot(inputs, axes=-1, **kwargs)`:
 * `dot([a, b])`, `dot([a, b], 1)` or `dot([a, b], [1, 2], { normalize: true })`.
 */
export function dot(inputs: KerasTensor[], ...args: KerasArgs<[axes: number | [number, number]], DotArgs>): KerasTensor;
export function dot(inputs: Tensor[], ...args: KerasArgs<[axes: number | [number, number]], DotArgs>): Tensor;
export function dot(inputs: Tensor[] | KerasTensor[], ...args: KerasArgs<[axes: number | [number, number]], DotArgs>): Tensor | KerasTensor {
  return new Dot(dotFunctionSignature.resolve(args, { name: 'dot' })).apply(inputs as Tensor[]) as Tensor | KerasTensor;
}

registerBuiltIn(Dot);
