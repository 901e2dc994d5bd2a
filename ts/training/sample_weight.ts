/**
 * `sampleWeight` and `classWeight` of `fit` / `evaluate` / `trainOnBatch` / `testOnBatch`, as
 * Keras 3's array data adapter resolves them: one weight array per model output (a single array is
 * shared by every output of a multi-output model), or per-sample weights looked up from the labels
 * in a `{ classIndex: weight }` dict.
 */
import * as ops from '../ops/index.js';
import { tensor } from '../tensor/create.js';
import { keep, tidy } from '../tensor/scope.js';
import { Tensor, formatShape } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pythonRepr } from '../utils/python_repr.js';
import { type AdaptedData, adapt } from './adapt.js';
import { type ArrayData, type InputData, type ModelStructure, flattenTargets } from './structure.js';

/** `classWeight`: the weight of each class index; classes it does not list weigh 1, as in Keras. */
export type ClassWeight = { [classIndex: number]: number };

/** One weight tensor per model output (null: that output is unweighted). */
export type OutputWeights = (Tensor | null)[];

/**
 * The sample weights of `y` (one tensor per output) from the user's `sampleWeight` or
 * `classWeight`, or null when neither is given. Converted tensors go onto `owned`.
 */
export function adaptSampleWeights(
  sampleWeight: InputData | undefined | null,
  classWeight: ClassWeight | undefined | null,
  y: readonly Tensor[],
  model: ModelStructure,
  owned: AdaptedData[],
): OutputWeights | null {
  const hasSampleWeight = sampleWeight !== undefined && sampleWeight !== null;
  const hasClassWeight = classWeight !== undefined && classWeight !== null;
  if (hasSampleWeight && hasClassWeight) throw new ValueError('You cannot `class_weight` and `sample_weight` at the same time.');
  if (hasClassWeight) {
    if (y.length > 1) throw new ValueError('`class_weight` is only supported for Models with a single output.');
    const weights = { tensor: classWeightsToSampleWeights(y[0]!, classWeight, model.outputShapes?.[0] ?? null), owned: true };
    owned.push(weights);
    return [weights.tensor];
  }
  if (!hasSampleWeight) return null;
  return y.length > 1 ? perOutputWeights(sampleWeight, y.length, model, owned) : [adaptOne(sampleWeight as ArrayData, 'sample_weight', owned)];
}

/**
 * Keras's `class_weight_to_sample_weights`: the label of each sample (one-hot or probability rows
 * become their argmax, a trailing axis of 1 is dropped, values are rounded) looks up its weight.
 * `outputShape`, the model output's shape when known, gives the number of classes of sparse labels.
 */
export function classWeightsToSampleWeights(y: Tensor, classWeight: ClassWeight, outputShape: readonly (number | null)[] | null = null): Tensor {
  const lookup = checkClassWeight(classWeight);
  checkClassesExist(lookup, numClasses(y, outputShape));
  if (y.rank > 2) throw new ValueError(`\`class_weight\` needs one label per sample: y of shape (num_samples,), (num_samples, 1) or one-hot (num_samples, num_classes). Received: y.shape=${formatShape(y.shape)}`);
  const labels = tidy(() => {
    let l = y;
    if (y.rank > 1) l = y.shape[y.rank - 1] !== 1 ? ops.argmax(y, -1) : ops.reshape(y, y.shape.slice(0, -1));
    return Array.from(l.dataSync());
  });
  const weights = new Float32Array(labels.length);
  for (let i = 0; i < weights.length; i++) weights[i] = lookup.get(Math.round(labels[i]!)) ?? 1;
  return keep(tensor(weights, [weights.length]));
}

/** The class weights as a map from integer class index to weight, with a clear error for anything else. */
function checkClassWeight(classWeight: ClassWeight): Map<number, number> {
  if (typeof classWeight !== 'object' || Array.isArray(classWeight) || classWeight instanceof Tensor) {
    throw new ValueError(`\`class_weight\` must be a dict-like mapping of class indices to weights. Received: class_weight=${String(classWeight)} of type ${typeof classWeight}.`);
  }
  const lookup = new Map<number, number>();
  for (const [key, weight] of Object.entries(classWeight)) {
    const index = Number(key);
    if (key.trim() === '' || !Number.isInteger(index)) {
      throw new ValueError(`\`class_weight\` must be a dictionary with integer keys representing class indices. Received an invalid key: '${key}'.`);
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new ValueError(`\`class_weight\` values must be finite numbers. Received: class_weight[${key}]=${JSON.stringify(weight) ?? String(weight)} (of type ${typeof weight}).`);
    }
    lookup.set(index, weight);
  }
  return lookup;
}

