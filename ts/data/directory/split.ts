/** Keras's validation split of a directory's files: its argument checks and the cut itself. */
import { ValueError } from '../../utils/errors.js';
import { pythonRepr } from '../../utils/python_repr.js';

export type Subset = 'training' | 'validation' | 'both';

/** Keras's `check_validation_split_arg`. */
export function checkValidationSplitArg(validationSplit: number | null, subset: Subset | null, shuffle: boolean, seed: number | null): void {
  if (validationSplit && !(validationSplit > 0 && validationSplit < 1)) {
    throw new ValueError(`\`validation_split\` must be between 0 and 1, received: ${pythonRepr(validationSplit)}`);
  }
  if ((validationSplit || subset) && !(validationSplit && subset)) {
    throw new ValueError('If `subset` is set, `validation_split` must be set, and inversely.');
  }
  if (![null, 'training', 'validation', 'both'].includes(subset)) {
    throw new ValueError(`\`subset\` must be either "training", "validation" or "both", received: ${String(subset)}`);
  }
  if (validationSplit && shuffle && seed === null) {
    throw new ValueError(
      'If using `validation_split` and shuffling the data, you must provide a `seed` argument, '
      + 'to make sure that there is no overlap between the training and validation subset.',
    );
  }
}

/**
 * Keras's `get_training_or_validation_split`: the last `int(validationSplit * n)` files are the
 * validation split, the others the training split; Keras prints how many each split uses.
 */
export function trainingOrValidationSplit<L>(
  files: string[], labels: L[] | null, validationSplit: number | null, subset: 'training' | 'validation' | null,
): { files: string[]; labels: L[] | null } {
  if (!validationSplit) return { files, labels };
  const validationCount = Math.trunc(validationSplit * files.length);
  // Python's `samples[:-0]` is empty and `samples[-0:]` is everything: JavaScript's slice agrees.
  if (subset === 'training') {
    console.log(`Using ${files.length - validationCount} files for training.`);
    return { files: files.slice(0, -validationCount), labels: labels && labels.slice(0, -validationCount) };
  }
  if (subset === 'validation') {
    console.log(`Using ${validationCount} files for validation.`);
    return { files: files.slice(-validationCount), labels: labels && labels.slice(-validationCount) };
  }
  throw new ValueError(`\`subset\` must be either "training" or "validation", received: ${String(subset)}`);
}
