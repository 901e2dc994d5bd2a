/**
 * `Dataset`: a small `tf.data` for the common input pipeline: `fromArrays` (tf's
 * `from_tensor_slices`) or `fromGenerator`, then `map`, `shuffle`, `batch`, `prefetch`, `take`,
 * `skip`, `repeat`, and async iteration. `fit` / `evaluate` / `predict` take one as `x`.
 *
 * Elements stay JavaScript values (numbers, typed arrays, nested arrays) until `batch` stacks
 * them into Tensors; a batched element's Tensors belong to whoever reads it (`fit` frees them
 * after its step). Tensors in elements that a pipeline drops (a shuffle buffer left behind, the
 * inputs a `map` did not return) are freed.
 */
import { dispose, tidy } from '../tensor/scope.js';
import { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { Random } from '../utils/random.js';
import { type ArrayStructure, sliceRows } from './columns.js';
import { type ElementKind, stackElements } from './stack.js';

export type { ElementKind } from './stack.js';

/** The options of {@link Dataset.batch}. */
export interface BatchOptions {
  /** Drop the last batch when it has fewer than `batchSize` elements. Default false. */
  dropRemainder?: boolean;
}

/** The options of {@link Dataset.shuffle}. */
export interface ShuffleOptions {
  /** Seed of the shuffling order. Default null: drawn from the global source (`setRandomSeed`). */
  seed?: number | null;
  /** Draw a different order on each iteration (each epoch). Default true. */
  reshuffleEachIteration?: boolean;
}

/** tf's cardinality when the number of elements is not known without iterating. */
export const UNKNOWN_CARDINALITY = -2;
/** tf's cardinality of an endless dataset. */
export const INFINITE_CARDINALITY = -1;

export class Dataset<T = unknown> implements AsyncIterable<T> {
  private constructor(
    private readonly open: () => AsyncIterator<T>,
    /** The number of elements (or one of the cardinality constants). */
    private readonly size: number,
    /** The elements' structure, when known (arrays sliced by `fromArrays`). */
    private readonly kind: ElementKind = null,
  ) {}

  /**
   * The rows of `data`: one array (elements are its rows), a list `[x, y]` (elements `[xRow,
   * yRow]`) or a dict by name (elements `{ name: row }`); Tensors, nested or typed arrays, all
   * with the same number of rows.
   */
  static fromArrays(data: ArrayStructure): Dataset<unknown> {
    const { rows, kind, element } = sliceRows(data);
    return new Dataset(() => fromSync(Array.from({ length: rows }, (_, i) => i).values(), element), rows, kind);
  }

  /**
   * The elements of a list, as tfjs's `tf.data.array`. `kind` says how they are built when a
   * list of numbers could be either (`'list'`: each is `[x, y]`; `'leaf'`: each is one row).
   */
  static fromElements<U>(elements: readonly U[], kind: ElementKind = null): Dataset<U> {
    return new Dataset(() => fromSync(elements.values(), (v) => v), elements.length, kind);
  }

  /** The elements yielded by `generator` (called afresh for each iteration; sync or async). */
  static fromGenerator<U>(generator: () => Iterable<U> | AsyncIterable<U>): Dataset<U> {
    return new Dataset(() => {
      const iterable = generator();
      if (Symbol.asyncIterator in iterable) return iterable[Symbol.asyncIterator]();
      return fromSync(iterable[Symbol.iterator](), (v) => v);
    }, UNKNOWN_CARDINALITY);
  }

  /** How the elements are built, when known (arrays sliced by `fromArrays`). */
  get elementKind(): ElementKind {
    return this.kind;
  }

  /** The number of elements, `INFINITE_CARDINALITY` (-1) or `UNKNOWN_CARDINALITY` (-2), as tf's `cardinality()`. */
  cardinality(): number {
    return this.size;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.open();
  }

  /**
   * Each element through `fn` (synchronous, run inside `tidy`: the Tensors it returns survive,
   * the other Tensors it makes are freed, and so are the input's Tensors it does not return).
   */
  map<U>(fn: (element: T) => U): Dataset<U> {
    const upstream = this.open;
    return new Dataset<U>(
      async function* () {
        for await (const element of iterate(upstream)) {
          const out = tidy(() => fn(element) as never) as U;
          freeAllBut(element, out);
          yield out;
        }
      } as () => AsyncIterator<U>,
      this.size,
    );
  }

  /** Consecutive elements stacked into batches of `batchSize` (Tensors with a first axis of that size). */
  batch(batchSize: number, options: BatchOptions = {}): Dataset<unknown> {
    checkPositive(batchSize, 'batch_size');
    const dropRemainder = options.dropRemainder ?? false;
    const [upstream, kind] = [this.open, this.kind];
    const size = this.size < 0 ? this.size : dropRemainder ? Math.floor(this.size / batchSize) : Math.ceil(this.size / batchSize);
    return new Dataset(async function* () {
      let pending: unknown[] = [];
      try {
        for await (const element of iterate(upstream)) {
          pending.push(element);
          if (pending.length === batchSize) {
            const full = pending;
            pending = [];
            yield stackElements(full, kind);
          }
        }
        if (pending.length > 0 && !dropRemainder) {
          const last = pending;
          pending = [];
          yield stackElements(last, kind);
        }
      } finally {
        dispose(pending as never);
      }
    }, size);
  }

  /**
   * Elements in random order, drawn from a buffer of `bufferSize` (as tf.data: a buffer as large
   * as the dataset shuffles uniformly; a smaller one only locally).
   */
  shuffle(bufferSize: number, options: ShuffleOptions = {}): Dataset<T> {
    checkPositive(bufferSize, 'buffer_size');
    const upstream = this.open;
    const seed = options.seed ?? null;
    const reshuffle = options.reshuffleEachIteration ?? true;
    // One generator for every iteration draws a new order each time; a fixed seed per iteration repeats it.
    const shared = new Random(seed);
    const fixedSeed = reshuffle ? 0 : Math.floor(shared.next() * 2 ** 32);
    return new Dataset(async function* () {
      const random = reshuffle ? shared : new Random(fixedSeed);
      const buffer: T[] = [];
      try {
        for await (const element of iterate(upstream)) {
          if (buffer.length < bufferSize) {
            buffer.push(element);
            continue;
          }
          const j = Math.floor(random.next() * bufferSize);
          const out = buffer[j]!;
          buffer[j] = element;
          yield out;
        }
        while (buffer.length > 0) {
          const j = Math.floor(random.next() * buffer.length);
          const out = buffer[j]!;
          buffer[j] = buffer[buffer.length - 1]!;
          buffer.pop();
          yield out;
        }
      } finally {
        dispose(buffer as never);
      }
    }, this.size, this.kind);
  }

  /** Reads up to `bufferSize` elements ahead of the consumer (async sources then overlap the consumer's work). */
  prefetch(bufferSize: number): Dataset<T> {
    checkPositive(bufferSize, 'buffer_size');
    const upstream = this.open;
    return new Dataset(async function* () {
      const iterator = upstream();
      const ahead: Promise<IteratorResult<T>>[] = [];
      try {
        for (;;) {
          while (ahead.length < bufferSize) ahead.push(iterator.next());
          const next = await ahead.shift()!;
          if (next.done) return;
          yield next.value;
        }
      } finally {
        const left = await Promise.allSettled(ahead);
        for (const r of left) if (r.status === 'fulfilled' && !r.value.done) dispose(r.value.value as never);
        await iterator.return?.();
      }
    }, this.size, this.kind);
  }

  /** The first `count` elements (all when `count` is -1). */
  take(count: number): Dataset<T> {
    const upstream = this.open;
    const size = count < 0 ? this.size : this.size === UNKNOWN_CARDINALITY ? UNKNOWN_CARDINALITY : this.size === INFINITE_CARDINALITY ? count : Math.min(count, this.size);
    return new Dataset(async function* () {
      if (count === 0) return;
      let taken = 0;
      for await (const element of iterate(upstream)) {
        yield element;
        if (++taken === count) return;
      }
    }, size, this.kind);
  }

  /** All but the first `count` elements (none when `count` is -1). */
  skip(count: number): Dataset<T> {
    const upstream = this.open;
    const size = this.size < 0 ? this.size : count < 0 ? 0 : Math.max(0, this.size - count);
    return new Dataset(async function* () {
      if (count < 0) return;
      let seen = 0;
      for await (const element of iterate(upstream)) {
        if (seen++ < count) dispose(element as never);
        else yield element;
      }
    }, size, this.kind);
  }

  /** The elements `count` times over (endlessly when `count` is null or -1), each pass a new iteration. */
  repeat(count: number | null = null): Dataset<T> {
    const upstream = this.open;
    const times = count === null || count < 0 ? Infinity : count;
    const size = times === Infinity ? (this.size === 0 ? 0 : INFINITE_CARDINALITY) : this.size < 0 ? this.size : this.size * times;
    return new Dataset(async function* () {
      for (let pass = 0; pass < times; pass++) {
        let any = false;
        for await (const element of iterate(upstream)) {
          any = true;
          yield element;
        }
        if (!any) return; // an empty dataset repeated is empty, not an endless loop
      }
    }, size, this.kind);
  }
}

/** The iteration `open` starts, as a `for await` source (closed when the loop ends early). */
function iterate<T>(open: () => AsyncIterator<T>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: open };
}

/** A sync iterator mapped element by element, as an async one. */
async function* fromSync<S, T>(iterator: Iterator<S>, element: (s: S) => T): AsyncGenerator<T> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield element(next.value);
}

/** Frees the Tensors of `input` that `output` does not hold. */
function freeAllBut(input: unknown, output: unknown): void {
  const kept = new Set<Tensor>();
  collect(output, kept);
  const dropped = new Set<Tensor>();
  collect(input, dropped);
  for (const t of dropped) if (!kept.has(t)) t.dispose();
}

function collect(value: unknown, into: Set<Tensor>): void {
  if (typeof value !== 'object' || value === null) return;
  if (value instanceof Tensor) into.add(value);
  else if (Array.isArray(value)) for (const v of value) collect(v, into);
  else if (Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) collect(v, into);
}

function checkPositive(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new ValueError(`\`${name}\` must be a positive integer. Received: ${name}=${value}`);
}
