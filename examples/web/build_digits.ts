/**
 * Writes the demo page's digits, `public/digits.bin`: 4,000 training and 1,000 test digits of the
 * `mnist` package (the first ones of the CLI demos' deterministic split), one byte per pixel.
 * Layout: uint32 LE nTrain, uint32 LE nTest, then nTrain × 784 pixels, nTrain labels, nTest × 784
 * pixels, nTest labels (pixels 0–255, labels 0–9). Run by `npm run demo:web`; skipped when present.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadMnist } from '../mnist_mlp.js';

const TRAIN = 4000;
const TEST = 1000;
const PIXELS = 784;

function bytes(x: Float32Array, y: Int32Array, n: number): [Uint8Array, Uint8Array] {
  const pixels = Uint8Array.from(x.subarray(0, n * PIXELS), (v) => Math.round(v * 255));
  return [pixels, Uint8Array.from(y.subarray(0, n))];
}

const out = new URL('../../../examples/web/public/', import.meta.url); // from dist/examples/web/
if (!existsSync(new URL('digits.bin', out))) {
  const { train, test } = loadMnist();
  const header = new Uint8Array(8);
  new DataView(header.buffer).setUint32(0, TRAIN, true);
  new DataView(header.buffer).setUint32(4, TEST, true);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL('digits.bin', out), Buffer.concat([header, ...bytes(train.x, train.y, TRAIN), ...bytes(test.x, test.y, TEST)]));
  console.log(`wrote ${TRAIN} training and ${TEST} test digits to examples/web/public/digits.bin`);
}
