/**
 * The text half of `TextVectorization`: standardize, split, then ngrams, producing exactly the
 * tokens Keras gets from TensorFlow's string ops.
 *
 * TensorFlow works on UTF-8 bytes, and Keras calls its ops without an encoding, so:
 * - `tf.strings.lower` lowercases ASCII letters only (`'ÉCOLE'` → `'École'`);
 * - stripping punctuation removes the 32 ASCII punctuation characters only (`'¿qué?'` → `'¿qué'`),
 *   replacing them by nothing;
 * - `tf.strings.split` splits on ASCII whitespace only (a no-break space joins two words);
 * - `tf.strings.unicode_split` yields code points, as JavaScript's string iterator does.
 * - `tf.strings.ngrams` gives each row's ngrams width by width (all 1-grams, then all 2-grams, …),
 *   joined by a space; a row shorter than a width has no ngram of that width.
 */
import { ValueError } from '../../utils/errors.js';

/** A custom standardization: the batch's strings in, as many standardized strings out. */
export type StandardizeFunction = (texts: string[]) => string[];
/** A custom split: one string per batch row in, that row's tokens out. */
export type SplitFunction = (texts: string[]) => string[][];

export type Standardize = 'lower_and_strip_punctuation' | 'lower' | 'strip_punctuation' | StandardizeFunction | null;
export type Split = 'whitespace' | 'character' | SplitFunction | null;

const STANDARDIZE_NAMES = ['lower_and_strip_punctuation', 'lower', 'strip_punctuation'] as const;
const SPLIT_NAMES = ['whitespace', 'character'] as const;

const ASCII_UPPER = /[A-Z]+/g;
const NON_ASCII = /[^\0-\x7f]/;
/** Keras's `[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']`: every ASCII punctuation character. */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]+/g;
/** The bytes C's `isspace` accepts, which is what `tf.strings.split` splits on. */
const ASCII_WHITESPACE = /[\t\n\v\f\r ]+/;

/** Checks `standardize` as Keras's `validate_string_arg` does. */
export function checkStandardize(standardize: unknown): Standardize {
  return checkChoice(standardize, STANDARDIZE_NAMES, 'standardize') as Standardize;
}

/** Checks `split` as Keras's `validate_string_arg` does. */
export function checkSplit(split: unknown): Split {
  return checkChoice(split, SPLIT_NAMES, 'split') as Split;
}

function checkChoice(value: unknown, names: readonly string[], argName: string): unknown {
  if (value === null || typeof value === 'function' || (typeof value === 'string' && names.includes(value))) return value;
  throw new ValueError(
    `Unknown value for \`${argName}\` argument of TextVectorization. Allowed values are: (${names.map((n) => `'${n}'`).join(', ')}). Received: ${argName}=${String(value)}`,
  );
}

/** The widths of `ngrams`: `n` means 1 to `n`, an array is taken as is, null means none. */
export function ngramWidths(ngrams: number | number[] | null): number[] | null {
  if (ngrams === null) return null;
  const valid = Number.isInteger(ngrams) || (Array.isArray(ngrams) && ngrams.every((n) => Number.isInteger(n)));
  if (!valid) throw new ValueError(`\`ngrams\` must be None, an integer, or a tuple of integers. Received: ngrams=${JSON.stringify(ngrams)}`);
  return typeof ngrams === 'number' ? Array.from({ length: ngrams }, (_, i) => i + 1) : [...ngrams];
}

/** The strings after `standardize`. */
export function standardizeTexts(texts: readonly string[], standardize: Standardize): readonly string[] {
  if (standardize === null) return texts;
  if (typeof standardize === 'function') return checkedStandardized(standardize([...texts]), texts.length);
  const lower = standardize !== 'strip_punctuation';
  const strip = standardize !== 'lower';
  return texts.map((text) => {
    const lowered = lower ? asciiLower(text) : text;
    return strip ? lowered.replace(ASCII_PUNCTUATION, '') : lowered;
  });
}

/** ASCII letters lowercased, others kept: JavaScript's own `toLowerCase` when the text is all ASCII (the common, fast case). */
function asciiLower(text: string): string {
  return NON_ASCII.test(text) ? text.replace(ASCII_UPPER, (letters) => letters.toLowerCase()) : text.toLowerCase();
}

function checkedStandardized(out: unknown, count: number): string[] {
  if (!Array.isArray(out) || out.length !== count || !out.every((s) => typeof s === 'string')) {
    throw new ValueError(`TextVectorization: a custom \`standardize\` function must return an array of ${count} strings, one per input string.`);
  }
  return out;
}

/** Each string's tokens after `split` (non-null). */
export function splitTexts(texts: readonly string[], split: Exclude<Split, null>): string[][] {
  if (split === 'whitespace') return texts.map((text) => text.split(ASCII_WHITESPACE).filter((token) => token.length > 0));
  if (split === 'character') return texts.map((text) => Array.from(text));
  const out: unknown = split([...texts]);
  if (!Array.isArray(out) || out.length !== texts.length || !out.every((row) => Array.isArray(row) && row.every((s) => typeof s === 'string'))) {
    throw new ValueError(`TextVectorization: a custom \`split\` function must return one array of string tokens per input string (${texts.length}).`);
  }
  return out as string[][];
}

/** A row's ngrams of each width in turn, joined by a space. */
export function ngramsOf(tokens: string[], widths: number[]): string[] {
  const out: string[] = [];
  for (const width of widths) {
    for (let start = 0; start + width <= tokens.length; start++) out.push(tokens.slice(start, start + width).join(' '));
  }
  return out;
}

/** How `TextVectorization` turns strings into tokens. */
export interface TextPipeline {
  standardize: Standardize;
  split: Split;
  /** The ngram widths (see `ngramWidths`), or null for the tokens as split. */
  ngrams: number[] | null;
}

/**
 * The token rows of a batch of `batchSize` rows of strings, `texts` holding them row-major (one
 * string per row when `split` is set: each row is one text to split).
 */
export function tokenize(texts: readonly string[], batchSize: number, pipeline: TextPipeline): string[][] {
  const standardized = standardizeTexts(texts, pipeline.standardize);
  const rowLength = batchSize === 0 ? 0 : standardized.length / batchSize;
  const rows = pipeline.split === null
    ? Array.from({ length: batchSize }, (_, i) => standardized.slice(i * rowLength, (i + 1) * rowLength))
    : splitTexts(standardized, pipeline.split);
  const widths = pipeline.ngrams;
  return widths === null ? rows : rows.map((row) => ngramsOf(row, widths));
}
