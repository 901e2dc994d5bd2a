/**
 * Keras's progress bar, text for text: `  64/1500 [>.............................] - ETA: 2s - loss: 0.3488`
 * while an epoch runs, `1500/1500 [==============================] - 3s 2ms/step - loss: 0.3488` when it
 * ends. On a terminal the line is redrawn in place; elsewhere (CI, pipes) only the final line is
 * written. The output stream and the clock are injected so tests can capture both.
 */

/** Where the bar is written: `process.stdout` in Node, or anything with `write` (and `isTTY`). */
export interface ProgressStream {
  write(text: string): unknown;
  /** True for an interactive terminal: the bar is then redrawn in place. */
  isTTY?: boolean;
}

/** Options of a {@link Progbar}. */
export interface ProgbarOptions {
  /** Where to write. Defaults to `process.stdout` (or `console.log` lines outside Node). */
  stream?: ProgressStream;
  /** 1: the live bar (one final line when the stream is not a TTY); 2: one summary line; 0: silent. */
  verbose?: 0 | 1 | 2;
  /** Width of the bar in characters. Default 30, as Keras. */
  width?: number;
  /** Minimum seconds between two redraws of the live bar. Default 0.05, as Keras. */
  interval?: number;
  /** What one unit is called in the timing (`2ms/step`). Default `step`. */
  unitName?: string;
  /** Seconds since some origin; defaults to `performance.now() / 1000`. */
  now?: () => number;
}

/** Name and value pairs shown after the bar, in order; an array (one value per class) shows its mean, as Keras's `np.mean`. */
export type ProgbarValues = [string, number | readonly number[]][];

/** A progress bar over `target` steps (null: unknown), formatted as `keras.utils.Progbar` formats it. */
export class Progbar {
  /** The number of steps; null while unknown (`      7/Unknown`), as for a generator's first epoch. */
  target: number | null;
  private readonly stream: ProgressStream;
  private readonly verbose: 0 | 1 | 2;
  private readonly width: number;
  private readonly interval: number;
  private readonly unitName: string;
  private readonly now: () => number;
  private readonly start: number;
  private lastUpdate = -Infinity;
  private totalWidth = 0;
  private finished = false;

  constructor(target: number | null, options: ProgbarOptions = {}) {
    this.target = target;
    this.stream = options.stream ?? defaultStream();
    this.verbose = options.verbose ?? 1;
    this.width = options.width ?? 30;
    this.interval = options.interval ?? 0.05;
    this.unitName = options.unitName ?? 'step';
    this.now = options.now ?? (() => performance.now() / 1000);
    this.start = this.now();
  }

  /** Shows progress `current` (steps done) with `values`; `finalize` (default: current >= target) ends the line. */
  update(current: number, values: ProgbarValues = [], finalize = this.target !== null && current >= this.target): void {
    if (this.verbose === 0 || this.finished) return;
    const now = this.now();
    if (finalize) this.finished = true;
    if (this.verbose === 2) {
      if (finalize) this.stream.write(this.summaryLine(current, values, now) + '\n');
      return;
    }
    if (!this.stream.isTTY) {
      if (finalize) this.stream.write(this.barLine(current, values, now, true) + '\n');
      return;
    }
    if (!finalize && now - this.lastUpdate < this.interval) return;
    this.lastUpdate = now;
    this.redraw(this.barLine(current, values, now, finalize), finalize);
  }

  /** Rewrites the terminal line, padding with spaces when the new text is shorter. */
  private redraw(line: string, finalize: boolean): void {
    const previous = this.totalWidth;
    this.totalWidth = line.length;
    const padding = previous > line.length ? ' '.repeat(previous - line.length) : '';
    this.stream.write('\r' + line + padding + (finalize ? '\n' : ''));
  }

