/**
 * The layer assets hook (engine/layer_saved_state.ts, saving/layer_assets.ts): any layer with
 * `saveAssets` / `loadAssets` gets its own directory `assets/<layer path>/` in a `.keras`
 * archive, at the path of its variables however deeply it is nested, and reads it back after
 * its variables on loading.
 */
import { describe, expect, it } from 'vitest';
import { Input, Layer, Sequential, type Tensor, loadModel, registerKerasSerializable, saveModel } from '../../ts/index.js';
import type { AssetDirectory } from '../../ts/engine/layer_saved_state.js';
import type { CallArgs } from '../../ts/engine/layer.js';
import { zipEntries } from './zip_helpers.js';

/** A layer whose only state is a note kept as two asset files. */
class Noted extends Layer {
  static override className = 'Noted';
  note = '';
  call(inputs: Tensor, _args: CallArgs): Tensor {
    return inputs;
  }
  saveAssets(dir: AssetDirectory): void {
    dir.set('note.txt', new TextEncoder().encode(this.note));
    dir.set('length.txt', new TextEncoder().encode(String(this.note.length)));
  }
  loadAssets(dir: AssetDirectory): void {
    this.note = new TextDecoder().decode(dir.get('note.txt'));
    expect(new TextDecoder().decode(dir.get('length.txt'))).toBe(String(this.note.length));
  }
}
registerKerasSerializable(Noted, { package: 'assets_test' });

describe('layer assets in .keras files', () => {
  it('a nested layer writes its files under its own path and reads them back on loading', async () => {
    const inner = new Noted({ name: 'inner_note' });
    inner.note = 'kept beside the weights';
    const top = new Noted({ name: 'top_note' });
    top.note = 'é 🙂';
    const model = new Sequential([Input({ shape: [2] }), top, new Sequential([Input({ shape: [2] }), inner], { name: 'block' })]);
    const bytes = await saveModel(model);
    const assets = (await zipEntries(bytes)).map(([name]) => name).filter((n) => n.startsWith('assets/'));
    expect(assets.sort()).toEqual([
      'assets/layers/noted/length.txt', 'assets/layers/noted/note.txt',
      'assets/layers/sequential/layers/noted/length.txt', 'assets/layers/sequential/layers/noted/note.txt',
    ]);
    const loaded = await loadModel(bytes);
    expect((loaded.getLayer('top_note') as Noted).note).toBe('é 🙂');
    const block = loaded.getLayer('block') as Sequential;
    expect((block.getLayer('inner_note') as Noted).note).toBe('kept beside the weights');
    model.dispose();
    loaded.dispose();
  });
});
