/** The optimizer's learning rate as the learning-rate callbacks read and set it. */
import { ValueError } from '../../utils/errors.js';
import type { CallbackModel } from './callback.js';

/** The model's optimizer (it must be compiled). */
export function optimizerOf(model: CallbackModel | null, callback: string): { learningRate: number } {
  const optimizer = model?.optimizer;
  if (!optimizer || !('learningRate' in optimizer)) throw new ValueError(`${callback}: the model has no optimizer with a \`learning_rate\`: compile() it first.`);
  return optimizer;
}

/** The learning rate as Keras reads it: the value of its float32 variable. */
export function currentLearningRate(optimizer: { learningRate: number }): number {
  return Math.fround(optimizer.learningRate);
}
