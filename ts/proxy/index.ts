/**
 * kerasm in a dedicated Worker, driven from the page with the same Keras calls returning promises
 * (as ONNX Runtime Web's `wasm.proxy`): the page's main thread never runs a kernel, and the Worker
 * gets the threaded build when the page is cross-origin isolated.
 *
 * @example
 * const remote = await proxy();
 * const model = await remote.sequential([
 *   { class_name: 'InputLayer', config: { batch_shape: [null, 784] } },
 *   { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
 * ]);
 * await model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
 * await model.fit(x, y, { epochs: 2, onBatchEnd: (batch, logs) => draw(logs.loss) });
 * const probabilities = await model.predict(x);   // { data: Float32Array, shape }
 *
 * This module does not load WebAssembly itself, so importing it costs the page nothing.
 */
import { ValueError } from '../utils/errors.js';
import type { Envelope, InitOptions, RemoteArray, RemoteFitArgs, Reply, Request, RuntimeInfo } from './protocol.js';
import type { LogValue, Logs } from '../training/callbacks/callback.js';
import type { PlotModelOptions } from '../plot/plot_model.js';

export type { RemoteArray, RuntimeInfo };

/** Options of {@link RemoteModel.fit}: `fit()`'s data options and the page-side hooks. */
export interface RemoteFitOptions extends Omit<RemoteFitArgs, 'batchProgress'> {
  /** Called on the page after each training batch with the epoch's running metrics. */
  onBatchEnd?: (batch: number, logs: Logs) => void;
  /** Called on the page after each epoch with its training and validation metrics. */
  onEpochEnd?: (epoch: number, logs: Logs) => void;
}

type ProgressHandler = (hook: 'batchEnd' | 'epochEnd', index: number, logs: Logs) => void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: ProgressHandler;
}

/** The page's end of the channel: numbered requests, answers matched by number. */
class Channel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', ({ data }: MessageEvent<Reply>) => this.receive(data));
    worker.addEventListener('error', (event) => this.failAll(new Error(`the kerasm worker failed: ${event.message}`)));
  }

  request<T>(request: Request, onProgress?: ProgressHandler): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
      this.worker.postMessage({ ...request, id } satisfies Envelope<Request>);
    });
  }

  private receive(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if ('progress' in reply) {
      pending.onProgress?.(reply.progress.hook, reply.progress.index, reply.progress.logs);
      return;
    }
    this.pending.delete(reply.id);
    if ('error' in reply) pending.reject(remoteError(reply.error));
    else pending.resolve(reply.result);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('the kerasm worker was terminated'));
  }
}

/** The Worker's error as the same class on the page (Keras's ValueError stays a ValueError). */
function remoteError({ name, message }: { name: string; message: string }): Error {
  const error = name === 'ValueError' ? new ValueError(message) : new Error(message);
  if (name !== 'ValueError') error.name = name;
  return error;
}

/** A model that lives in the kerasm Worker; every method is the Keras call, as a promise. */
export class RemoteModel {
  constructor(
    private readonly channel: Channel,
    /** The Worker's id of the model. */
    readonly id: number,
    /** The model's name (Keras's `model.name`). */
    readonly name: string,
  ) {}

  /** `model.compile()`; optimizer, loss and metrics by name or Keras config. */
  compile(args: { optimizer: unknown; loss: unknown; metrics?: unknown; lossWeights?: unknown }): Promise<void> {
    return this.channel.request({ method: 'compile', model: this.id, args });
  }

  /** `model.fit()`; resolves to the History's `history` (metric name → value per epoch). */
  fit(x: RemoteArray, y: RemoteArray, options: RemoteFitOptions = {}): Promise<Record<string, LogValue[]>> {
    const { onBatchEnd, onEpochEnd, ...args } = options;
    const onProgress: ProgressHandler = (hook, index, logs) => (hook === 'batchEnd' ? onBatchEnd : onEpochEnd)?.(index, logs);
    return this.channel.request({ method: 'fit', model: this.id, x, y, args: { ...args, batchProgress: onBatchEnd !== undefined } }, onProgress);
  }

