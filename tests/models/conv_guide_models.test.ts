/**
 * The convolutional models of Keras's "The Functional API" guide: the encoder, the decoder, the
 * autoencoder built from both, the single-graph autoencoder, and the toy ResNet — summary totals
 * equal to Keras's, and the autoencoder and the ResNet trained briefly on real MNIST digits.
 */
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../examples/mnist_mlp.js';
import { Input, Model, layers, losses, ops, tensor, tidy, type KerasTensor, type Tensor } from '../../ts/index.js';

type Apply = (layer: layers.Layer, x: KerasTensor | KerasTensor[]) => KerasTensor;
const apply: Apply = (layer, x) => layer.apply(x as KerasTensor) as KerasTensor;

function encoderLayers(input: KerasTensor): KerasTensor {
  let x = apply(new layers.Conv2D(16, 3, { activation: 'relu' }), input);
  x = apply(new layers.Conv2D(32, 3, { activation: 'relu' }), x);
  x = apply(new layers.MaxPooling2D(3), x);
  x = apply(new layers.Conv2D(32, 3, { activation: 'relu' }), x);
  x = apply(new layers.Conv2D(16, 3, { activation: 'relu' }), x);
  return apply(new layers.GlobalMaxPooling2D(), x);
}

function decoderLayers(input: KerasTensor): KerasTensor {
  let x = apply(new layers.Reshape([4, 4, 1]), input);
  x = apply(new layers.Conv2DTranspose(16, 3, { activation: 'relu' }), x);
  x = apply(new layers.Conv2DTranspose(32, 3, { activation: 'relu' }), x);
  x = apply(new layers.UpSampling2D({ size: 3 }), x);
  x = apply(new layers.Conv2DTranspose(16, 3, { activation: 'relu' }), x);
  return apply(new layers.Conv2DTranspose(1, 3, { activation: 'relu' }), x);
}

function toyResnet(): Model {
  const inputs = Input({ shape: [32, 32, 3], name: 'img' });
  let x = apply(new layers.Conv2D(32, 3, { activation: 'relu' }), inputs);
  x = apply(new layers.Conv2D(64, 3, { activation: 'relu' }), x);
  const block1 = apply(new layers.MaxPooling2D(3), x);
  x = apply(new layers.Conv2D(64, 3, { activation: 'relu', padding: 'same' }), block1);
  x = apply(new layers.Conv2D(64, 3, { activation: 'relu', padding: 'same' }), x);
  const block2 = layers.add([x, block1]) as KerasTensor;
  x = apply(new layers.Conv2D(64, 3, { activation: 'relu', padding: 'same' }), block2);
  x = apply(new layers.Conv2D(64, 3, { activation: 'relu', padding: 'same' }), x);
  const block3 = layers.add([x, block2]) as KerasTensor;
  x = apply(new layers.Conv2D(64, 3, { activation: 'relu' }), block3);
  x = apply(new layers.GlobalAveragePooling2D(), x);
  x = apply(new layers.Dense(256, { activation: 'relu' }), x);
  x = apply(new layers.Dropout(0.5), x);
  const outputs = apply(new layers.Dense(10), x);
  return new Model({ inputs, outputs, name: 'toy_resnet' });
}

/** The first `n` training digits as [n, 28, 28, 1] images in [0, 1] and int labels. */
function digits(n: number): { x: Tensor; y: Tensor } {
  const { train } = loadMnist();
  return { x: tensor(train.x.subarray(0, n * 784), [n, 28, 28, 1]), y: tensor(train.y.subarray(0, n), [n], 'int32') };
}

describe('the convolutional models of the Functional API guide', () => {
  it('the encoder (18,672), the decoder (9,569) and the autoencoder made of both (28,241)', () => {
    const encoderInput = Input({ shape: [28, 28, 1], name: 'img' });
    const encoder = new Model({ inputs: encoderInput, outputs: encoderLayers(encoderInput), name: 'encoder' });
    const decoderInput = Input({ shape: [16], name: 'encoded_img' });
    const decoder = new Model({ inputs: decoderInput, outputs: decoderLayers(decoderInput), name: 'decoder' });
    expect(encoder.countParams()).toBe(18_672);
    expect(encoder.outputShape).toEqual([null, 16]);
    expect(decoder.countParams()).toBe(9_569);
    expect(decoder.outputShape).toEqual([null, 28, 28, 1]);
    const input = Input({ shape: [28, 28, 1], name: 'img' });
    const autoencoder = new Model({ inputs: input, outputs: apply(decoder, apply(encoder, input)), name: 'autoencoder' });
    const lines: string[] = [];
    autoencoder.summary({ printFn: (l) => lines.push(l) });
    expect(lines).toContain(' Total params: 28,241 (110.32 KB)');
    expect(lines.some((l) => l.includes('encoder (Functional)'))).toBe(true);
    autoencoder.dispose();
  });

  it('the single-graph autoencoder (28,241) learns to reconstruct MNIST digits', async () => {
    const input = Input({ shape: [28, 28, 1], name: 'img' });
    const autoencoder = new Model({ inputs: input, outputs: decoderLayers(encoderLayers(input)), name: 'autoencoder' });
    expect(autoencoder.countParams()).toBe(28_241);
    const { x } = digits(256);
    autoencoder.compile({ optimizer: 'adam', loss: 'mse' });
    const history = await autoencoder.fit(x, x, { epochs: 3, batchSize: 32, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[2]!).toBeLessThan(loss[0]!);
    autoencoder.dispose();
    x.dispose();
  });

  it('the toy ResNet with two residual add blocks (223,242) learns MNIST digits padded to 32×32×3', async () => {
    const model = toyResnet();
    expect(model.countParams()).toBe(223_242);
    const lines: string[] = [];
    model.summary({ printFn: (l) => lines.push(l) });
    expect(lines[2]).toContain('Connected to');
    const { x: raw, y } = digits(192);
    const x = tidy(() => {
      const padded = ops.pad(raw, [[0, 0], [2, 2], [2, 2], [0, 0]]);
      return ops.concatenate([padded, padded, padded], -1);
    });
    expect(x.shape).toEqual([192, 32, 32, 3]);
    // The guide's head is linear, so the loss takes logits.
    model.compile({ optimizer: 'adam', loss: new losses.SparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const history = await model.fit(x, y, { epochs: 3, batchSize: 32, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[2]!).toBeLessThan(loss[0]!);
    model.dispose();
    for (const t of [raw, x, y]) t.dispose();
  });
});
