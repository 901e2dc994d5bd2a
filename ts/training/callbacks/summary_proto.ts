/**
 * TensorBoard's `Event` protocol buffers, encoded by hand for the few fields kerasm writes
 * (tensorflow/core/util/event.proto, framework/summary.proto, framework/tensor.proto): the file's
 * version record, a float32 scalar under the `scalars` plugin (as `tf.summary.scalar` writes it),
 * and a string tensor under another plugin (the Keras model summary of `graph_keras_model`).
 */

/** Fields of the messages written, by number. */
const EVENT = { wallTime: 1, step: 2, fileVersion: 3, summary: 5, sourceMetadata: 10 } as const;
const VALUE = { tag: 1, tensor: 8, metadata: 9 } as const;
const TENSOR = { dtype: 1, shape: 2, content: 4, stringVal: 8 } as const;
const DTYPE = { float: 1, string: 7 } as const;

const WIRE = { varint: 0, fixed64: 1, bytes: 2 } as const;
const encoder = new TextEncoder();

/** The first record of every event file. */
export function fileVersionEvent(wallTime: number, writer: string): Uint8Array {
  return concat([double(EVENT.wallTime, wallTime), bytes(EVENT.fileVersion, encoder.encode('brain.Event:2')), bytes(EVENT.sourceMetadata, bytes(1, encoder.encode(writer)))]);
}

/** A scalar summary: a float32 0-d tensor under the `scalars` plugin, as TensorFlow 2's `tf.summary.scalar`. */
export function scalarEvent(wallTime: number, step: number, tag: string, value: number): Uint8Array {
  const content = new Uint8Array(4);
  new DataView(content.buffer).setFloat32(0, value, true);
  const tensor = concat([varint(TENSOR.dtype, DTYPE.float), bytes(TENSOR.shape, new Uint8Array()), bytes(TENSOR.content, content)]);
  return summaryEvent(wallTime, step, tag, tensor, 'scalars', null);
}

/** A 0-d string tensor under `plugin` (with its content), e.g. Keras's model JSON for `graph_keras_model`. */
export function stringEvent(wallTime: number, step: number, tag: string, text: string, plugin: string, pluginContent: string): Uint8Array {
  const tensor = concat([varint(TENSOR.dtype, DTYPE.string), bytes(TENSOR.shape, new Uint8Array()), bytes(TENSOR.stringVal, encoder.encode(text))]);
  return summaryEvent(wallTime, step, tag, tensor, plugin, pluginContent);
}

function summaryEvent(wallTime: number, step: number, tag: string, tensor: Uint8Array, plugin: string, pluginContent: string | null): Uint8Array {
  const pluginData = concat([bytes(1, encoder.encode(plugin)), pluginContent === null ? new Uint8Array() : bytes(2, encoder.encode(pluginContent))]);
  const value = concat([bytes(VALUE.tag, encoder.encode(tag)), bytes(VALUE.tensor, tensor), bytes(VALUE.metadata, bytes(1, pluginData))]);
  // proto3 leaves a field at its default (step 0) out.
  return concat([double(EVENT.wallTime, wallTime), step === 0 ? new Uint8Array() : varint(EVENT.step, step), bytes(EVENT.summary, bytes(1, value))]);
}

function key(field: number, wire: number): number[] {
  return varintBytes(field * 8 + wire);
}

function varint(field: number, value: number): Uint8Array {
  return Uint8Array.from([...key(field, WIRE.varint), ...varintBytes(value)]);
}

function double(field: number, value: number): Uint8Array {
  const out = new Uint8Array(9);
  out[0] = key(field, WIRE.fixed64)[0]!;
  new DataView(out.buffer).setFloat64(1, value, true);
  return out;
}

function bytes(field: number, payload: Uint8Array): Uint8Array {
  return concat([Uint8Array.from([...key(field, WIRE.bytes), ...varintBytes(payload.length)]), payload]);
}

/** A non-negative integer as a protobuf varint: 7 bits a byte, low first. */
function varintBytes(value: number): number[] {
  const out: number[] = [];
  let rest = BigInt(value);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
