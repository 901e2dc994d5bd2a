/**
 * Text classification on real e-mails (the SpamAssassin corpus, see spam_corpus.ts): spam or
 * not, learned by two models a Keras user writes for text, each trained a few epochs and tested
 * on e-mails it never saw:
 *
 * - an `Embedding(maskZero)` → `Bidirectional(LSTM)` → `Dense` recurrent network;
 * - a small transformer: token and position embeddings, one block of `MultiHeadAttention` and a
 *   feed-forward network with residual connections and `LayerNormalization`, then pooling;
 * - then, from raw text, a model whose first layer is a `TextVectorization`, saved as `.keras`
 *   with its vocabulary and asked `predict(['some raw text'])` after `loadModel`
 *   (raw_text_classifier.ts).
 *
 * Run: `npm run demo:text`.
 */
import { pathToFileURL } from 'node:url';
import { Input, type KerasTensor, Layer, type LayerArgs, Model, Sequential, type Tensor, layers, ops, tensor } from '../ts/index.js';
import { runRawText } from './raw_text_classifier.js';
import { type EncodedTexts, loadSpamCorpus } from './spam_corpus.js';

const VOCABULARY_SIZE = 10_000;
const SEQUENCE_LENGTH = 100;
const EMBEDDING_DIM = 32;

/** The recurrent model: masked embeddings read both ways by an LSTM. */
function recurrentModel(): Model {
  return new Sequential([
    Input({ shape: [SEQUENCE_LENGTH], dtype: 'int32' }),
    new layers.Embedding(VOCABULARY_SIZE, EMBEDDING_DIM, { maskZero: true }),
    new layers.Bidirectional(new layers.LSTM(32)),
    new layers.Dense(1, { activation: 'sigmoid' }),
  ], { name: 'bidirectional_lstm' });
}

/** Keras's `TokenAndPositionEmbedding` from its text-classification-with-transformer example. */
class TokenAndPositionEmbedding extends Layer {
  static override className = 'TokenAndPositionEmbedding';
  readonly tokens: layers.Embedding;
  readonly positions: layers.Embedding;

  constructor(readonly maxLength: number, vocabularySize: number, embeddingDim: number, args: LayerArgs = {}) {
    super(args);
    this.tokens = new layers.Embedding(vocabularySize, embeddingDim);
    this.positions = new layers.Embedding(maxLength, embeddingDim);
  }

  override call(inputs: Tensor): Tensor {
    const positions = this.positions.apply(ops.arange(0, this.maxLength, 1, 'int32'));
    return ops.add(this.tokens.apply(inputs), positions);
  }
}

/** One transformer block: self-attention and a feed-forward network, each with a residual and a norm. */
function transformerBlock(x: KerasTensor, heads: number, feedForwardDim: number): KerasTensor {
  const attention = new layers.MultiHeadAttention(heads, EMBEDDING_DIM / heads).apply([x, x]) as KerasTensor;
  const attended = new layers.LayerNormalization({ epsilon: 1e-6 }).apply(layers.add([x, new layers.Dropout(0.1).apply(attention)]));
  const hidden = new layers.Dense(feedForwardDim, { activation: 'relu' }).apply(attended);
  const feedForward = new layers.Dense(EMBEDDING_DIM).apply(hidden);
  return new layers.LayerNormalization({ epsilon: 1e-6 }).apply(layers.add([attended, new layers.Dropout(0.1).apply(feedForward)]));
}

/** The transformer model, as Keras's example builds it (smaller). */
function transformerModel(): Model {
  const inputs = Input({ shape: [SEQUENCE_LENGTH], dtype: 'int32' });
  const embedded = new TokenAndPositionEmbedding(SEQUENCE_LENGTH, VOCABULARY_SIZE, EMBEDDING_DIM).apply(inputs);
  const pooled = new layers.GlobalAveragePooling1D().apply(transformerBlock(embedded, 2, 32));
  const outputs = new layers.Dense(1, { activation: 'sigmoid' }).apply(new layers.Dropout(0.1).apply(pooled));
  return new Model(inputs, outputs, 'transformer');
}

/** Options of {@link run}: the demo's recipe, shortened in tests. */
export interface RunOptions {
  /** Training e-mails to use (from the start of the training set). Default all 4,837. */
  trainSamples?: number;
  /** Default 3. */
  epochs?: number;
  /** Keras's verbose for fit. Default 'auto'. */
  verbose?: 'auto' | 0 | 1 | 2;
  /** Print the summaries and results. Default true. */
  print?: boolean;
}

/** As tensors: word ids (n, SEQUENCE_LENGTH) and labels (n, 1). */
function toTensors(data: EncodedTexts, samples = data.y.length) {
  return {
    x: tensor(data.x.subarray(0, samples * SEQUENCE_LENGTH), [samples, SEQUENCE_LENGTH], 'int32'),
    y: tensor(data.y.subarray(0, samples), [samples, 1]),
  };
}

/** Trains and tests both models; returns each one's test accuracy by model name. */
export async function run(options: RunOptions = {}): Promise<Record<string, number>> {
  const print = options.print ?? true;
  const corpus = loadSpamCorpus(VOCABULARY_SIZE, SEQUENCE_LENGTH);
  const train = toTensors(corpus.train, options.trainSamples);
  const test = toTensors(corpus.test);
  const accuracies: Record<string, number> = {};
  for (const model of [recurrentModel(), transformerModel()]) {
    model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: ['accuracy'] });
    if (print) model.summary();
    await model.fit(train.x, train.y, { batchSize: 32, epochs: options.epochs ?? 3, validationSplit: 0.1, verbose: options.verbose ?? 'auto' });
    const [, accuracy] = model.evaluate(test.x, test.y, { verbose: 0 }) as [number, number];
    accuracies[model.name] = accuracy;
    if (print) console.log(`${model.name}: test accuracy ${accuracy.toFixed(4)} on ${test.y.shape[0]} e-mails`);
    model.dispose();
  }
  for (const t of [train.x, train.y, test.x, test.y]) t.dispose();
  return accuracies;
}

// Run when executed (`node dist/examples/text_classifier.js`), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await run();
  await runRawText();
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)}s in all)`);
}
