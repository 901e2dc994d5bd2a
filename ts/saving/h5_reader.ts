/**
 * Reading HDF5 files without trusting them and without copying them. libhdf5 can loop forever on
 * some corrupt files (the fuzz test found one), and a loop inside WebAssembly cannot be
 * interrupted on the thread that runs it. So in Node the file is read in a worker thread, given a
 * time limit that grows with the file's size; past it the worker is terminated and the read fails
 * with a ValueError. Where no worker can be started (browsers for now) the file is read on the
 * calling thread, with the same size bounds but no time limit.
 *
 * The worker shares the file's bytes (a SharedArrayBuffer: `readSource` reads paths straight into
 * one; other bytes are copied into one once), or reads the file itself by its path, a range at a
 * time, and reads it in place through `h5_dump.ts`. Opening
 * gives the tree without the large datasets' values; each is then read on demand, synchronously:
 * the caller posts the request and waits on an `Atomics` flag (with the time limit), and the
 * worker writes the values into a shared buffer reused by every read, grown to the largest
 * dataset read so far. So a load holds one weight at a time in JavaScript, and leaves nothing for
 * the garbage collector to find. Nothing is allocated for a dataset until it is read, and the
 * loaders read one only once its shape matches the variable it is for: a file declaring huge
 * datasets costs memory only for those the model expects, at the size it expects.
 *
 * The worker is idle between loads, so its garbage collector rarely runs, and the shared buffers it
 * was handed stay alive in it long after their files are closed (each load of the same 89 KB `.h5`
 * bytes grew the RSS by ~100 KB, until ~300 MB had piled up). So once the worker has been handed
 * {@link RECYCLE_BYTES} and holds no file open, it is ended, which frees them all at once; the next
 * read starts a new one.
 */
import { isNode } from '../runtime/host.js';
import { ValueError } from '../utils/errors.js';
import { type DumpLimits, type DumpResult, dumpH5, openH5File, readDatasetInto } from './h5_dump.js';
import type { H5DatasetNode, H5GroupNode, NumericArray, NumericArrayName } from './h5_tree.js';
import { MAX_CONFIG_BYTES } from './size_limits.js';

const LIMITS: DumpLimits = { maxObjects: 1_000_000, maxDepth: 64, eagerBytes: 1024, maxAttributeBytes: MAX_CONFIG_BYTES };
/** The time limit: a base, plus time to read each 16 MiB (generous: reading runs at hundreds of MB/s). */
const BASE_MS = 20_000;
const MS_PER_16_MIB = 1_000;
/** How many bytes of shared buffers (files and dataset buffers) the worker is handed before it is recycled when idle. */
const RECYCLE_BYTES = 32 * 2 ** 20;

/** An open HDF5 file: its tree (large datasets read through their `load`), until `close()`. */
export interface H5Reading {
  tree: H5GroupNode;
  close(): void;
}

