/**
 * The structure of a model's data: how `x` and `y` given as one array, a list or a dict keyed by
 * name map onto the model's inputs and outputs, with Keras's errors when they do not.
 */
import { Tensor } from '../tensor/tensor.js';
import type { TensorLike } from '../tensor/create.js';
import { ValueError } from '../utils/errors.js';
import type { TrainableModel } from './trainable.js';

/** One array of data: a Tensor, nested arrays of numbers, or a typed array. */
export type ArrayData = Tensor | TensorLike;

/**
 * Data as `fit` / `evaluate` / `predict` accept it: one array (single input or output), a list
 * (in `model.inputs` / `model.outputs` order) or a dict keyed by input / output names.
 */
export type InputData = ArrayData | ArrayData[] | { [name: string]: ArrayData };

/** The names of a model's inputs and outputs and the outputs' shapes; null when the model has none (subclassed models). */
export interface ModelStructure {
  readonly name: string;
  readonly inputNames: readonly string[] | null;
  readonly outputNames: readonly string[] | null;
  readonly outputShapes: readonly (readonly (number | null)[])[] | null;
}

/** The input and output names and the output shapes of a Functional model, or null for models that have none. */
export function structureOf(model: TrainableModel): ModelStructure {
  return {
    name: model.name,
    inputNames: ifFunctional(() => model.inputNames),
    outputNames: ifFunctional(() => model.outputNames),
    outputShapes: ifFunctional(() => model.outputs?.map((o) => o.shape)),
  };
}

function ifFunctional<T>(read: () => T | undefined): T | null {
  try {
    return read() ?? null;
  } catch (e) {
    // Model's getters throw a ValueError when the model is not Functional: it has none.
    if (e instanceof ValueError) return null;
    throw e;
  }
}

/** One array per model input, in input order, from `x` as the user passed it. */
export function flattenInputs(x: InputData, model: ModelStructure): ArrayData[] {
  const names = model.inputNames;
  if (isDict(x)) {
    if (!names) throw new ValueError(`Model "${model.name}" has no input names: pass its inputs as a list, not a dict with keys ${pyList(Object.keys(x))}.`);
    return names.map((name) => {
      if (!Object.hasOwn(x, name)) {
        throw new ValueError(`Missing data for input "${name}". You passed a data dictionary with keys ${pyList(Object.keys(x))}. Expected the following keys: ${pyList(names)}`);
      }
      return x[name]!;
    });
  }
  const list = asList(x, names?.length ?? null);
  if (names && list.length !== names.length) {
    throw new ValueError(
      `Layer "${model.name}" expects ${names.length} named input(s) with keys ${pyList(names)}, but it received ${list.length} input tensors. Pass inputs as a dict, e.g. \`layer({${names.map((n) => `'${n}': ...`).join(', ')}})\`.`,
    );
  }
  return list;
}

/**
 * One array per model output, in output order, from `y` as the user passed it. The count is
 * checked against the outputs here when the model names them, otherwise at the first batch.
 */
export function flattenTargets(y: InputData, model: ModelStructure): ArrayData[] {
  const names = model.outputNames;
  if (isDict(y)) {
    const keys = Object.keys(y);
    if (!names || keys.length !== names.length || !names.every((n) => Object.hasOwn(y, n))) throw structureMismatch(y, names?.length ?? 1);
    return names.map((n) => y[n]!);
  }
  const list = asList(y, names?.length ?? null);
  if (names && list.length !== names.length) throw structureMismatch(y, names.length);
  return list;
}

/** Keras's error when the targets `y` do not match the model's outputs. */
function structureMismatch(y: InputData, numOutputs: number): ValueError {
  return structuresDiffer(describeStructure(y), listOfStars(numOutputs));
}

/** Keras's error when targets and predictions differ in structure, given as Python prints them (`'*'`, `['*', '*']`). */
export function structuresDiffer(yTrue: string, yPred: string): ValueError {
  return new ValueError(`y_true and y_pred have different structures.\ny_true: ${yTrue}\ny_pred: ${yPred}\n`);
}

/** The structure of `n` arrays as Keras prints it: `'*'` for one, `['*', '*']` for a list. */
export function listOfStars(n: number): string {
  return n === 1 ? "'*'" : pyList(Array(n).fill('*'));
}

/**
 * A list of arrays, or one array as a list of one. An array is a list of arrays when all its
 * elements are Tensors, or when the model takes several arrays and it holds one per array;
 * otherwise (nested numbers) it is one array.
 */
function asList(data: InputData, expected: number | null): ArrayData[] {
  if (!Array.isArray(data)) return [data as ArrayData];
  if (data.length > 0 && data.every((d) => d instanceof Tensor)) return data as Tensor[];
  if (expected !== null && expected > 1 && data.length === expected && data.every((d) => typeof d === 'object' && d !== null)) return data as ArrayData[];
  return [data as ArrayData];
}

function isDict(data: InputData): data is { [name: string]: ArrayData } {
  return typeof data === 'object' && data !== null && Object.getPrototypeOf(data) === Object.prototype;
}

function describeStructure(y: InputData): string {
  if (isDict(y)) return `{${Object.keys(y).map((k) => `'${k}': '*'`).join(', ')}}`;
  return listOfStars(asList(y, null).length);
}

/** A list of strings as Python prints it: `['a', 'b']`. */
export function pyList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s}'`).join(', ')}]`;
}
