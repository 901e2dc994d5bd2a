/**
 * The training check of `runLayerTest`: one step of SGD on the MSE, in a Functional model around
 * the layer, moves every trainable weight and no non-trainable one but those the layer updates
 * by design (BatchNormalization's moving statistics, SpectralNormalization's `vector_u`).
 */
import { type KerasTensor, type Layer, Model, type Shape, type Tensor, dispose } from '../../ts/index.js';
import type { Variable } from '../../ts/engine/variable.js';
import { eagerInput } from './layer_test_inputs.js';

/**
 * Trains `layer`, called on `symbolicInputs`, one step on `inputs` towards seeded targets;
 * `updatedByDesign` names the non-trainable weights that must move. Throws what went wrong.
 */
export function checkTrainingStep(layer: Layer, symbolicInputs: KerasTensor | KerasTensor[], inputs: Tensor | Tensor[], updatedByDesign: string[]): void {
  const model = new Model(symbolicInputs, layer.apply(symbolicInputs) as KerasTensor);
  const target = eagerInput(layer.computeOutputShape(Array.isArray(inputs) ? inputs.map((x) => x.shape) : inputs.shape) as Shape, 'float32', 99);
  try {
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = new Map(layer.weights.map((w) => [w, w.value.dataSync()]));
    model.trainOnBatch(inputs, target);
    const moved = layer.weights.filter((w) => !sameValues(before.get(w)!, w.value.dataSync()));
    const stuck = layer.trainableWeights.filter((w) => !moved.includes(w));
    if (stuck.length > 0) throw new Error(`a training step left the trainable weight(s) ${paths(stuck)} unchanged (no gradient reaches them?)`);
    const nonTrainable = layer.nonTrainableWeights;
    const unexpected = nonTrainable.filter((w) => moved.includes(w) && !updatedByDesign.includes(w.name));
    if (unexpected.length > 0) throw new Error(`a training step changed the non-trainable weight(s) ${paths(unexpected)}`);
    const missed = updatedByDesign.filter((name) => !nonTrainable.some((w) => w.name === name && moved.includes(w)));
    if (missed.length > 0) throw new Error(`a training step did not update the non-trainable weight(s) ${missed.join(', ')}, which the layer updates by design`);
  } finally {
    model.dispose();
    dispose(target);
  }
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);
}

function paths(weights: Variable[]): string {
  return weights.map((w) => w.path).join(', ');
}
