/**
 * W10's attention block in TensorFlow.js. tfjs-layers 4.22 has no MultiHeadAttention (nor
 * LayerNormalization's Keras 3 defaults in a form that shares weights easily), so the block is
 * built from tfjs ops, as a tfjs user would write it: the projections as matMuls on the Keras
 * kernels reshaped to matrices, the heads by reshape and transpose, scaled dot-product scores by a
 * batched matMul, softmax, LayerNormalization from `tf.moments`, and sparse categorical
 * crossentropy on the clipped probabilities as Keras computes it; Adam through `optimizer.minimize`.
 */
import type * as TF from '@tensorflow/tfjs';
import { type AttentionBlockSpec, type MlpCase, attentionBlockWeightShapes } from './library.js';

export function tfjsAttentionBlock(tf: typeof TF, spec: AttentionBlockSpec): MlpCase {
  const { sequence: T, features: F, heads: H, keyDim: K, batchSize: B } = spec;
  const shapes = attentionBlockWeightShapes(spec);
  const variables = spec.weights.map((w, i) => tf.variable(tf.tensor(w, shapes[i])));
  const [wq, bq, wk, bk, wv, bv, wo, bo, gamma, beta, w1, b1, w2, b2] = variables as TF.Variable[];
  // Keras's epsilon, converted as for the MLP (see tfjs.ts).
  const { learningRate, beta1, beta2, epsilon } = spec.adam;
  const optimizer = tf.train.adam(learningRate, beta1, beta2, epsilon / Math.sqrt(1 - beta2));
  const batches = spec.batches.map(({ x, y }) => ({ x: tf.tensor2d(x, [B * T, F]), y: tf.oneHot(tf.tensor1d(y, 'int32'), spec.classes) }));

  /** `[B·T, F]` → one projection's heads `[B, H, T, K]`. */
  const heads = (x: TF.Tensor2D, kernel: TF.Variable, bias: TF.Variable) =>
    tf.add(tf.matMul(x, kernel.reshape([F, H * K])), bias.reshape([H * K])).reshape([B, T, H, K]).transpose([0, 2, 1, 3]);

  const loss = (x: TF.Tensor2D, oneHot: TF.Tensor): TF.Scalar => {
    const q = heads(x, wq!, bq!).mul(1 / Math.sqrt(K));
    const probabilities = tf.softmax(tf.matMul(q, heads(x, wk!, bk!), false, true));
    const context = tf.matMul(probabilities, heads(x, wv!, bv!)).transpose([0, 2, 1, 3]).reshape([B * T, H * K]);
    const residual = tf.add(x, tf.add(tf.matMul(context as TF.Tensor2D, wo!.reshape([H * K, F])), bo!));
    const { mean, variance } = tf.moments(residual, -1, true);
    const normalized = tf.add(tf.mul(tf.div(tf.sub(residual, mean), tf.sqrt(tf.add(variance, 1e-3))), gamma!), beta!);
    const hidden = tf.relu(tf.add(tf.matMul(normalized as TF.Tensor2D, w1!), b1!));
    const pooled = tf.mean(hidden.reshape([B, T, spec.hidden]), 1);
    const output = tf.softmax(tf.add(tf.matMul(pooled as TF.Tensor2D, w2!), b2!));
    const picked = tf.sum(tf.mul(tf.clipByValue(output, 1e-7, 1 - 1e-7), oneHot), -1);
    return tf.mean(tf.neg(tf.log(picked))) as TF.Scalar;
  };

  return {
    async step(i) {
      const batch = batches[i % batches.length]!;
      const value = optimizer.minimize(() => loss(batch.x, batch.y), true, variables)!;
      const result = (await value.data())[0]!;
      value.dispose();
      return result;
    },
    weights: () => variables.map((v) => v.dataSync() as Float32Array),
    dispose() {
      for (const { x, y } of batches) tf.dispose([x, y]);
      tf.dispose(variables);
      optimizer.dispose();
    },
  };
}
