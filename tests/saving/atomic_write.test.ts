/**
 * Saving to a path: concurrent saves to one path leave one whole file of one of the models; a
 * save that fails, or is killed, halfway leaves the previous file as it was; a killed save's
 * temporary file is removed by a later save once it is old, and only kerasm's own are.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Input, Sequential, ValueError, initializers, layers, loadModel, memory } from '../../ts/index.js';
import type { Model } from '../../ts/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kerasm-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A model whose kernel is filled with `value`, so which model a file holds is plain to see. */
function filled(value: number): Model {
  return new Sequential([Input({ shape: [64] }), new layers.Dense(64, { kernelInitializer: new initializers.Constant(value) })]);
}

/** The first kernel value of the model saved at `path`. */
async function savedKernelValue(path: string): Promise<number> {
  const loaded = await loadModel(path);
  const value = loaded.weights[0]!.value.dataSync()[0]!;
  loaded.dispose();
  return value;
}

/** The files of `folder` whose names start with `prefix`, sorted. */
function filesOf(folder: string, prefix: string): string[] {
  return readdirSync(folder).filter((name) => name.startsWith(prefix)).sort();
}

/** The name of a temporary file of a save to `name`. */
const TEMP = (name: string) => new RegExp(`^${name.replace('.', '\\.')}\\.[0-9a-f]{16}\\.kerasm-tmp$`);

describe('saving to a path', () => {
  it('20 rounds of two models saved to one path at once each leave one whole file of one of them', async () => {
    const [a, b] = [filled(1), filled(2)];
    const before = memory().numTensors;
    const path = join(dir, 'both.keras');
    const weightsPath = join(dir, 'both.weights.h5');
    const held = new Set<number>();
    for (let round = 0; round < 20; round++) {
      await Promise.all([a.save(path), b.save(path), a.saveWeights(weightsPath), b.saveWeights(weightsPath)]);
      const value = await savedKernelValue(path);
      expect([1, 2]).toContain(value);
      held.add(value);
      const target = filled(0);
      await target.loadWeights(weightsPath);
      expect([1, 2]).toContain(target.weights[0]!.value.dataSync()[0]);
      target.dispose();
    }
    expect(filesOf(dir, 'both.')).toEqual(['both.keras', 'both.weights.h5']);
    expect(memory().numTensors).toBe(before);
    [a, b].forEach((m) => m.dispose());
  });

  it('a write that fails halfway leaves the previous file as it was and no temporary file', async () => {
    const path = join(dir, 'failed.keras');
    const model = filled(3);
    await model.save(path);
    const previous = readFileSync(path);
    const probe = await open(path, 'r');
    const fileHandle = Object.getPrototypeOf(probe) as { writeFile(data: Uint8Array): Promise<void> };
    await probe.close();
    const write = vi.spyOn(fileHandle, 'writeFile').mockImplementationOnce(async function (this: { write(data: Uint8Array): Promise<unknown> }, data: Uint8Array) {
      await this.write(data.subarray(0, data.length >> 1));
      throw new Error('EIO: i/o error, write');
    });
    try {
      const failed = filled(4).save(path);
      await expect(failed).rejects.toThrow(ValueError);
      await expect(failed).rejects.toThrow(`Could not write '${path}': EIO: i/o error, write`);
    } finally {
      write.mockRestore();
    }
    expect(readFileSync(path).equals(previous)).toBe(true);
    expect(filesOf(dir, 'failed.')).toEqual(['failed.keras']);
    model.dispose();
  });

  it('a save killed halfway leaves the previous file; its temporary file is removed by a later save once it is an hour old', async () => {
    const path = join(dir, 'killed.keras');
    const model = filled(5);
    await model.save(path);
    const previous = readFileSync(path);

    await killedSave(path, 4 * 1024 * 1024);
    expect(readFileSync(path).equals(previous)).toBe(true);
    const [left, ...others] = filesOf(dir, 'killed.keras.');
    expect(others).toEqual([]);
    expect(left).toMatch(TEMP('killed.keras'));
    expect(statSync(join(dir, left!)).size).toBe(2 * 1024 * 1024);

    // A fresh temporary file may be a live save's: the next save leaves it.
    await model.save(path);
    expect(filesOf(dir, 'killed.keras.')).toEqual([left]);
    // An hour later it is stale, and removed; a stale one of another file, and files not named by kerasm, are not touched.
    const anHourAgo = new Date(Date.now() - 61 * 60 * 1000);
    const strangers = ['other.keras.0123456789abcdef.kerasm-tmp', 'killed.keras.backup', 'killed.keras.0123456789abcdef.tmp'];
    for (const name of [left!, ...strangers]) {
      if (name !== left) writeFileSync(join(dir, name), 'x');
      utimesSync(join(dir, name), anHourAgo, anHourAgo);
    }
    await filled(6).save(path);
    expect(filesOf(dir, 'killed.keras.')).toEqual(['killed.keras.0123456789abcdef.tmp', 'killed.keras.backup']);
    expect(filesOf(dir, 'other.')).toEqual(['other.keras.0123456789abcdef.kerasm-tmp']);
    expect(await savedKernelValue(path)).toBe(6);
    model.dispose();
  });
});

/** Runs a save of `size` bytes to `path` in a child process, and kills it (SIGKILL) once half of them are written. */
async function killedSave(path: string, size: number): Promise<void> {
  const script = fileURLToPath(new URL('./child/stalled_save.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, path, String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('stalled')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the child exited (code ${code}) before it stalled`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}
