/**
 * The Worker side of `proxy()`: it loads kerasm (the threaded build when the page is cross-origin
 * isolated), holds the models the page defines and answers the page's requests in order.
 */
import { init } from '../runtime/loader.js';
import type { LogValue, Logs } from '../training/callbacks/callback.js';
import type { Envelope, RemoteArray, RemoteFitArgs, Reply, Request } from './protocol.js';

type Kerasm = typeof import('../index.js');
type Model = InstanceType<Kerasm['Model']>;
type Tensor = InstanceType<Kerasm['Tensor']>;

let keras: Kerasm | null = null;
const models = new Map<number, Model>();
let nextModelId = 1;

function post(reply: Reply): void {
  // A saved file's bytes move to the page instead of being copied.
  const result = 'result' in reply ? reply.result : undefined;
  postMessage(reply, { transfer: result instanceof Uint8Array && result.buffer instanceof ArrayBuffer ? [result.buffer] : [] });
}

function kerasm(): Kerasm {
  if (keras === null) throw new Error('the kerasm worker received a request before init');
  return keras;
}

function model(id: number): Model {
  const found = models.get(id);
  if (!found) throw new Error(`no model ${id} in the kerasm worker (disposed?)`);
  return found;
}

function adopt(m: Model): { id: number; name: string } {
  const id = nextModelId++;
  models.set(id, m);
  return { id, name: m.name };
}

function toTensor(a: RemoteArray): Tensor {
  return kerasm().tensor(a.data, a.shape, a.data instanceof Int32Array ? 'int32' : 'float32');
}

function toRemote(t: Tensor): RemoteArray {
  const data = t.dataSync();
  return { data: data instanceof Int32Array ? data : Float32Array.from(data), shape: [...t.shape] };
}

/** Runs `f` on tensors made from `arrays`, then frees them. */
async function withTensors<T>(arrays: RemoteArray[], f: (tensors: Tensor[]) => T | Promise<T>): Promise<T> {
  const tensors = arrays.map(toTensor);
  try {
    return await f(tensors);
  } finally {
    for (const t of tensors) t.dispose();
  }
}

async function fit(id: number, m: Model, x: RemoteArray, y: RemoteArray, args: RemoteFitArgs): Promise<Record<string, LogValue[]>> {
  const k = kerasm();
  const progress = (hook: 'batchEnd' | 'epochEnd') => (index: number, logs: Logs) => post({ id, progress: { hook, index, logs } });
  const callback = new k.callbacks.LambdaCallback({
    onEpochEnd: progress('epochEnd'),
    ...(args.batchProgress ? { onBatchEnd: progress('batchEnd') } : {}),
  });
  const { batchProgress: _, ...fitArgs } = args;
  const history = await withTensors([x, y], ([xt, yt]) => m.fit(xt!, yt!, { ...fitArgs, verbose: 0, callbacks: [callback] }));
  return history.history;
}

async function handle(id: number, request: Request): Promise<unknown> {
  switch (request.method) {
    case 'init':
      await init(request.options);
      keras = await import('../index.js');
      return keras.runtime.info();
    case 'sequential': {
      const k = kerasm();
      const layers = request.layers.map((l) => k.deserializeLayer(l as Parameters<Kerasm['deserializeLayer']>[0]));
      return adopt(new k.Sequential(layers, request.name === undefined ? {} : { name: request.name }));
    }
    case 'modelFromJSON':
      return adopt(kerasm().modelFromJSON(request.json));
    case 'compile':
      model(request.model).compile(request.args as Parameters<Model['compile']>[0]);
      return null;
    case 'fit':
      return fit(id, model(request.model), request.x, request.y, request.args);
    case 'evaluate':
      return withTensors([request.x, request.y], ([x, y]) => model(request.model).evaluate(x!, y!, { verbose: 0, batchSize: request.batchSize, returnDict: true }));
    case 'predict':
      return withTensors([request.x], ([x]) => {
        const out = model(request.model).predict(x!, { verbose: 0, batchSize: request.batchSize });
        try {
          return toRemote(out);
        } finally {
          out.dispose();
        }
      });
    case 'summary': {
      const lines: string[] = [];
      model(request.model).summary({ printFn: (line) => lines.push(line) });
      return lines.join('\n');
    }
    case 'plotModel':
      return kerasm().plotModel(model(request.model), request.options);
    case 'toJSON':
      return model(request.model).toJSON();
    case 'getWeights': {
      const weights = model(request.model).getWeights();
      try {
        return weights.map(toRemote);
      } finally {
        for (const w of weights) w.dispose();
      }
    }
    case 'setWeights':
      return withTensors(request.weights, (weights) => {
        model(request.model).setWeights(weights);
        return null;
      });
    case 'save':
      return kerasm().saveModel(model(request.model), { format: request.format });
    case 'loadModel':
      return adopt(await kerasm().loadModel(request.bytes, { compile: request.compile }));
    case 'dispose':
      model(request.model).dispose();
      models.delete(request.model);
      return null;
  }
}

// Requests run one at a time, in the order sent, as calls on one model would in a page.
let queue: Promise<void> = Promise.resolve();
self.addEventListener('message', ({ data }: MessageEvent<Envelope<Request>>) => {
  queue = queue.then(async () => {
    try {
      post({ id: data.id, result: await handle(data.id, data) });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      post({ id: data.id, error: { name: error.name, message: error.message } });
    }
  });
});
