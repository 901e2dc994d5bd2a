/** A stream and a clock for capturing progress output in tests. */
import type { ProgressStream } from '../../ts/training/progbar.js';

export interface CapturedStream extends ProgressStream {
  text: string;
}

export function captureStream(isTTY: boolean): CapturedStream {
  const stream = {
    isTTY,
    text: '',
    write(s: string) {
      stream.text += s;
      return true;
    },
  };
  return stream;
}

/** A clock that advances by `step` seconds on every reading. */
export function steppingClock(step: number): () => number {
  let t = 0;
  return () => {
    const now = t;
    t += step;
    return now;
  };
}
