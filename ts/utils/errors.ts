/** The error classes kerasm throws; names follow Python Keras, so messages can be searched. */

/** A bad argument: a shape, dtype, identifier or value that the op or layer cannot take. */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** A WebAssembly trap: always a kerasm bug, never the user's. The runtime must be reloaded. */
export class KerasmRuntimeError extends Error {
  override name = 'KerasmRuntimeError';
}

/** Python's `RuntimeError`, where Keras raises one (e.g. `TerminateOnNaN(raiseError: true)` on a NaN loss). */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/** A missing key, as Python's `KeyError` (e.g. a file name template naming a log entry that is absent). */
export class KeyError extends Error {
  override name = 'KeyError';
}