  /** `  64/1500 [>....] - ETA: 2s - loss: …` or, finalized, `1500/1500 [=====] - 3s 2ms/step - loss: …`. */
  private barLine(current: number, values: ProgbarValues, now: number, finalize: boolean): string {
    const elapsed = now - this.start;
    const perUnit = current > 0 ? elapsed / current : 0;
    if (this.target === null) return `${String(current).padStart(7)}/Unknown - ${Math.round(elapsed)}s ${formatPerUnit(perUnit, this.unitName)}${formatValues(values)}`;
    const timing = finalize
      ? ` - ${Math.round(elapsed)}s ${formatPerUnit(perUnit, this.unitName)}`
      : ` - ETA: ${formatEta(perUnit * (this.target - current))}`;
    return `${this.counter(current)} ${this.bar(current)}${timing}${formatValues(values)}`;
  }

  /** Keras's verbose=2 line: `1500/1500 - 3s - loss: 0.3488 - 3s/epoch - 2ms/step`. */
  private summaryLine(current: number, values: ProgbarValues, now: number): string {
    const elapsed = now - this.start;
    const perUnit = current > 0 ? elapsed / current : 0;
    const seconds = `${Math.round(elapsed)}s`;
    return `${this.counter(current)} - ${seconds}${formatValues(values, 'value')} - ${seconds}/epoch - ${formatPerUnit(perUnit, this.unitName)}`;
  }

  private counter(current: number): string {
    if (this.target === null) return `${String(current).padStart(7)}/Unknown`;
    const digits = String(this.target).length;
    return `${String(current).padStart(digits)}/${this.target}`;
  }

  private bar(current: number): string {
    if (this.target === null) return '';
    const progWidth = Math.floor((this.width * Math.min(current, this.target)) / Math.max(this.target, 1));
    let filled = '';
    if (progWidth > 0) filled = '='.repeat(progWidth - 1) + (current < this.target ? '>' : '=');
    return `[${filled}${'.'.repeat(this.width - progWidth)}]`;
  }
}

/**
 * ` - loss: 0.3488 - accuracy: 0.9013`; values at or below 1e-3 in magnitude use `1.2345e-04`, as
 * Keras. Keras's one-line (verbose 2) summary compares the value itself, not its magnitude, so a
 * negative value is written `-1.0650e-01` there: `fixedFrom: 'value'` keeps that.
 */
export function formatValues(values: ProgbarValues, fixedFrom: 'magnitude' | 'value' = 'magnitude'): string {
  return values.map(([name, value]) => ` - ${name}: ${formatValue(value, fixedFrom)}`).join('');
}

function formatValue(logged: number | readonly number[], fixedFrom: 'magnitude' | 'value'): string {
  const value = typeof logged === 'number' ? logged : mean(logged);
  if ((fixedFrom === 'magnitude' ? Math.abs(value) : value) > 1e-3) return value.toFixed(4);
  const [mantissa, exponent] = value.toExponential(4).split('e');
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** `2ms/step`: whole seconds from 1s, milliseconds from 1ms, microseconds below. */
function formatPerUnit(seconds: number, unit: string): string {
  if (seconds >= 1 || seconds === 0) return `${Math.round(seconds)}s/${unit}`;
  if (seconds >= 1e-3) return `${Math.round(seconds * 1e3)}ms/${unit}`;
  return `${Math.round(seconds * 1e6)}us/${unit}`;
}

/** `2s`, `1:05`, `1:02:03`, as Keras writes an ETA. */
function formatEta(seconds: number): string {
  const s = Math.floor(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  if (s > 3600) return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  if (s > 60) return `${Math.floor(s / 60)}:${two(s % 60)}`;
  return `${s}s`;
}

/** `process.stdout` in Node; elsewhere, a stream that writes whole lines with `console.log`. */
export function defaultStream(): ProgressStream {
  const proc = (globalThis as { process?: { stdout?: ProgressStream } }).process;
  if (proc?.stdout) return proc.stdout;
  let pending = '';
  return {
    isTTY: false,
    write(text: string) {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) console.log(line);
    },
  };
}
