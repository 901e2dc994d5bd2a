/**
 * Keras's checks of a lookup layer's arguments (IndexLookup's `__init__`), with Keras's messages,
 * and the forms Keras keeps them in: `'binary'` and `'tf-idf'` output modes renamed, a salt as
 * two integers.
 */
import type { Token } from './token_counts.js';
import type { IndexLookup, IndexLookupArgs } from './index_lookup.js';
import { ValueError } from '../../utils/errors.js';
import { pythonRepr, pythonStr } from '../../utils/python_repr.js';

/** The output modes (Keras also takes `'binary'` for `multi_hot` and `'tf-idf'` for `tf_idf`). */
export type LookupOutputMode = 'int' | 'one_hot' | 'multi_hot' | 'count' | 'tf_idf';
const OUTPUT_MODES: readonly LookupOutputMode[] = ['int', 'one_hot', 'multi_hot', 'count', 'tf_idf'];

/** Keras's checks of the numeric arguments. */
export function checkArguments(a: IndexLookupArgs<Token>, className: string): void {
  if (a.maxTokens != null && a.maxTokens <= 1) throw new ValueError(`If set, \`max_tokens\` must be greater than 1. Received: max_tokens=${a.maxTokens}`);
  if (a.padToMaxTokens && a.maxTokens == null) throw new ValueError(`If pad_to_max_tokens is True, must set \`max_tokens\`. Received: max_tokens=${pythonStr(a.maxTokens)}`);
  if (!Number.isInteger(a.numOovIndices) || a.numOovIndices! < 0) {
    throw new ValueError(`\`num_oov_indices\` must be greater than or equal to 0. Received: num_oov_indices=${pythonStr(a.numOovIndices)}`);
  }
  if (a.oovMethod !== 'floormod' && a.oovMethod !== 'farmhash') {
    throw new ValueError(`Unknown value for \`oov_method\` argument of ${className}. Allowed values are: ('floormod', 'farmhash'). Received: oov_method=${pythonStr(a.oovMethod)}`);
  }
}

export function standardOutputMode(mode: IndexLookupArgs<Token>['outputMode'], className: string): LookupOutputMode {
  const standard = mode === 'binary' ? 'multi_hot' : mode === 'tf-idf' ? 'tf_idf' : mode;
  if (!OUTPUT_MODES.includes(standard as LookupOutputMode)) {
    throw new ValueError(`Unknown value for \`output_mode\` argument of ${className}. Allowed values are: ${pythonRepr(OUTPUT_MODES, 'tuple')}. Received: output_mode=${pythonStr(mode)}`);
  }
  return standard as LookupOutputMode;
}

/** Keras's checks of the options that go together, and kerasm's refusals of what it cannot do. */
export function checkModes(layer: IndexLookup<Token>): void {
  if (layer.invert && layer.outputMode !== 'int') throw new ValueError(`\`output_mode\` must be \`'int'\` when \`invert\` is true. Received: output_mode=${layer.outputMode}`);
  if (layer.sparse && layer.outputMode === 'int') {
    throw new ValueError(`\`sparse\` may only be true if \`output_mode\` is \`'one_hot'\`, \`'multi_hot'\`, \`'count'\` or \`'tf_idf'\`. Received: sparse=True and output_mode=${layer.outputMode}`);
  }
  if (layer.sparse) throw new ValueError(`\`sparse=True\` is not supported: kerasm has no sparse tensors (layer '${layer.name}').`);
}

/** Keras's checks of the `salt`, which it keeps as two integers. */
export function standardSalt(salt: number | [number, number] | null, vocabularyDtype: 'string' | 'int64', oovMethod: string): [number, number] | null {
  if (salt === null) return null;
  if (vocabularyDtype === 'int64' && oovMethod !== 'farmhash') throw new ValueError(`\`salt\` can only be used when \`oov_method='farmhash'\`. Received: oov_method=${oovMethod}`);
  if (Array.isArray(salt) && salt.length === 2 && salt.every(Number.isInteger)) return [salt[0], salt[1]];
  if (Number.isInteger(salt)) return [salt as number, salt as number];
  throw new ValueError(`The \`salt\` argument for \`IndexLookup\` can only be a tuple of 2 integers, or a single integer. Received: salt=${pythonStr(salt)}.`);
}
