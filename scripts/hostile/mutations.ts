/**
 * Hostile inputs made from good ones, the same on every run for a given seed: byte mutations of a
 * whole file (flipped bytes, truncation, zeroed ranges, runs of 0xff) and structural mutations of
 * a model's config (one value deep in the JSON replaced by a hostile one: a wrong type, a huge or
 * negative size, a name found on `Object.prototype`, a deep nesting).
 */

/** xorshift32: numbers in [0, 1), the same sequence for the same seed. */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

/** One byte mutation of `source`: flipped bytes, a truncation, a zeroed range, or a run of 0xff (huge sizes and offsets). */
export function mutateBytes(source: Uint8Array, rand: () => number): Uint8Array {
  const bytes = source.slice();
  const at = () => Math.floor(rand() * bytes.length);
  switch (Math.floor(rand() * 4)) {
    case 0:
      for (let i = 0, n = 1 + Math.floor(rand() * 8); i < n; i++) bytes[at()] = Math.floor(rand() * 256);
      return bytes;
    case 1:
      return bytes.slice(0, at());
    case 2: {
      const start = at();
      return bytes.fill(0, start, start + 1 + Math.floor(rand() * 64));
    }
    default: {
      const start = at();
      return bytes.fill(0xff, start, start + 1 + Math.floor(rand() * 8));
    }
  }
}

/** A value nested `depth` times in `{ class_name, config: { layers: [...] } }`, as a model inside a model. */
function nestedModels(depth: number): unknown {
  let inner: unknown = { class_name: 'Sequential', config: { name: 'm', layers: [] } };
  for (let i = 0; i < depth; i++) inner = { module: 'keras', class_name: 'Sequential', registered_name: null, config: { name: `m${i}`, layers: [inner] } };
  return inner;
}

/** What a mutation puts in place of a value. */
const HOSTILE_VALUES: (() => unknown)[] = [
  () => null, () => undefined, () => true, () => 0, () => -5, () => 1.5, () => 1e12, () => -1e12, () => Number.MAX_SAFE_INTEGER,
  () => '', () => 'x', () => 'constructor', () => '__proto__', () => 'toString', () => 'valueOf', () => 'hasOwnProperty',
  () => ({}), () => [], () => [[]], () => [null], () => [-5, 64], () => [1e9, 1e9], () => [1.5], () => ['a', 'b'],
  () => ({ class_name: 'constructor', config: {} }), () => ({ class_name: '__proto__', config: null }),
  () => JSON.parse('{"__proto__": {"polluted": true}}'), () => nestedModels(50),
];

/** Every path to a value in `value` (object keys and array indices), the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([...prefix, i]); paths(v, [...prefix, i], out); });
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { out.push([...prefix, k]); paths(v, [...prefix, k], out); }
  }
  return out;
}

/** Keys a mutation renames an object's key to: names found on `Object.prototype`, and a key from another place. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'prototype', 'class_name', 'config', 'layers'];

/**
 * One structural mutation of `config` (a JSON value, left as it is): one to three values at random
 * paths replaced by hostile ones, removed, or their keys renamed to hostile ones. Returns the
 * mutated copy and what was done.
 */
export function mutateConfig(config: unknown, rand: () => number): { config: unknown; change: string } {
  const copy = JSON.parse(JSON.stringify(config)) as unknown;
  const changes: string[] = [];
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = all[Math.floor(rand() * all.length)]!;
    const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    const pick = Math.floor(rand() * (HOSTILE_VALUES.length + 2));
    // A rename picked for an array element removes it instead.
    if (pick === HOSTILE_VALUES.length || (pick > HOSTILE_VALUES.length && Array.isArray(parent))) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      changes.push(`${path.join('.')} removed`);
    } else if (pick > HOSTILE_VALUES.length) {
      const renamed = HOSTILE_KEYS[Math.floor(rand() * HOSTILE_KEYS.length)]!;
      // defineProperty, so that `__proto__` becomes an own key (as JSON.parse makes it), not the prototype.
      Object.defineProperty(parent, renamed, { value: parent[key], enumerable: true, writable: true, configurable: true });
      if (renamed !== key) delete parent[key];
      changes.push(`${path.join('.')} renamed to ${renamed}`);
    } else {
      const value = HOSTILE_VALUES[pick]!();
      parent[key] = value;
      changes.push(`${path.join('.')} = ${JSON.stringify(value)?.slice(0, 60)}`);
    }
  }
  return { config: copy, change: changes.join('; ') };
}
