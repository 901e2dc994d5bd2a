/**
 * Attribute tracking, as Keras's `Tracker`: what a layer holds in its properties, directly or
 * inside arrays and plain objects (nested), is found by walking those properties in definition
 * order. kerasm's own classes keep bookkeeping in properties too (`inboundNodes`, a model's
 * `graph` and `trainer`, a Sequential's stack); those are skipped, as Keras's saving walk skips
 * the attributes of a bare `Layer`: each of kerasm's base classes records, at the end of its
 * constructor, the properties it has defined, and tracking never looks at them.
 */

/** The bookkeeping properties of each base class, by its prototype. */
const bookkeeping = new Map<object, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/**
 * Records the properties `instance` has now, at the end of the constructor of `base` (one of
 * kerasm's base classes), as `base`'s bookkeeping: a subclass's own properties come after.
 */
export function recordBookkeeping(base: abstract new (...args: never) => object, instance: object): void {
  if (!bookkeeping.has(base.prototype)) bookkeeping.set(base.prototype, new Set(Object.keys(instance)));
}

/** The bookkeeping of the nearest base class of `owner` that recorded one. */
function bookkeepingOf(owner: object): ReadonlySet<string> {
  for (let proto = Object.getPrototypeOf(owner); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const keys = bookkeeping.get(proto);
    if (keys) return keys;
  }
  return NONE;
}

/** The properties of `owner` that tracking looks at, in definition order: its own enumerable ones, bookkeeping left out. */
export function trackedAttributes(owner: object): [string, unknown][] {
  const skipped = bookkeepingOf(owner);
  return Object.entries(owner).filter(([key]) => !skipped.has(key));
}

/** Whether tracking looks inside `value`: an array or a plain object (a class instance is opaque). */
export function isContainer(value: unknown): value is unknown[] | Record<string, unknown> {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The items of a container, in order (a plain object's values, as Keras walks a dict's). */
export function containerItems(container: unknown[] | Record<string, unknown>): unknown[] {
  return Array.isArray(container) ? container : Object.values(container);
}

/**
 * The values among `values` that `accepts`, looking depth first into containers, each value
 * once; a container that holds itself is walked once.
 */
export function collectTracked<T>(values: unknown[], accepts: (value: unknown) => value is T): T[] {
  const found = new Set<T>();
  const walked = new Set<object>();
  const visit = (value: unknown): void => {
    if (accepts(value)) found.add(value);
    else if (isContainer(value) && !walked.has(value)) {
      walked.add(value);
      containerItems(value).forEach(visit);
    }
  };
  values.forEach(visit);
  return [...found];
}
