import { describe, expect, it } from 'vitest';
import { Input, Model, layers } from '../../ts/index.js';

const names = (model: Model) => model.layers.map((l) => l.name);

describe("a Functional model's layers in Keras's order (by depth, then the walk from the outputs)", () => {
  it('lists the ticket classifier as Keras does: inputs first, `tags` with the layers at its depth', () => {
    // The guide's model with pooling in place of the LSTMs; Keras's summary lists:
    // title, body, embedding, embedding_1, lstm, lstm_1, tags, concatenate, priority, department.
    const title = Input({ shape: [null], name: 'title' });
    const body = Input({ shape: [null], name: 'body' });
    const tags = Input({ shape: [12], name: 'tags' });
    const titleFeatures = new layers.GlobalAveragePooling1D({ name: 'pool' }).apply(new layers.Embedding({ inputDim: 100, outputDim: 8, name: 'embedding' }).apply(title));
    const bodyFeatures = new layers.GlobalAveragePooling1D({ name: 'pool_1' }).apply(new layers.Embedding({ inputDim: 100, outputDim: 8, name: 'embedding_1' }).apply(body));
    const x = layers.concatenate([titleFeatures, bodyFeatures, tags], { name: 'concatenate' });
    const priority = new layers.Dense({ units: 1, name: 'priority' }).apply(x);
    const department = new layers.Dense({ units: 4, name: 'department' }).apply(x);
    const model = new Model({ inputs: [title, body, tags], outputs: [priority, department] });
    expect(names(model)).toEqual(['title', 'body', 'embedding', 'embedding_1', 'pool', 'pool_1', 'tags', 'concatenate', 'priority', 'department']);
  });

  it('places a shared layer at the deepest of its calls, and an unused input last among the shallowest', () => {
    const a = Input({ shape: [4], name: 'a' });
    const unused = Input({ shape: [4], name: 'unused' });
    const shared = new layers.Dense({ units: 4, name: 'shared' });
    const first = shared.apply(a);
    const second = shared.apply(new layers.Dense({ units: 4, name: 'middle' }).apply(first));
    const out = new layers.Add({ name: 'add' }).apply([first, second]);
    const model = new Model({ inputs: [a, unused], outputs: out });
    // depths from the output: add 0, shared 1 and 3 → 3, middle 2, a 4; `unused` 0, before `add`.
    expect(names(model)).toEqual(['a', 'shared', 'middle', 'unused', 'add']);
  });
});
