import { describe, expect, it } from 'vitest';
import { Progbar, formatValues } from '../../ts/training/progbar.js';
import { captureStream } from './capture.js';

/** A clock the test sets by hand. */
function manualClock() {
  const clock = { t: 0, now: () => clock.t };
  return clock;
}

describe('Progbar', () => {
  it('writes only the final line, in Keras format, when the stream is not a TTY', () => {
    const stream = captureStream(false);
    const clock = manualClock();
    const bar = new Progbar(1500, { stream, now: clock.now });
    clock.t = 1;
    bar.update(64, [['loss', 0.5]]);
    clock.t = 3;
    bar.update(1500, [['loss', 0.34881], ['accuracy', 0.90126], ['val_loss', 0.20114], ['val_accuracy', 0.94011]]);
    expect(stream.text).toBe('1500/1500 [==============================] - 3s 2ms/step - loss: 0.3488 - accuracy: 0.9013 - val_loss: 0.2011 - val_accuracy: 0.9401\n');
  });

  it('redraws a live bar with an ETA on a TTY, then the final line', () => {
    const stream = captureStream(true);
    const clock = manualClock();
    const bar = new Progbar(1500, { stream, now: clock.now });
    clock.t = 0.0853;
    bar.update(64, [['loss', 0.61234]]);
    expect(stream.text).toBe('\r  64/1500 [>.............................] - ETA: 1s - loss: 0.6123');
    clock.t = 3;
    bar.update(1500, [['loss', 0.3488]]);
    const lines = stream.text.split('\r');
    expect(lines[2]).toBe('1500/1500 [==============================] - 3s 2ms/step - loss: 0.3488\n');
  });

  it('pads a shorter redraw with spaces and throttles redraws within the interval', () => {
    const stream = captureStream(true);
    const clock = manualClock();
    const bar = new Progbar(10, { stream, now: clock.now });
    clock.t = 1;
    bar.update(5, [['loss', 1.5], ['accuracy', 0.5]]);
    const first = stream.text;
    clock.t = 1.01; // within 0.05 s: skipped
    bar.update(6, [['loss', 1.4]]);
    expect(stream.text).toBe(first);
    clock.t = 2;
    bar.update(7, [['loss', 1.4]]);
    const second = stream.text.slice(first.length);
    expect(second.startsWith('\r 7/10 [====================>.........] - ETA: 0s - loss: 1.4000')).toBe(true);
    expect(second.length).toBe(first.length); // padded to erase the old tail
  });

  it('writes the verbose=2 summary line', () => {
    const stream = captureStream(true);
    const clock = manualClock();
    const bar = new Progbar(100, { stream, now: clock.now, verbose: 2 });
    bar.update(50, [['loss', 1]]);
    clock.t = 0.25;
    bar.update(100, [['loss', 0.25]]);
    expect(stream.text).toBe('100/100 - 0s - loss: 0.2500 - 0s/epoch - 3ms/step\n');
  });

  it('is silent with verbose=0', () => {
    const stream = captureStream(true);
    const bar = new Progbar(3, { stream, verbose: 0 });
    bar.update(3, [['loss', 1]]);
    expect(stream.text).toBe('');
  });

  it('formats small values in exponent notation as Keras does', () => {
    expect(formatValues([['loss', 1.2345e-4], ['mae', 0.5]])).toBe(' - loss: 1.2345e-04 - mae: 0.5000');
  });
});
