/**
 * The Keras guides' recurrent models, written as the guides write them: parameter totals equal
 * Keras's, they train (the loss falls), and an LSTM model's `fit()` keeps `memory()` flat.
 */
import { describe, expect, it } from 'vitest';
import { Input, Model, Sequential, layers, losses, memory, optimizers, tensor, type Tensor } from '../../../ts/index.js';
import { seededValues } from '../../helpers/close.js';

/** Integer token ids in [0, vocabulary), deterministic. */
function tokens(n: number, length: number, vocabulary: number, seed: number): Tensor {
  return tensor(Int32Array.from(seededValues(n * length, seed, 0, 1), (v) => Math.floor(v * vocabulary) % vocabulary), [n, length], 'int32');
}

describe("the guides' recurrent models", () => {
  it('Sequential([Embedding(1000, 64), LSTM(128), Dense(10)]): 164,106 params, trains, and fit keeps memory flat', async () => {
    const model = new Sequential();
    model.add(new layers.Embedding({ inputDim: 1000, outputDim: 64 }));
    model.add(new layers.LSTM(128));
    model.add(new layers.Dense(10));
    const n = 64;
    const x = tokens(n, 12, 1000, 1);
    // A learnable target: the class of the first token.
    const y = tensor(Int32Array.from(x.dataSync().filter((_, i) => i % 12 === 0), (v) => v % 10), [n], 'int32');
    // The guide's Dense(10) has no activation: its outputs are logits.
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 0.01 }), loss: new losses.SparseCategoricalCrossentropy({ fromLogits: true }) });
    const first = await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    expect(model.countParams()).toBe(164106);
    const tensorsAfterFirstEpoch = memory().numTensors;
    const bytesAfterFirstEpoch = memory().numBytes;
    const rest = await model.fit(x, y, { epochs: 6, batchSize: 16, verbose: 0 });
    expect(memory().numTensors).toBe(tensorsAfterFirstEpoch);
    expect(memory().numBytes).toBe(bytesAfterFirstEpoch);
    expect(rest.history.loss!.at(-1) as number).toBeLessThan((first.history.loss![0] as number) * 0.5);
    model.dispose();
    x.dispose();
    y.dispose();
  });

  it('the ticket classifier (title, body, tags → priority, department): 1,392,097 params, trains with loss weights', async () => {
    const numTags = 12;
    const numWords = 10000;
    const numDepartments = 4;
    const titleInput = Input({ shape: [null], name: 'title' });
    const bodyInput = Input({ shape: [null], name: 'body' });
    const tagsInput = Input({ shape: [numTags], name: 'tags' });
    const titleFeatures = new layers.LSTM(128).apply(new layers.Embedding(numWords, 64).apply(titleInput));
    const bodyFeatures = new layers.LSTM(32).apply(new layers.Embedding(numWords, 64).apply(bodyInput));
    const x = layers.concatenate([titleFeatures, bodyFeatures, tagsInput]);
    const priorityPred = new layers.Dense(1, { activation: 'sigmoid', name: 'priority' }).apply(x);
    const departmentPred = new layers.Dense(numDepartments, { activation: 'softmax', name: 'department' }).apply(x);
    const model = new Model({ inputs: [titleInput, bodyInput, tagsInput], outputs: [priorityPred, departmentPred] });
    expect(model.countParams()).toBe(1392097);

    model.compile({
      optimizer: new optimizers.RMSprop({ learningRate: 1e-3 }),
      loss: ['binary_crossentropy', 'categorical_crossentropy'],
      lossWeights: [1.0, 0.2],
    });
    const n = 128;
    const titleData = tokens(n, 10, numWords, 2);
    const bodyData = tokens(n, 40, numWords, 3);
    const tagsData = tensor(Float32Array.from(seededValues(n * numTags, 4, 0, 1), (v) => (v > 0.5 ? 1 : 0)), [n, numTags]);
    // Learnable targets: both follow the first tags.
    const tags = tagsData.dataSync();
    const priorityTargets = tensor(Float32Array.from({ length: n }, (_, i) => tags[i * numTags]!), [n, 1]);
    const deptTargets = tensor(Float32Array.from({ length: n * numDepartments }, (_, k) => {
      const [i, d] = [Math.floor(k / numDepartments), k % numDepartments];
      return d === tags[i * numTags + 1]! * 2 + tags[i * numTags + 2]! ? 1 : 0;
    }), [n, numDepartments]);
    const history = await model.fit(
      { title: titleData, body: bodyData, tags: tagsData },
      { priority: priorityTargets, department: deptTargets },
      { epochs: 4, batchSize: 32, verbose: 0 },
    );
    const loss = history.history.loss!;
    expect(loss.at(-1) as number).toBeLessThan(loss[0] as number);
    model.dispose();
    [titleData, bodyData, tagsData, priorityTargets, deptTargets].forEach((t) => t.dispose());
  });
});
