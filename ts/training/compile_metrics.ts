/**
 * The `metrics` of `compile()`, as Keras 3's `CompileMetrics`: for one output, a list of metrics;
 * for several, a list with one entry per output or a dict keyed by output name (each entry a
 * metric or a list of them). They are built on the first batch, when the shapes are known (so
 * `'accuracy'` picks the right accuracy), and named `<output>_<metric>` for several outputs.
 */
import { checkIdentifier, compileMetric, type MetricIdentifier } from '../metrics/get.js';
import type { Metric } from '../metrics/metric.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pyList } from './structure.js';

/** The metrics of one output: one metric, a list, or null for none. */
export type OutputMetrics = MetricIdentifier | MetricIdentifier[] | null;

/** `compile({ metrics })`: a list (for several outputs, one entry per output) or a dict by output name. */
export type MetricsConfig = OutputMetrics[] | { [outputName: string]: OutputMetrics };

/** A built metric, the output it follows and its log key. */
interface BuiltMetric {
  metric: Metric;
  output: number;
  key: string;
}

/** The compiled metrics of a model. */
export class CompileMetrics {
  private readonly user: MetricsConfig;
  private readonly outputNames: readonly string[] | null;
  private built: BuiltMetric[] | null = null;

  constructor(metrics: MetricsConfig | undefined | null, outputNames: readonly string[] | null) {
    if (metrics !== undefined && metrics !== null && typeof metrics !== 'object') {
      throw new ValueError(`Expected \`metrics\` argument to be a list, tuple, or dict. Received instead: metrics=${String(metrics)} of type ${typeof metrics}`);
    }
    this.user = metrics ?? [];
    this.outputNames = outputNames;
    // Resolve names now so unknown ones fail at compile(), as in Keras.
    for (const id of entriesOf(this.user).flat()) if (id !== null) checkIdentifier(id);
  }

  /** The metrics and their log keys, in order (empty until the first batch). */
  get metrics(): readonly { metric: Metric; key: string }[] {
    return this.built ?? [];
  }

  /** Accumulates a batch; builds the metrics on the first call. */
  update(yTrue: readonly Tensor[], yPred: readonly Tensor[]): void {
    this.built ??= this.build(yTrue, yPred);
    for (const { metric, output } of this.built) metric.updateState(yTrue[output]!, yPred[output]!);
  }

  /** Zeroes every metric. */
  reset(): void {
    for (const { metric } of this.built ?? []) metric.resetState();
  }

  /** Frees the metrics' state. */
  dispose(): void {
    for (const { metric } of this.built ?? []) metric.dispose();
  }

  private build(yTrue: readonly Tensor[], yPred: readonly Tensor[]): BuiltMetric[] {
    const perOutput = this.perOutput(yPred.length);
    const prefix = yPred.length > 1 && this.outputNames ? this.outputNames : null;
    const built = perOutput.flatMap((ids, output) =>
      ids.map((id) => {
        const metric = compileMetric(id, yTrue[output]!.shape, yPred[output]!.shape);
        return { metric, output, key: prefix ? `${prefix[output]}_${metric.name}` : metric.name };
      }),
    );
    uniquifyKeys(built);
    return built;
  }

  /** The metric identifiers of each output, matched as Keras's `_build_metrics_set`. */
  private perOutput(numOutputs: number): MetricIdentifier[][] {
    const user = this.user;
    if (numOutputs === 1) return [entriesOf(user).flat()];
    const names = this.outputNames;
    if (Array.isArray(user) && user.length === 0) return Array.from({ length: numOutputs }, () => []);
    if (Array.isArray(user) && user.length === numOutputs) return user.map(asList);
    if (!Array.isArray(user) && names && Object.keys(user).every((k) => names.includes(k))) {
      return names.map((n) => asList(Object.hasOwn(user, n) ? user[n]! : null));
    }
    const structure = pyList(Array(numOutputs).fill('X'));
    throw new ValueError(
      `Invalid \`metrics\`. \`metrics\` should contain metrics objects and ${names ? `either be a dict or a list matching the output names of the functional model ${pyList(names)} or ` : ''}match the output structure of the model: ${structure}.\nReceived: metrics=${describe(user)}`,
    );
  }
}

function asList(entry: OutputMetrics): MetricIdentifier[] {
  if (entry === null || entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

function entriesOf(metrics: MetricsConfig): MetricIdentifier[][] {
  return (Array.isArray(metrics) ? metrics : Object.values(metrics)).map(asList);
}

/** Duplicate keys get `_1`, `_2`, … as Keras's `CompileMetrics.result`. */
function uniquifyKeys(built: BuiltMetric[]): void {
  const seen = new Map<string, number>();
  for (const b of built) {
    const n = seen.get(b.key);
    seen.set(b.key, (n ?? 0) + 1);
    if (n !== undefined) b.key = `${b.key}_${n}`;
  }
}

function describe(metrics: MetricsConfig): string {
  const one = (id: MetricIdentifier | MetricIdentifier[] | null): string =>
    id === null ? 'None' : Array.isArray(id) ? `[${id.map(one).join(', ')}]` : typeof id === 'string' ? `'${id}'` : typeof id === 'function' ? id.name || 'function' : id.name;
  if (Array.isArray(metrics)) return `[${metrics.map(one).join(', ')}]`;
  return `{${Object.entries(metrics).map(([k, v]) => `'${k}': ${one(v)}`).join(', ')}}`;
}
