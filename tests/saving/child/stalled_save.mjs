/**
 * A save that stops halfway, for `atomic_write.test.ts` to kill: writes `argv[3]` bytes to the path
 * `argv[2]` with kerasm's `writeFileAtomic`, but the write puts down half of them and never
 * returns; then it prints `stalled` and waits to be killed.
 */
import { register } from 'node:module';

register('./ts_loader.mjs', import.meta.url);
const { open } = await import('node:fs/promises');
const { writeFileAtomic } = await import('../../../ts/runtime/atomic_write.ts');

const [path, size] = [process.argv[2], Number(process.argv[3])];
const probe = await open(process.argv[1], 'r');
const FileHandle = Object.getPrototypeOf(probe);
await probe.close();
FileHandle.writeFile = async function (data) {
  await this.write(data.subarray(0, data.length >> 1));
  process.stdout.write('stalled\n');
  // Keep the process alive until it is killed.
  setInterval(() => {}, 1000);
  return new Promise(() => {});
};
await writeFileAtomic(path, new Uint8Array(size).fill(7));
