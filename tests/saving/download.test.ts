import { describe, expect, it } from 'vitest';
import { Sequential, layers } from '../../ts/index.js';

describe("model.save('downloads://…') and model.saveWeights('downloads://…')", () => {
  const model = new Sequential([new layers.Dense({ units: 2, inputShape: [3] })]);

  it('needs a page: outside a browser it says so and suggests saveModel', async () => {
    await expect(model.save('downloads://m.keras')).rejects.toThrow(/downloads need a page's document; in a Worker call saveModel\(model\)/);
  });

  it('saves weights the same way', async () => {
    await expect(model.saveWeights('downloads://m.weights.h5')).rejects.toThrow(/downloads need a page's document/);
  });

  it('checks the name and extension first', async () => {
    await expect(model.save('downloads://')).rejects.toThrow(/Invalid filepath extension/);
    await expect(model.save('downloads://dir/m.keras')).rejects.toThrow(/a download needs a file name without folders/);
  });
});
