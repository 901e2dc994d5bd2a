/** `CSVLogger`: one row of metrics per epoch, streamed to a CSV file. */
import { type KerasArgs, REQUIRED, signature } from '../../arguments/signature.js';
import { ValueError } from '../../utils/errors.js';
import { float32Str, formatNumber } from '../../utils/python_format.js';
import { Callback, type LogValue, type Logs } from './callback.js';
import { type NodeFs, nodeFs } from './node_files.js';

/** Options of {@link CSVLogger}, as Keras's arguments. */
export interface CSVLoggerArgs {
  /** The CSV file, e.g. `'run/log.csv'`. Required. */
  filename?: string;
  /** The character between fields. Default `','`. */
  separator?: string;
  /** Append to an existing file (to continue training) instead of replacing it. Default false. */
  append?: boolean;
}

type FileHandle = Awaited<ReturnType<NodeFs['open']>>;

/**
 * Writes each epoch's logs to a CSV file as `keras.callbacks.CSVLogger` does: an `epoch` column,
 * then the log names in sorted order (with `val_` columns of `NA` when the first epoch had no
 * validation), numbers as Python prints floats (`0.6931471824645996`, `1e-05`), Excel's CSV dialect.
 *
 * @example
 * await model.fit(x, y, { epochs: 10, callbacks: [new CSVLogger('training.log')] });
 */
export class CSVLogger extends Callback {
  static override className = 'CSVLogger';
  static override readonly signature = signature<CSVLoggerArgs>()({ filename: REQUIRED, separator: ',', append: false });
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  /** The columns after `epoch`, fixed by the first epoch's logs. */
  private keys: string[] | null = null;
  private file: FileHandle | null = null;
  private writeHeader = true;

  /** `new CSVLogger('log.csv', ';', true)` or `new CSVLogger({ filename: 'log.csv', append: true })`. */
  constructor(...args: KerasArgs<[filename: string, separator: string, append: boolean], CSVLoggerArgs>) {
    super();
    const a = CSVLogger.signature.resolve(args, new.target);
    this.filename = a.filename;
    this.separator = a.separator;
    this.append = a.append;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await nodeFs('CSVLogger');
    // A header is written unless the file being appended to already has something in it.
    this.writeHeader = !this.append || ((await fs.stat(this.filename).catch(() => null))?.size ?? 0) === 0;
    await this.close();
    this.file = await fs.open(this.filename, this.append ? 'a' : 'w').catch((e: Error) => {
      throw new ValueError(`CSVLogger could not open '${this.filename}': ${e.message}`);
    });
    this.keys = null;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      // Without validation in the first epoch, Keras still makes room for it.
      if (this.keys.length > 0 && !this.keys.some((k) => k.startsWith('val_'))) this.keys.push(...this.keys.map((k) => `val_${k}`));
      if (this.writeHeader) await this.writeRow(['epoch', ...this.keys]);
    }
    const cell = (key: string) => (logs[key] === undefined ? 'NA' : formatCell(logs[key]));
    await this.writeRow([String(epoch), ...this.keys.map(cell)]);
  }

  override async onTrainEnd(): Promise<void> {
    await this.close();
  }

  private async writeRow(fields: string[]): Promise<void> {
    await this.file?.write(`${fields.map((f) => this.quoted(f)).join(this.separator)}\r\n`);
  }

  /** Python's csv QUOTE_MINIMAL: a field holding the separator, a quote or a line break is quoted, quotes doubled. */
  private quoted(field: string): string {
    return field.includes(this.separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
  }

  private async close(): Promise<void> {
    const file = this.file;
    this.file = null;
    await file?.close();
  }
}

/**
 * A log value as Keras's `handle_value` writes it: a number as Python prints a float; an array (one
 * value per class) as `"[0.6666666, 0.0]"`, quotes included, from NumPy's float32 `str` of each value.
 */
function formatCell(value: LogValue): string {
  return typeof value === 'number' ? formatNumber(value, '') : `"[${value.map(float32Str).join(', ')}]"`;
}
