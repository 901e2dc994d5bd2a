/**
 * A transformer block with MultiHeadAttention, saved by real Keras (scripts/keras/attention_fixtures.py
 * generate), loads in kerasm and predicts Keras's outputs; kerasm saves it and loads its own file
 * back to the same predictions. With KERASM_INTEROP_DIR set, kerasm's file and predictions are
 * written there for the other direction, Keras reading kerasm's file (`attention_fixtures.py check`).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Model, type Tensor, loadModel, memory, tensor, tidy } from '../../../ts/index.js';
import { saveModelToFile } from '../../../ts/saving/save_model.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/attention/', import.meta.url));

interface BlockRecord {
  inputs: { ids: number[][]; memory: number[][][] };
  outputs: { classifier: number[][]; cross_attention: number[][][][] };
}

const record = JSON.parse(readFileSync(`${FIXTURES}transformer_block.json`, 'utf8')) as BlockRecord;

/** The model's two outputs on the record's inputs, as nested arrays. */
function predict(model: Model): { classifier: number[][]; cross_attention: number[][][][] } {
  return tidy(() => {
    const ids = tensor(Int32Array.from(record.inputs.ids.flat()), [record.inputs.ids.length, record.inputs.ids[0]!.length], 'int32');
    const [probabilities, scores] = model.predict<Tensor[]>([ids, tensor(record.inputs.memory)], { verbose: 0 });
    return { classifier: probabilities!.arraySync() as number[][], cross_attention: scores!.arraySync() as number[][][][] };
  });
}

function expectClosePredictions(got: ReturnType<typeof predict>, want: BlockRecord['outputs']): void {
  for (const key of ['classifier', 'cross_attention'] as const) {
    const [g, w] = [got[key].flat(3) as number[], want[key].flat(3) as number[]];
    expect(g.length, key).toBe(w.length);
    expect(Math.max(...g.map((v, i) => Math.abs(v - w[i]!))), key).toBeLessThan(1e-5);
  }
}

describe('a Keras transformer block with MultiHeadAttention', () => {
  it("loads from Keras's .keras file and predicts Keras's outputs (padding and causal masks, cross-attention scores)", async () => {
    const model = await loadModel(`${FIXTURES}transformer_block.keras`);
    expect(model.layers.map((l) => l.constructor.name)).toContain('MultiHeadAttention');
    expectClosePredictions(predict(model), record.outputs);
    model.dispose();
  });

  it("is saved by kerasm in Keras's layout and loads back to the same predictions", async () => {
    const before = memory().numTensors;
    const model = await loadModel(`${FIXTURES}transformer_block.keras`);
    const dir = process.env.KERASM_INTEROP_DIR ?? mkdtempSync(join(tmpdir(), 'kerasm-attention-'));
    const path = join(dir, 'transformer_block.kerasm.keras');
    await saveModelToFile(model, path);
    const predictions = predict(model);
    writeFileSync(join(dir, 'transformer_block.kerasm.json'), JSON.stringify({ inputs: record.inputs, outputs: predictions }));
    const reloaded = await loadModel(path);
    expect(reloaded.getConfig()).toEqual(model.getConfig());
    expectClosePredictions(predict(reloaded), predictions);
    model.dispose();
    reloaded.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
