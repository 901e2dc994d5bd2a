/**
 * Spam or not, straight from raw e-mail text: the model's first layer is a `TextVectorization`
 * adapted on the training e-mails (Keras's default standardization and split, the 10,000 most
 * frequent words, the first 200 words of each e-mail as ids), then an `Embedding` averaged over
 * the 200 positions and a logistic output. Saved as a `.keras` file,
 * the model carries its vocabulary with it, so after `loadModel` it answers
 * `model.predict(['some raw text'])` with nothing else to set up.
 *
 * Run with the other text models: `npm run demo:text`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Input, Model, type Tensor, layers, loadModel, optimizers, tensor } from '../ts/index.js';
import { loadSpamTexts } from './spam_corpus.js';

const VOCABULARY_SIZE = 10_000;
const SEQUENCE_LENGTH = 200;
const EMBEDDING_DIM = 16;

/** What `runRawText` reports. */
export interface RawTextResult {
  /** The reloaded model's accuracy on the held-out e-mails. */
  accuracy: number;
  /** The reloaded model's spam probability for each of `SAMPLES`. */
  samples: Record<string, number>;
}

/** Two raw texts to ask the reloaded model about. */
export const SAMPLES = [
  'Congratulations! You have been selected to receive a FREE prize. Click here now to claim your cash, limited time offer!!!',
  'Hi Tom, the patch for the build script is attached; can you review it before the meeting tomorrow? Thanks',
];

/** The model: raw strings in, word ids, their embeddings averaged (as Keras's basic text classification tutorial), the spam probability out. */
function rawTextModel(vectorize: layers.TextVectorization): Model {
  const text = Input({ shape: [], dtype: 'string', name: 'text' });
  // No maskZero: an e-mail without a word would average nothing (0 / 0), as in Keras.
  const embedded = new layers.Embedding(VOCABULARY_SIZE, EMBEDDING_DIM).apply(vectorize.apply(text));
  const pooled = new layers.GlobalAveragePooling1D().apply(embedded);
  const spam = new layers.Dense(1, { activation: 'sigmoid' }).apply(new layers.Dropout(0.2).apply(pooled));
  return new Model(text, spam, 'raw_text');
}

/** Adapts, trains, saves, reloads and asks the reloaded model; `trainSamples` and `epochs` shorten it in tests. */
export async function runRawText(options: { trainSamples?: number; epochs?: number; print?: boolean } = {}): Promise<RawTextResult> {
  const print = options.print ?? true;
  const { train, test } = loadSpamTexts();
  const texts = train.texts.slice(0, options.trainSamples ?? train.texts.length);
  const vectorize = new layers.TextVectorization({ maxTokens: VOCABULARY_SIZE, outputSequenceLength: SEQUENCE_LENGTH });
  vectorize.adapt(texts);
  const model = rawTextModel(vectorize);
  // A larger step than Adam's default: averaged embeddings start out nearly alike.
  model.compile({ optimizer: new optimizers.Adam({ learningRate: 0.01 }), loss: 'binary_crossentropy', metrics: ['accuracy'] });
  if (print) model.summary();
  const labels = tensor(train.labels.subarray(0, texts.length), [texts.length, 1]);
  const dir = mkdtempSync(join(tmpdir(), 'kerasm-raw-text-'));
  try {
    await model.fit(texts, labels, { batchSize: 32, epochs: options.epochs ?? 3, verbose: print ? 'auto' : 0 });
    const path = join(dir, 'spam_raw_text.keras');
    await model.save(path);
    const loaded = await loadModel(path);
    const testLabels = tensor(test.labels, [test.labels.length, 1]);
    const [, accuracy] = loaded.evaluate(test.texts, testLabels, { verbose: 0 }) as [number, number];
    const answers = loaded.predict(SAMPLES, { verbose: 0 }) as Tensor;
    const probabilities = Array.from(answers.dataSync());
    const samples = Object.fromEntries(SAMPLES.map((text, i) => [text, probabilities[i]!]));
    if (print) {
      console.log(`${model.name}: reloaded from ${path}, test accuracy ${accuracy.toFixed(4)} on ${test.texts.length} raw e-mails`);
      for (const [text, p] of Object.entries(samples)) console.log(`  spam probability ${p.toFixed(3)}: ${text.slice(0, 60)}…`);
    }
    for (const t of [testLabels, answers]) t.dispose();
    loaded.dispose();
    return { accuracy, samples };
  } finally {
    labels.dispose();
    model.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
