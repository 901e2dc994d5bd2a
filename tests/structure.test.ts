/**
 * The source folders stack in one direction, each importing only from the folders below it,
 * so a reader can follow any import downwards and never meets a loop. The order is the
 * README's (Design): a folder's position here is its layer.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const STACK = [
  'utils', 'wasm', 'runtime', 'tensor', 'arguments', 'ops',
  'activations', 'initializers', 'regularizers', 'constraints',
  'engine', 'layers', 'losses', 'metrics', 'optimizers', 'data', 'training', 'models', 'saving', 'applications', 'plot', 'proxy', 'api', 'index',
];
const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'wasm' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The top folder of a file under ts/ (a top-level file such as `activations.ts` is its own). */
function folderOf(path: string): string {
  const [first] = relative(ROOT, path).split('/');
  return first!.replace(/\.ts$/, '');
}

/** Every relative import and re-export of `file`, static or dynamic, as the folder it reaches. */
function importedFolders(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => folderOf(resolve(dirname(file), s)));
}

describe('the source folders', () => {
  it('each import only from the folders below them in the stack', () => {
    const upward: string[] = [];
    for (const file of sourceFiles(ROOT)) {
      const from = folderOf(file);
      expect(STACK, `ts/${from} has no place in the stack`).toContain(from);
      for (const to of importedFolders(file)) {
        if (to !== from && STACK.indexOf(to) > STACK.indexOf(from)) upward.push(`${relative(ROOT, file)} imports ts/${to}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
