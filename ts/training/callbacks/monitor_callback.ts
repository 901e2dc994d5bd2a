/**
 * The base of the callbacks that watch one logged quantity (`EarlyStopping`,
 * `ReduceLROnPlateau`), as Keras 3's `MonitorCallback`: the direction of improvement from
 * `mode`, or in `'auto'` mode from the monitored metric (`loss` goes down; a compiled metric goes
 * the way its Keras class declares), settled at the first epoch's end when the metrics exist.
 */
import { ValueError } from '../../utils/errors.js';
import { float32Str } from '../../utils/python_format.js';
import { Callback, type LogValue } from './callback.js';

/** Keras's `mode`: which way the monitored quantity improves. */
export type MonitorMode = 'auto' | 'min' | 'max';

/**
 * The Keras metric classes that declare a direction (`_direction`), by class name; subclasses
 * inherit it. Metrics of other classes (a user's function, `TruePositives`) have none.
 */
const METRIC_DIRECTIONS: Record<string, 'up' | 'down'> = {
  Accuracy: 'up', BinaryAccuracy: 'up', CategoricalAccuracy: 'up', SparseCategoricalAccuracy: 'up',
  TopKCategoricalAccuracy: 'up', SparseTopKCategoricalAccuracy: 'up', AUC: 'up', Precision: 'up', Recall: 'up',
  PrecisionAtRecall: 'up', RecallAtPrecision: 'up', SensitivityAtSpecificity: 'up', SpecificityAtSensitivity: 'up',
  FBetaScore: 'up', F1Score: 'up', R2Score: 'up', CosineSimilarity: 'up', PearsonCorrelation: 'up', ConcordanceCorrelation: 'up',
  IoU: 'up', MeanIoU: 'up', BinaryIoU: 'up', OneHotIoU: 'up', OneHotMeanIoU: 'up',
  MeanSquaredError: 'down', MeanAbsoluteError: 'down', MeanAbsolutePercentageError: 'down', MeanSquaredLogarithmicError: 'down',
  RootMeanSquaredError: 'down', LogCoshError: 'down', BinaryCrossentropy: 'down', CategoricalCrossentropy: 'down',
  SparseCategoricalCrossentropy: 'down', Hinge: 'down', SquaredHinge: 'down', CategoricalHinge: 'down', KLDivergence: 'down', Poisson: 'down',
};

export abstract class MonitorCallback extends Callback {
  /** The log entry watched. */
  readonly monitor: string;
  /** The `mode` given (`'auto'` is resolved when training starts to report). */
  readonly mode: MonitorMode;
  /** The smallest change that counts as an improvement (its absolute value). */
  readonly minDelta: number;
  /** Whether lower values are better; null until the first epoch's end settles it. */
  private lowerIsBetter: boolean | null = null;

  protected constructor(monitor: string, mode: MonitorMode, minDelta: number) {
    super();
    if (!['auto', 'min', 'max'].includes(mode)) {
      // Keras warns and falls back to 'auto'; kerasm refuses what would silently monitor another way.
      throw new ValueError(`${new.target.className} mode ${String(mode)} is unknown, expected one of ('auto', 'min', 'max')`);
    }
    this.monitor = monitor;
    this.mode = mode;
    this.minDelta = Math.abs(minDelta);
  }

  /** Settles the direction at the first epoch's end, as Keras does (the metrics exist by then); throws if `'auto'` cannot tell it. */
  protected settleDirection(): void {
    this.lowerIsBetter ??= this.resolveDirection();
  }

  /** Whether `value` improves on `reference` by more than `minDelta` (anything improves on none). */
  protected isImprovement(value: number, reference: number | null): boolean {
    if (reference === null) return true;
    this.settleDirection();
    return this.lowerIsBetter ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  /**
   * The monitored value as one number. An array (`F1Score` without `average`) has no order to
   * compare by: Keras fails there with NumPy's error, which kerasm gives with the callback's name.
   */
  protected scalarMonitor(value: LogValue): number {
    if (typeof value === 'number') return value;
    const cls = (this.constructor as typeof Callback).className;
    throw new ValueError(
      `${cls} monitors '${this.monitor}', whose value is an array: [${value.map(float32Str).join(', ')}]. The truth value of an array with more than one element is ambiguous: monitor a single-valued metric (as F1Score with average='macro').`,
    );
  }

  /** Keras's `_set_monitor_op`: the direction from `mode`, or for `'auto'` from the monitored metric. */
  private resolveDirection(): boolean {
    if (this.mode !== 'auto') return this.mode === 'min';
    const name = this.monitor.replace(/^val_/, '');
    if (name === 'loss') return true;
    // As Keras's loop, the last metric of that name with a direction decides.
    let direction: 'up' | 'down' | null = null;
    for (const m of this.model?.metrics ?? []) if (m.name === name) direction = directionOf(m) ?? direction;
    if (direction) return direction === 'down';
    const cls = (this.constructor as typeof Callback).className;
    throw new ValueError(
      `${cls} callback received monitor=${this.monitor}, but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass \`mode='max'\` in order to monitor based on the highest metric value, or pass \`mode='min'\` in order to use the lowest value.`,
    );
  }
}

/** The direction a metric's Keras class (or the nearest listed ancestor) declares, or null. */
function directionOf(metric: object): 'up' | 'down' | null {
  for (let proto = Object.getPrototypeOf(metric); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const name = (proto.constructor as { className?: string }).className;
    if (name !== undefined && Object.hasOwn(proto.constructor, 'className') && name in METRIC_DIRECTIONS) return METRIC_DIRECTIONS[name]!;
  }
  return null;
}