  /** `model.evaluate(…, { returnDict: true })`: metric name → value. */
  evaluate(x: RemoteArray, y: RemoteArray, options: { batchSize?: number } = {}): Promise<Logs> {
    return this.channel.request({ method: 'evaluate', model: this.id, x, y, ...options });
  }

  /** `model.predict()` of a single-output model. */
  predict(x: RemoteArray, options: { batchSize?: number } = {}): Promise<RemoteArray> {
    return this.channel.request({ method: 'predict', model: this.id, x, ...options });
  }

  /** Keras's summary table, as text. */
  summary(): Promise<string> {
    return this.channel.request({ method: 'summary', model: this.id });
  }

  /** The model's graph as SVG text (`plotModel` in the Worker; options without `toFile`). */
  plotModel(options: Omit<PlotModelOptions, 'toFile'> = {}): Promise<string> {
    return this.channel.request({ method: 'plotModel', model: this.id, options: { ...options } });
  }

  /** The model as Keras's JSON (`model.to_json()`), for `remote.modelFromJSON` or a file. */
  toJSON(): Promise<string> {
    return this.channel.request({ method: 'toJSON', model: this.id });
  }

  /** Copies of the weight values, in `model.weights` order. */
  getWeights(): Promise<RemoteArray[]> {
    return this.channel.request({ method: 'getWeights', model: this.id });
  }

  /** Sets every weight, in `model.weights` order. */
  setWeights(weights: RemoteArray[]): Promise<void> {
    return this.channel.request({ method: 'setWeights', model: this.id, weights });
  }

  /**
   * `saveModel()` in the Worker: the bytes of a Keras 3 `.keras` file (default) or a legacy `.h5`
   * file, with the architecture, weights, compile configuration and optimizer state.
   */
  save(options: { format?: 'keras' | 'h5' } = {}): Promise<Uint8Array> {
    return this.channel.request({ method: 'save', model: this.id, format: options.format ?? 'keras' });
  }

  /** Frees the model's weights and optimizer state in the Worker. */
  dispose(): Promise<void> {
    return this.channel.request({ method: 'dispose', model: this.id });
  }
}

/** The kerasm Worker, as returned by {@link proxy}. */
export class RemoteKerasm {
  constructor(
    private readonly channel: Channel,
    /** The build the Worker runs and on how many threads (`runtime.info()` there). */
    readonly info: RuntimeInfo,
  ) {}

  /** A Sequential model of layers given in Keras's serialized form (`{ class_name, config }`). */
  async sequential(layers: { class_name: string; config: Record<string, unknown> }[], options: { name?: string } = {}): Promise<RemoteModel> {
    const made = await this.channel.request<{ id: number; name: string }>({ method: 'sequential', layers, ...options });
    return new RemoteModel(this.channel, made.id, made.name);
  }

  /** A model from Keras's JSON (`model.to_json()`), Sequential or Functional. */
  async modelFromJSON(json: string): Promise<RemoteModel> {
    const made = await this.channel.request<{ id: number; name: string }>({ method: 'modelFromJSON', json });
    return new RemoteModel(this.channel, made.id, made.name);
  }

  /**
   * `loadModel()` in the Worker, from the bytes of a `.keras` or legacy `.h5` file (a `File` from
   * a file picker is a `Blob`). Custom layers must be registered in the Worker to load.
   */
  async loadModel(source: Blob | ArrayBuffer | Uint8Array, options: { compile?: boolean } = {}): Promise<RemoteModel> {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source instanceof Blob ? await source.arrayBuffer() : source);
    const made = await this.channel.request<{ id: number; name: string }>({ method: 'loadModel', bytes, compile: options.compile ?? true });
    return new RemoteModel(this.channel, made.id, made.name);
  }

  /** Stops the Worker; pending calls are rejected. */
  terminate(): void {
    this.channel.terminate();
  }
}

/**
 * Starts kerasm in a dedicated module Worker and resolves once its runtime is loaded. `options`
 * are `runtime.init()`'s (threads, variant), applied in the Worker.
 */
export async function proxy(options: InitOptions = {}): Promise<RemoteKerasm> {
  const channel = new Channel(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
  const info = await channel.request<RuntimeInfo>({ method: 'init', options });
  return new RemoteKerasm(channel, info);
}