/** The worker: loads h5wasm from the URL it is given, opens files, and answers reads of datasets. */
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
import { closeSync, openSync, readSync } from 'node:fs';
const { default: h5 } = await import(workerData.h5wasmUrl);
const module = await h5.ready;
module.activate_throwing_error_handler();
const openH5File = (${openH5File.toString()});
const dumpH5 = (${dumpH5.toString()});
const readDatasetInto = (${readDatasetInto.toString()});
const { replies, signal } = workerData;
const files = new Map();
const fromBytes = (bytes) => ({ size: bytes.length, read: (into, at) => (into.set(bytes.subarray(at, at + into.length)), into.length), close() {} });
const fromPath = (path, offset, size) => {
  const fd = openSync(path, 'r');
  const read = (into, at) => {
    const length = Math.max(0, Math.min(into.length, size - at));
    let done = 0;
    for (let n = -1; done < length && n !== 0; done += n) n = readSync(fd, into, done, length - done, offset + at + done);
    return done;
  };
  return { size, read, close: () => closeSync(fd) };
};
const open = ({ id, bytes, path, offset, size, limits }) => {
  const source = bytes ? fromBytes(bytes) : fromPath(path, offset, size);
  const opened = openH5File(h5, module.FS, source, '/read_' + id + '.h5');
  const result = 'error' in opened ? opened : dumpH5(opened.file, source.size, limits);
  if ('error' in result) {
    if (!('error' in opened)) opened.close();
    source.close();
  } else {
    files.set(id, { file: opened.file, close: () => { try { opened.close(); } finally { source.close(); } } });
  }
  return result;
};
parentPort.on('message', (message) => {
  const { type, id } = message;
  if (type === 'open') {
    let result;
    try {
      result = open(message);
    } catch (e) {
      result = { error: 'could not read the file (' + String(e?.message ?? e) + ')' };
    }
    parentPort.postMessage({ id, result });
  } else if (type === 'read') {
    const file = files.get(id);
    const result = file ? readDatasetInto(module, file.file, message.path, message.into) : { error: 'the file is closed' };
    replies.postMessage(result);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  } else if (type === 'close') {
    files.get(id)?.close();
    files.delete(id);
  }
});
`;

interface Request {
  resolve: (result: DumpResult) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface NodeWorkerLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: { id: number; result: DumpResult }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

/** The worker and its synchronous reply channel: a port read with `receiveMessageOnPort`, and a flag to wait on. */
interface ReaderThread {
  worker: NodeWorkerLike;
  /** Bytes of the shared buffers handed to the worker so far, and the files it holds open. */
  handedBytes: number;
  openFiles: number;
  replies: MessagePort;
  signal: Int32Array;
  receive: (port: MessagePort) => { message: { bytes: number } | { error: string } } | undefined;
}

let thread: ReaderThread | null = null;
const requests = new Map<number, Request>();
let nextId = 0;

/**
 * An HDF5 file's bytes, or (Node) where it lies in a file, read in place a range at a time: the
 * file at `path` from `offset` (default 0: the whole file; a `.keras` archive's stored weights
 * entry otherwise) for `size` bytes.
 */
export type H5Source = Uint8Array | { path: string; offset?: number; size: number };

/**
 * Opens the HDF5 file in `source`; a corrupt file is a ValueError naming `what`. `timeLimitMs`
 * overrides the size-based time limit (tests use a short one). The caller must `close()` it.
 */
export async function openH5(source: H5Source, what: string, timeLimitMs?: number): Promise<H5Reading> {
  const size = source instanceof Uint8Array ? source.length : source.size;
  const limitMs = timeLimitMs ?? BASE_MS + MS_PER_16_MIB * Math.ceil(size / 2 ** 24);
  if (isNode) return openInWorker(source instanceof Uint8Array ? { bytes: shared(source) } : { path: source.path, offset: source.offset ?? 0, size: source.size }, what, limitMs);
  if (source instanceof Uint8Array) return openHere(source, what);
  throw new ValueError(`${what}: reading the file path '${source.path}' needs Node.js.`);
}

async function openHere(bytes: Uint8Array, what: string): Promise<H5Reading> {
  const { default: h5 } = await import('h5wasm');
  const module = await h5.ready;
  module.activate_throwing_error_handler();
  const source = { size: bytes.length, read: (into: Uint8Array, at: number) => (into.set(bytes.subarray(at, at + into.length)), into.length) };
  const opened = openH5File(h5, module.FS, source, `/kerasm_read_${nextId++}.h5`);
  if ('error' in opened) throw corrupt(what, opened.error);
  const result = dumpH5(opened.file, bytes.length, LIMITS);
  if ('error' in result) {
    opened.close();
    throw corrupt(what, result.error);
  }
  let open = true;
  attachLoads(result.tree, (bytes) => new Uint8Array(bytes), (path, into) => {
    if (!open) throw closed(what, path);
    const read = readDatasetInto(module, opened.file, path, into);
    if ('error' in read) throw corrupt(what, read.error);
  });
  const close = () => {
    if (open) opened.close();
    open = false;
  };
  return { tree: result.tree, close };
}

async function openInWorker(file: { bytes: Uint8Array } | { path: string; offset: number; size: number }, what: string, limitMs: number): Promise<H5Reading> {
  const reader = await startThread();
  const id = nextId++;
  reader.openFiles++;
  if ('bytes' in file) reader.handedBytes += file.bytes.length;
  const result = await new Promise<DumpResult>((resolve, reject) => {
    const timer = setTimeout(() => stopThread(new ValueError(`${what}: reading the HDF5 file did not finish within ${limitMs / 1000} s; the file is corrupt.`)), limitMs);
    requests.set(id, { resolve, reject, timer });
    reader.worker.postMessage({ type: 'open', id, ...file, limits: LIMITS });
  });
  if ('error' in result) {
    closedIn(reader);
    throw corrupt(what, result.error);
  }
  let open = true;
  const allocate = (bytes: number) => {
    reader.handedBytes += bytes;
    return new Uint8Array(new SharedArrayBuffer(bytes));
  };
  attachLoads(result.tree, allocate, (path, into) => {
    if (!open || thread !== reader) throw closed(what, path);
    readInWorker(reader, { id, path, into }, what, limitMs);
  });
  const close = () => {
    if (open && thread === reader) reader.worker.postMessage({ type: 'close', id });
    if (open) closedIn(reader);
    open = false;
  };
  return { tree: result.tree, close };
}

/** Counts a file of `reader` closed; ends the worker when it is idle and has been handed {@link RECYCLE_BYTES}. */
function closedIn(reader: ReaderThread): void {
  reader.openFiles--;
  if (thread === reader && reader.openFiles === 0 && reader.handedBytes >= RECYCLE_BYTES) stopThread(null);
}

/** One dataset's values read by the worker into `request.into`, waited for synchronously (the caller's reads are synchronous). */
function readInWorker(reader: ReaderThread, request: { id: number; path: string; into: Uint8Array }, what: string, limitMs: number): void {
  const { path } = request;
  Atomics.store(reader.signal, 0, 0);
  reader.worker.postMessage({ type: 'read', ...request });
  if (Atomics.wait(reader.signal, 0, 0, limitMs) === 'timed-out') {
    const error = new ValueError(`${what}: reading dataset '${path}' did not finish within ${limitMs / 1000} s; the file is corrupt.`);
    stopThread(error);
    throw error;
  }
  const reply = reader.receive(reader.replies)?.message;
  if (!reply) throw new ValueError(`${what}: the HDF5 reader gave no value for dataset '${path}'.`);
  if ('error' in reply) throw corrupt(what, reply.error);
}

/** `bytes` in a SharedArrayBuffer, so the worker reads them in place: as they are when they already are, else copied once. */
function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

const ARRAYS: Record<NumericArrayName, { new (buffer: ArrayBufferLike, offset: number, length: number): NumericArray; BYTES_PER_ELEMENT: number }> = {
  Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, BigInt64Array, Uint8Array, Uint16Array, Uint32Array, BigUint64Array,
};

/** The datasets whose values did not come with the tree. */
function lazyDatasets(group: H5GroupNode): H5DatasetNode[] {
  return Object.values(group.children).flatMap((child) => (child.type === 'Group' ? lazyDatasets(child) : child.data === null ? [child] : []));
}

function datasetBytes(dataset: H5DatasetNode): number {
  return dataset.shape.reduce((a, b) => a * b, 1) * ARRAYS[dataset.elements].BYTES_PER_ELEMENT;
}

/**
 * Gives every dataset whose values did not come with the tree a `load`: `read` fills a buffer
 * shared by all loads, viewed as its elements. The buffer is made by `allocate` when a dataset
 * larger than any read before it is read, not before.
 */
function attachLoads(tree: H5GroupNode, allocate: (bytes: number) => Uint8Array, read: (path: string, into: Uint8Array) => void): void {
  let into = allocate(0);
  for (const dataset of lazyDatasets(tree)) {
    dataset.load = () => {
      const bytes = datasetBytes(dataset);
      if (into.length < bytes) into = allocate(bytes);
      read(dataset.path, into);
      return new ARRAYS[dataset.elements](into.buffer, into.byteOffset, dataset.shape.reduce((a, b) => a * b, 1));
    };
  }
}

async function startThread(): Promise<ReaderThread> {
  if (thread) return thread;
  const { Worker, MessageChannel, receiveMessageOnPort } = await import('node:worker_threads');
  const h5wasmUrl = import.meta.resolve('h5wasm');
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`), {
    workerData: { h5wasmUrl, replies: port2, signal },
    transferList: [port2],
  }) as unknown as NodeWorkerLike;
  worker.on('message', ({ id, result }) => settle(id, (r) => r.resolve(result)));
  worker.on('error', (error) => stopThread(new ValueError(`The HDF5 reader failed: ${error.message}`)));
  // An idle reader must not keep the process alive.
  worker.unref();
  thread = { worker, handedBytes: 0, openFiles: 0, replies: port1 as unknown as MessagePort, signal, receive: receiveMessageOnPort as unknown as ReaderThread['receive'] };
  return thread;
}

function settle(id: number, action: (request: Request) => void): void {
  const request = requests.get(id);
  if (!request) return;
  clearTimeout(request.timer);
  requests.delete(id);
  action(request);
}

/**
 * Ends the worker and fails every read in flight with `error` (the worker is stuck or broken), or
 * with none (it is idle and recycled); the next read starts a new one.
 */
function stopThread(error: Error | null): void {
  const stopped = thread;
  thread = null;
  if (error) for (const id of [...requests.keys()]) settle(id, (r) => r.reject(error));
  stopped?.replies.close();
  void stopped?.worker.terminate();
}

function closed(what: string, path: string): ValueError {
  return new ValueError(`${what}: dataset '${path}' was not read: the file is closed.`);
}

function corrupt(what: string, message: string): ValueError {
  return new ValueError(`${what}: ${firstLine(message)}.`);
}

function firstLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('HDF5-DIAG'));
  return (lines.length > 1 ? `${lines[0]} ${lines[1]}` : lines[0] ?? text).slice(0, 300);
}
