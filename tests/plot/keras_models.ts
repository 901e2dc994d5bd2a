/**
 * The models of fixtures/keras_model_to_dot.py, layer for layer and name for name, so kerasm's
 * DOT can be compared with the one Keras wrote for them.
 */
import { Input, Model, Sequential, layers, type KerasTensor } from '../../ts/index.js';

type Callable = { apply(x: KerasTensor | KerasTensor[]): unknown };
const call = (layer: Callable, x: KerasTensor | KerasTensor[]) => layer.apply(x) as KerasTensor;

export function mlp(): Sequential {
  return new Sequential(
    [
      Input({ shape: [784], name: 'digits' }),
      new layers.Dense(64, { activation: 'relu', name: 'hidden_1' }),
      new layers.Dense(64, { activation: 'relu', name: 'hidden_2' }),
      new layers.Dense(10, { activation: 'softmax', name: 'predictions' }),
    ],
    { name: 'mlp' },
  );
}

export function tickets(): Model {
  const title = Input({ shape: [null], name: 'title', dtype: 'int32' });
  const body = Input({ shape: [null], name: 'body', dtype: 'int32' });
  const tags = Input({ shape: [12], name: 'tags' });
  const t = call(new layers.GlobalAveragePooling1D({ name: 'title_mean' }), call(new layers.Embedding(1000, 64, { name: 'title_embedding' }), title));
  const b = call(new layers.GlobalAveragePooling1D({ name: 'body_mean' }), call(new layers.Embedding(1000, 64, { name: 'body_embedding' }), body));
  const x = call(new layers.Concatenate({ name: 'features' }), [t, b, tags]);
  const priority = call(new layers.Dense(1, { name: 'priority' }), x);
  const department = call(new layers.Dense(4, { name: 'department' }), x);
  return new Model({ inputs: [title, body, tags], outputs: [priority, department], name: 'tickets' });
}

export function toyResnet(): Model {
  const conv = (filters: number, name: string, padding: 'valid' | 'same' = 'valid') => new layers.Conv2D(filters, 3, { activation: 'relu', padding, name });
  const inputs = Input({ shape: [32, 32, 3], name: 'img' });
  let x = call(conv(32, 'conv_1'), inputs);
  x = call(conv(64, 'conv_2'), x);
  const block1 = call(new layers.MaxPooling2D(3, { name: 'pool' }), x);
  x = call(conv(64, 'conv_3', 'same'), block1);
  x = call(conv(64, 'conv_4', 'same'), x);
  const block2 = call(new layers.Add({ name: 'add_1' }), [x, block1]);
  x = call(conv(64, 'conv_5', 'same'), block2);
  x = call(conv(64, 'conv_6', 'same'), x);
  const block3 = call(new layers.Add({ name: 'add_2' }), [x, block2]);
  x = call(conv(64, 'conv_7'), block3);
  x = call(new layers.GlobalAveragePooling2D({ name: 'gap' }), x);
  x = call(new layers.Dense(256, { activation: 'relu', name: 'dense' }), x);
  x = call(new layers.Dropout(0.5, { name: 'dropout' }), x);
  const outputs = call(new layers.Dense(10, { name: 'logits' }), x);
  return new Model({ inputs, outputs, name: 'toy_resnet' });
}

export function autoencoder(): Model {
  const encoderInput = Input({ shape: [28, 28, 1], name: 'img' });
  let x = call(new layers.Conv2D(16, 3, { activation: 'relu', name: 'enc_conv_1' }), encoderInput);
  x = call(new layers.MaxPooling2D(3, { name: 'enc_pool' }), x);
  x = call(new layers.Conv2D(16, 3, { activation: 'relu', name: 'enc_conv_2' }), x);
  const encoder = new Model({ inputs: encoderInput, outputs: call(new layers.GlobalMaxPooling2D({ name: 'enc_gmp' }), x), name: 'encoder' });
  const decoderInput = Input({ shape: [16], name: 'encoded_img' });
  x = call(new layers.Reshape([4, 4, 1], { name: 'dec_reshape' }), decoderInput);
  x = call(new layers.Conv2DTranspose(16, 3, { activation: 'relu', name: 'dec_deconv' }), x);
  const decoder = new Model({ inputs: decoderInput, outputs: call(new layers.UpSampling2D({ size: 3, name: 'dec_upsample' }), x), name: 'decoder' });
  const inputs = Input({ shape: [28, 28, 1], name: 'image' });
  return new Model({ inputs, outputs: call(decoder, call(encoder, inputs)), name: 'autoencoder' });
}

/** A shared (frozen) layer called on two inputs, then a nested Sequential head. */
export function siamese(): Model {
  const left = Input({ shape: [8], name: 'left' });
  const right = Input({ shape: [8], name: 'right' });
  const shared = new layers.Dense(8, { activation: 'tanh', name: 'shared', trainable: false });
  const joined = call(new layers.Subtract({ name: 'difference' }), [call(shared, left), call(shared, right)]);
  const head = new Sequential(
    [Input({ shape: [8], name: 'head_input' }), new layers.Dense(4, { name: 'head_hidden' }), new layers.Activation('relu', { name: 'head_relu' })],
    { name: 'head' },
  );
  const score = call(new layers.Dense(1, { activation: 'sigmoid', name: 'score' }), call(head, joined));
  return new Model({ inputs: [left, right], outputs: score, name: 'siamese' });
}

/** A Sequential inside a Sequential. */
export function stacked(): Sequential {
  const inner = new Sequential(
    [Input({ shape: [5], name: 'inner_input' }), new layers.Dense(3, { name: 'nested_1' }), new layers.Dense(2, { name: 'nested_2' })],
    { name: 'inner' },
  );
  return new Sequential(
    [Input({ shape: [4], name: 'features' }), new layers.Dense(5, { name: 'in_1' }), inner, new layers.Dense(1, { name: 'out' })],
    { name: 'stacked' },
  );
}

export const MODELS = { mlp, tickets, toy_resnet: toyResnet, autoencoder, siamese, stacked } as const;
