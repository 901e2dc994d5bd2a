/**
 * The messages between a page and the kerasm Worker of `proxy()`. Only structured-clonable
 * values cross: layer configs in Keras's serialized form, arrays as typed arrays with a shape,
 * and metric logs as plain numbers.
 */
import type { InitOptions, RuntimeInfo } from '../runtime/loader.js';
import type { Logs } from '../training/callbacks/callback.js';

/** An n-dimensional array as it crosses to and from the Worker. */
export interface RemoteArray {
  data: Float32Array | Int32Array;
  shape: number[];
}

/** What the page asks of the Worker. `model` is the id the Worker gave the model. */
export type Request =
  | { method: 'init'; options: InitOptions }
  | { method: 'sequential'; layers: unknown[]; name?: string }
  | { method: 'modelFromJSON'; json: string }
  | { method: 'compile'; model: number; args: unknown }
  | { method: 'fit'; model: number; x: RemoteArray; y: RemoteArray; args: RemoteFitArgs }
  | { method: 'evaluate'; model: number; x: RemoteArray; y: RemoteArray; batchSize?: number }
  | { method: 'predict'; model: number; x: RemoteArray; batchSize?: number }
  | { method: 'summary'; model: number }
  | { method: 'plotModel'; model: number; options: Record<string, unknown> }
  | { method: 'toJSON'; model: number }
  | { method: 'getWeights'; model: number }
  | { method: 'setWeights'; model: number; weights: RemoteArray[] }
  | { method: 'save'; model: number; format: 'keras' | 'h5' }
  | { method: 'loadModel'; bytes: Uint8Array; compile: boolean }
  | { method: 'dispose'; model: number };

/** `fit()`'s options that cross as data; the page keeps the callbacks. */
export interface RemoteFitArgs {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  validationSplit?: number;
  /** Whether the page wants per-batch progress messages. */
  batchProgress: boolean;
}

export type Envelope<T> = T & { id: number };

/** The Worker's answers: a result, an error, or (during `fit`) progress for the request `id`. */
export type Reply =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string } }
  | { id: number; progress: { hook: 'batchEnd' | 'epochEnd'; index: number; logs: Logs } };

export type { InitOptions, RuntimeInfo };
