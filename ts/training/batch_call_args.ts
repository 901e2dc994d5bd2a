/**
 * The options of `fit(data, options)`, `evaluate(data, options)` and `predict(data, options)`
 * when `data` is batch data, told apart from targets passed by mistake (Keras refuses `y` then).
 */
import { ValueError } from '../utils/errors.js';
import { type BatchData, describeBatchData } from './batch_source.js';

/** The option names of each call, to tell an options object from a dict of targets. */
const OPTION_NAMES = {
  fit: ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'sampleWeight', 'classWeight', 'validationData', 'validationBatchSize', 'verbose', 'callbacks', 'initialEpoch', 'stepsPerEpoch', 'validationSteps'],
  evaluate: ['sampleWeight', 'batchSize', 'verbose', 'callbacks', 'returnDict', 'steps'],
  predict: ['batchSize', 'verbose', 'steps'],
} as const;

/**
 * The options of a call on batch data: its second argument when that is an options object (or
 * its third, when the second is undefined). Anything else in second place is targets, which
 * batch data carries itself: Keras's error.
 */
export function batchCallArgs<A extends object>(call: keyof typeof OPTION_NAMES, data: BatchData, second: unknown, third: A | undefined): A {
  if (second === undefined || second === null) return third ?? ({} as A);
  const names: readonly string[] = OPTION_NAMES[call];
  const isOptions = Object.getPrototypeOf(second) === Object.prototype && Object.keys(second).every((k) => names.includes(k));
  if (isOptions && third === undefined) return second as A;
  const kind = describeBatchData(data);
  throw new ValueError(`When providing \`x\` as a ${kind}, \`y\` should not be passed. Instead, the targets should be included as part of the ${kind}.`);
}
