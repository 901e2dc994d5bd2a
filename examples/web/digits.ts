/** The demo's digits (`public/digits.bin`, written by build_digits.ts), as arrays for kerasm. */
import type { RemoteArray } from '../../ts/proxy/index.js';

export interface DigitSet {
  x: RemoteArray;
  y: RemoteArray;
}

const PIXELS = 784;

function split(bytes: Uint8Array, offset: number, n: number): DigitSet {
  const pixels = bytes.subarray(offset, offset + n * PIXELS);
  const labels = bytes.subarray(offset + n * PIXELS, offset + n * PIXELS + n);
  return {
    x: { data: Float32Array.from(pixels, (v) => v / 255), shape: [n, 28, 28, 1] },
    y: { data: Int32Array.from(labels), shape: [n] },
  };
}

/** Fetches the digits; `trainSamples` keeps the first ones of the training set. */
export async function loadDigits(trainSamples: number): Promise<{ train: DigitSet; test: DigitSet }> {
  const response = await fetch(new URL('digits.bin', document.baseURI));
  if (!response.ok) throw new Error(`digits.bin: HTTP ${response.status} (run \`npm run demo:web\`, which writes it)`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const header = new DataView(bytes.buffer);
  const nTrain = header.getUint32(0, true);
  const nTest = header.getUint32(4, true);
  const train = split(bytes, 8, nTrain);
  const test = split(bytes, 8 + nTrain * (PIXELS + 1), nTest);
  const n = Math.min(trainSamples, nTrain);
  return {
    train: { x: { data: train.x.data.subarray(0, n * PIXELS), shape: [n, 28, 28, 1] }, y: { data: train.y.data.subarray(0, n), shape: [n] } },
    test,
  };
}