/**
 * The number of classes: the width of one-hot labels, else the model output's last dimension (an
 * output of one unit is a binary classifier: 2 classes); null when neither is known.
 */
function numClasses(y: Tensor, outputShape: readonly (number | null)[] | null): number | null {
  const width = y.rank >= 2 ? y.shape[y.rank - 1]! : 1;
  if (width > 1) return width;
  const units = outputShape?.[outputShape.length - 1] ?? null;
  return units === null ? null : Math.max(units, 2);
}

/**
 * Keras 3.15.1 ignores a weight whose class no label can have; tf.keras 2 refuses it, with the
 * message below: a weight for class 7 of a 4-class model is a mistake (a shifted or 1-based dict).
 */
function checkClassesExist(lookup: Map<number, number>, classes: number | null): void {
  const missing = [...lookup.keys()].find((c) => c < 0 || (classes !== null && c >= classes));
  if (missing === undefined) return;
  const dict = `{${[...lookup].map(([c, w]) => `${c}: ${pythonRepr(w)}`).join(', ')}}`;
  const range = classes === null ? 'class indices are never negative' : `the labels have ${classes} classes, 0 to ${classes - 1}`;
  throw new ValueError(`Expected \`class_weight\` to be a dict with keys from 0 to one less than the number of classes, found ${dict}: ${range}, so class ${missing} does not exist.`);
}

/** A multi-output model's weights: one array per output (list or dict), or one sample-wise array shared by all. */
function perOutputWeights(sampleWeight: InputData, numOutputs: number, model: ModelStructure, owned: AdaptedData[]): OutputWeights {
  if (isStructure(sampleWeight, numOutputs)) {
    let list: ArrayData[] = [];
    try {
      list = flattenTargets(sampleWeight, model);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
    }
    if (list.length !== numOutputs) {
      throw new ValueError(
        `You should provide one \`sample_weight\` array per output in \`y\`. The two structures did not match:\n- y: ${describeOutputs(model, numOutputs)}\n- sample_weight: ${describe(sampleWeight)}\n`,
      );
    }
    return list.map((w, i) => adaptOne(w, `sample_weight[${i}]`, owned));
  }
  const shared = adaptOne(sampleWeight as ArrayData, 'sample_weight', owned);
  if (!(shared.rank === 1 || (shared.rank === 2 && shared.shape[1] === 1))) {
    throw new ValueError(
      `For a model with multiple outputs, when providing a single \`sample_weight\` array, it should only have one scalar score per sample (i.e. shape \`(num_samples,)\`). If you want to use non-scalar sample weights, pass a \`sample_weight\` argument with one array per model output.`,
    );
  }
  return Array.from({ length: numOutputs }, () => shared);
}

/** One weight array as a float32 tensor, checked (numbers only, no NaN, a batch axis). */
function adaptOne(data: ArrayData, what: string, owned: AdaptedData[]): Tensor {
  const adapted = adapt(data, what, true);
  owned.push(adapted);
  if (adapted.tensor.rank === 0) throw new ValueError(`${what} must have a batch dimension (one weight per sample), received a scalar`);
  if (adapted.tensor.dtype === 'float32') return adapted.tensor;
  const cast = { tensor: keep(ops.cast(adapted.tensor, 'float32')), owned: true };
  owned.push(cast);
  return cast.tensor;
}

/** A dict, or a list holding one array per output (as opposed to one array of nested numbers). */
function isStructure(data: InputData, numOutputs: number): boolean {
  if (data instanceof Tensor || ArrayBuffer.isView(data)) return false;
  if (!Array.isArray(data)) return typeof data === 'object' && data !== null;
  return data.every((d) => d instanceof Tensor) || (data.length === numOutputs && data.every((d) => typeof d === 'object' && d !== null));
}

function describeOutputs(model: ModelStructure, numOutputs: number): string {
  const names = model.outputNames;
  return names ? `[${names.map((n) => `'${n}'`).join(', ')}]` : `[${Array(numOutputs).fill("'*'").join(', ')}]`;
}

function describe(data: InputData): string {
  if (Array.isArray(data)) return `[${data.map(() => "'*'").join(', ')}]`;
  return `{${Object.keys(data).map((k) => `'${k}': '*'`).join(', ')}}`;
}
