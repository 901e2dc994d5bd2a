/**
 * Loads one of the two WebAssembly builds and starts its thread pool. The threaded SIMD build
 * is chosen wherever threads can run (Node always; a cross-origin isolated Worker in browsers),
 * the single-thread SIMD build everywhere else. `info()` says which one runs and why.
 */
import { setGlue } from './binding.js';
import { type Variant, builds, threadedGlueUrl } from './builds.js';
import { availableCores, isNode, threadSupport } from './host.js';

export type { Variant } from './builds.js';

export interface InitOptions {
  /**
   * Threads that run kernels (threaded build only), the thread that loads kerasm included: it
   * takes part in every parallel loop it starts. Default: the available cores.
   */
  threads?: number;
  /** Force a build; default: threaded where the host supports it, else simd. */
  variant?: Variant;
}

export interface RuntimeInfo {
  /** The build that runs: `'threaded'` (threads + SIMD) or `'simd'` (single thread + SIMD). */
  variant: Variant;
  /** How many threads run kernels. */
  threads: number;
  /** Why this build was picked. */
  reason: string;
}

let started: Promise<RuntimeInfo> | null = null;
let current: RuntimeInfo | null = null;

/**
 * Loads the runtime. Later calls return the first call's result: a module's thread pool is
 * fixed once started, so options must be given to the first call (or through the environment
 * variables `KERASM_THREADS` and `KERASM_VARIANT` in Node).
 */
export function init(options: InitOptions = {}): Promise<RuntimeInfo> {
  started ??= load({ ...optionsFromEnvironment(), ...options }).then((loaded) => (current = loaded));
  return started;
}

/** The running build and thread count; throws before `init()` has finished. */
export function info(): RuntimeInfo {
  if (current === null) throw new Error('kerasm runtime not initialised: await runtime.init() first');
  return current;
}

function optionsFromEnvironment(): InitOptions {
  if (!isNode) return {};
  const env = process.env;
  const options: InitOptions = {};
  if (env.KERASM_THREADS) options.threads = Number(env.KERASM_THREADS);
  if (env.KERASM_VARIANT === 'threaded' || env.KERASM_VARIANT === 'simd') options.variant = env.KERASM_VARIANT;
  return options;
}

async function load(options: InitOptions): Promise<RuntimeInfo> {
  const support = threadSupport();
  if (options.variant === 'threaded' && !support.possible) {
    throw new Error(`the threaded kerasm build cannot run here: ${support.reason}`);
  }
  const variant: Variant = options.variant ?? (support.possible ? 'threaded' : 'simd');
  const reason = options.variant ? `requested ${options.variant}` : support.reason;
  const build = builds[variant];
  const threads = variant === 'threaded' ? checkedThreadCount(options.threads ?? (await availableCores())) : 1;

  if (variant === 'threaded' && isNode) {
    const { prestartHelpers } = await import('./threads/node.js');
    prestartHelpers(threadedGlueUrl(), threads - 1);
  }
  const glue = await build.glue();
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    // readFile's Buffer is typed as possibly shared; the bytes it returns never are.
    const bytes = (await readFile(build.wasmUrl())) as Uint8Array<ArrayBuffer>;
    glue.initSync({ module: await WebAssembly.compile(bytes) });
  } else {
    await glue.default({ module_or_path: build.wasmUrl() });
  }
  setGlue(glue);

  if (variant === 'threaded') await (await import('./threads/pool.js')).startPool(glue, threads);
  return { variant, threads, reason };
}

function checkedThreadCount(threads: number): number {
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new Error(`threads must be an integer between 1 and 256, received ${threads}`);
  }
  return threads;
}
