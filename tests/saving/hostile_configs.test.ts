/**
 * The hand-made config attacks of issue 16, one file each in `tests/fixtures/hostile/` (`expect`:
 * the error's message as a regular expression; `config`: the model config). Each is loaded as the
 * `config.json` of a `.keras` file and as the `model_config` of a legacy `.h5` file, and must end
 * in a ValueError saying what is wrong, with no tensor left behind and `Object.prototype` untouched.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValueError, loadModel, memory, modelFromJSON } from '../../ts/index.js';
import { type FuzzSource, fuzzSources, h5With, kerasWith } from '../../scripts/hostile/cases.js';

const FIXTURES = new URL('../fixtures/hostile/', import.meta.url);
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();

let source: FuzzSource;
let sources: FuzzSource[];
beforeAll(async () => {
  sources = await fuzzSources();
  source = sources[0]!;
});
afterAll(() => {
  for (const s of sources) s.model.dispose();
});

/** The error loading `bytes` ends in, after checking it is a ValueError that left no tensor behind. */
async function refusal(bytes: Uint8Array): Promise<Error> {
  const before = memory().numTensors;
  const error = await loadModel(bytes).then(
    (model) => { model.dispose(); throw new Error('the hostile file loaded'); },
    (e: unknown) => e as Error,
  );
  expect(error).toBeInstanceOf(ValueError);
  expect(memory().numTensors).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  return error;
}

/** `depth` Sequential models, each the only layer of the next, as JSON text (too deep for JSON.stringify's own recursion in some hosts). */
function nestedModels(depth: number): string {
  const open = '{"module":"keras","class_name":"Sequential","registered_name":null,"config":{"name":"m","layers":[';
  return `${open.repeat(depth)}${']}}'.repeat(depth)}`;
}

describe('hand-made hostile configs', () => {
  it.each(fixtures)('%s is refused with a ValueError, from a .keras and a .h5 file', async (file) => {
    const text = readFileSync(new URL(file, FIXTURES), 'utf8');
    const fixture = JSON.parse(text) as { expect: string; config: unknown };
    const configText = JSON.stringify(fixture.config) ?? 'null';
    for (const bytes of [await kerasWith(source, configText), await h5With(source, configText)]) {
      expect((await refusal(bytes)).message).toMatch(new RegExp(fixture.expect));
    }
  });

  it('2,000 nested models end in a ValueError about the depth, not a stack overflow', async () => {
    const configText = nestedModels(2000);
    for (const bytes of [await kerasWith(source, configText), await h5With(source, configText)]) {
      expect((await refusal(bytes)).message).toMatch(/the config nests more than 256 levels deep/);
    }
    expect(() => modelFromJSON(configText)).toThrow(/modelFromJSON: the JSON: the config nests more than 256 levels deep/);
  });

  it('a model nested 20 levels deep (real ones nest a few) still loads', async () => {
    const input = (i: number) => `{"module":"keras.layers","class_name":"InputLayer","registered_name":null,"config":{"batch_shape":[null,3],"dtype":"float32","name":"in${i}"}}`;
    const dense = '{"module":"keras.layers","class_name":"Dense","registered_name":null,"config":{"name":"d","units":3}}';
    let text = dense;
    for (let i = 0; i < 20; i++) text = `{"module":"keras","class_name":"Sequential","registered_name":null,"config":{"name":"m${i}","layers":[${input(i)},${text}]}}`;
    const model = modelFromJSON(text);
    expect(model.outputShape).toEqual([null, 3]);
    model.dispose();
  });
});
