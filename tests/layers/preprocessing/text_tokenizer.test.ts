import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Split, type Standardize, checkSplit, checkStandardize, ngramWidths, tokenize,
} from '../../../ts/layers/preprocessing/text_tokenizer.js';

interface TokensFixture {
  texts: string[];
  cases: { options: { standardize?: Standardize; split?: Split; ngrams?: number | number[] }; tokens: string[][] }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/text/tokens.json', import.meta.url), 'utf8')) as TokensFixture;

describe('TextVectorization tokens', () => {
  it.each(fixture.cases.map((c) => [JSON.stringify(c.options), c] as const))('are Keras\'s (TensorFlow\'s) with %s', (_, c) => {
    const pipeline = {
      standardize: c.options.standardize === undefined ? 'lower_and_strip_punctuation' : c.options.standardize,
      split: c.options.split === undefined ? 'whitespace' : c.options.split,
      ngrams: ngramWidths(c.options.ngrams ?? null),
    } as const;
    expect(tokenize(fixture.texts, fixture.texts.length, pipeline)).toEqual(c.tokens);
  });

  it('keeps the strings of each row as its tokens without a split, and runs custom functions on the whole batch', () => {
    const batches: string[][] = [];
    const upper = (texts: string[]): string[] => {
      batches.push(texts);
      return texts.map((t) => t.toUpperCase());
    };
    const rows = tokenize(['ab', 'c', 'd e', 'f'], 2, { standardize: upper, split: null, ngrams: [2] });
    expect(rows).toEqual([['AB C'], ['D E F']]);
    expect(batches).toEqual([['ab', 'c', 'd e', 'f']]);
    const onCommas = (texts: string[]): string[][] => texts.map((t) => t.split(','));
    expect(tokenize(['a,b', 'c'], 2, { standardize: null, split: onCommas, ngrams: null })).toEqual([['a', 'b'], ['c']]);
  });

  it('refuses unknown options and custom functions of the wrong form as Keras words it', () => {
    expect(() => checkStandardize('upper')).toThrow(
      "Unknown value for `standardize` argument of TextVectorization. Allowed values are: ('lower_and_strip_punctuation', 'lower', 'strip_punctuation'). Received: standardize=upper",
    );
    expect(() => checkSplit('comma')).toThrow("Allowed values are: ('whitespace', 'character'). Received: split=comma");
    expect(() => ngramWidths(1.5)).toThrow('`ngrams` must be None, an integer, or a tuple of integers. Received: ngrams=1.5');
    expect(ngramWidths(3)).toEqual([1, 2, 3]);
    expect(() => tokenize(['a'], 1, { standardize: () => [], split: null, ngrams: null })).toThrow('must return an array of 1 strings');
    expect(() => tokenize(['a'], 1, { standardize: null, split: () => [['a'], ['b']], ngrams: null })).toThrow('one array of string tokens per input string (1)');
  });
});
