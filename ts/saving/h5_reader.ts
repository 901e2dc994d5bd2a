/**
 * Reading HDF5 files without trusting them. libhdf5 can loop forever on some corrupt files
 * (the fuzz test found one), and a loop inside WebAssembly cannot be interrupted on the thread
 * that runs it. So in Node the file is read in a worker thread, given a time limit that grows
 * with the file's size; past it the worker is terminated and the read fails with a ValueError.
 * Where no worker can be started (browsers for now) the file is read on the calling thread,
 * with the same size bounds but no time limit.
 */
import { isNode } from '../runtime/host.js';
import { ValueError } from '../utils/errors.js';
import { type DumpLimits, type DumpResult, dumpH5 } from './h5_dump.js';
import type { H5GroupNode } from './h5_tree.js';

const LIMITS: DumpLimits = { maxObjects: 1_000_000, maxDepth: 64 };
/** The time limit: a base, plus time to read each 16 MiB (generous: reading runs at hundreds of MB/s). */
const BASE_MS = 20_000;
const MS_PER_16_MIB = 1_000;

/** The worker: loads h5wasm from the URL it is given and answers each request with a tree. */
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
const { default: h5 } = await import(workerData.h5wasmUrl);
const module = await h5.ready;
module.activate_throwing_error_handler();
const dumpH5 = (${dumpH5.toString()});
let counter = 0;
parentPort.on('message', ({ id, bytes, limits }) => {
  const result = dumpH5(h5, module.FS, bytes, '/read_' + counter++ + '.h5', limits);
  const buffers = [];
  const collect = (node) => {
    if (node.type === 'Dataset') buffers.push(node.data.buffer);
    else for (const child of Object.values(node.children)) collect(child);
  };
  if (result.tree) collect(result.tree);
  parentPort.postMessage({ id, result }, buffers);
});
`;

interface Request {
  resolve: (result: DumpResult) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface NodeWorkerLike {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: { id: number; result: DumpResult }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

let worker: NodeWorkerLike | null = null;
const requests = new Map<number, Request>();
let nextId = 0;

/**
 * The tree of the HDF5 file in `bytes`; a corrupt file is a ValueError naming `what`.
 * `timeLimitMs` overrides the size-based time limit (tests use a short one).
 */
export async function readH5Tree(bytes: Uint8Array, what: string, timeLimitMs?: number): Promise<H5GroupNode> {
  const result = isNode ? await readInWorker(bytes, what, timeLimitMs ?? BASE_MS + MS_PER_16_MIB * Math.ceil(bytes.length / 2 ** 24)) : await readHere(bytes);
  if ('error' in result) throw new ValueError(`${what}: ${firstLine(result.error)}.`);
  return result.tree;
}

async function readHere(bytes: Uint8Array): Promise<DumpResult> {
  const { default: h5 } = await import('h5wasm');
  const module = await h5.ready;
  module.activate_throwing_error_handler();
  return dumpH5(h5, module.FS, bytes, `/kerasm_read_${nextId++}.h5`, LIMITS);
}

async function readInWorker(bytes: Uint8Array, what: string, limitMs: number): Promise<DumpResult> {
  const thread = await startWorker();
  const id = nextId++;
  return new Promise<DumpResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      stopWorker(new ValueError(`${what}: reading the HDF5 file did not finish within ${limitMs / 1000} s; the file is corrupt.`));
    }, limitMs);
    requests.set(id, { resolve, reject, timer });
    // A copy is moved (not cloned) to the worker; the caller's bytes (often a view into the archive) stay intact.
    const copy = bytes.slice();
    thread.postMessage({ id, bytes: copy, limits: LIMITS }, [copy.buffer]);
  });
}

async function startWorker(): Promise<NodeWorkerLike> {
  if (worker) return worker;
  const { Worker } = await import('node:worker_threads');
  const h5wasmUrl = import.meta.resolve('h5wasm');
  const thread = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`), { workerData: { h5wasmUrl } }) as unknown as NodeWorkerLike;
  thread.on('message', ({ id, result }) => settle(id, (r) => r.resolve(result)));
  thread.on('error', (error) => stopWorker(new ValueError(`The HDF5 reader failed: ${error.message}`)));
  // An idle reader must not keep the process alive.
  thread.unref();
  worker = thread;
  return thread;
}

function settle(id: number, action: (request: Request) => void): void {
  const request = requests.get(id);
  if (!request) return;
  clearTimeout(request.timer);
  requests.delete(id);
  action(request);
}

/** Ends the worker (stuck or broken) and fails every read in flight; the next read starts a new one. */
function stopWorker(error: Error): void {
  const thread = worker;
  worker = null;
  for (const id of [...requests.keys()]) settle(id, (r) => r.reject(error));
  void thread?.terminate();
}

function firstLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('HDF5-DIAG'));
  return (lines.length > 1 ? `${lines[0]} ${lines[1]}` : lines[0] ?? text).slice(0, 300);
}
