/**
 * The `metrics` and `weightedMetrics` of `compile()`, as Keras 3's `CompileMetrics`: for one
 * output, a list of metrics; for several, a list with one entry per output or a dict keyed by
 * output name (each entry a metric or a list of them). They are built on the first batch, when the
 * shapes are known (so `'accuracy'` picks the right accuracy), and named `<output>_<metric>` for
 * several outputs. Weighted metrics receive the sample weights, the others do not.
 */
import { checkIdentifier, compileMetric, type MetricIdentifier } from '../metrics/get.js';
import type { Metric } from '../metrics/metric.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import type { SampleWeights } from './compile_loss.js';
import { pyList } from './structure.js';

/** The metrics of one output: one metric, a list, or null for none. */
export type OutputMetrics = MetricIdentifier | MetricIdentifier[] | null;

/** `compile({ metrics })`: a list (for several outputs, one entry per output) or a dict by output name. */
export type MetricsConfig = OutputMetrics[] | { [outputName: string]: OutputMetrics };

/** A built metric, the output it follows, whether it takes the sample weights, and its log key. */
interface BuiltMetric {
  metric: Metric;
  output: number;
  weighted: boolean;
  key: string;
}

/** The compiled metrics of a model. */
export class CompileMetrics {
  private readonly user: MetricsConfig;
  private readonly userWeighted: MetricsConfig;
  private readonly outputNames: readonly string[] | null;
  private built: BuiltMetric[] | null = null;

  constructor(metrics: MetricsConfig | undefined | null, weightedMetrics: MetricsConfig | undefined | null, outputNames: readonly string[] | null) {
    this.user = checkConfig(metrics, 'metrics');
    this.userWeighted = checkConfig(weightedMetrics, 'weighted_metrics');
    this.outputNames = outputNames;
  }

  /** The metrics and their log keys, in order (empty until the first batch). */
  get metrics(): readonly { metric: Metric; key: string }[] {
    return this.built ?? [];
  }

  /** Accumulates a batch (the weighted metrics with each output's `sampleWeight`); builds the metrics on the first call. */
  update(yTrue: readonly Tensor[], yPred: readonly Tensor[], sampleWeight: SampleWeights = null): void {
    this.built ??= this.build(yTrue, yPred);
    for (const { metric, output, weighted } of this.built) {
      const weight = weighted ? (sampleWeight?.[output] ?? undefined) : undefined;
      metric.updateState(yTrue[output]!, yPred[output]!, weight);
    }
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
    const prefix = yPred.length > 1 && this.outputNames ? this.outputNames : null;
    const buildSet = (user: MetricsConfig, argument: string, weighted: boolean) =>
      this.perOutput(user, argument, yPred.length).flatMap((ids, output) =>
        ids.map((id) => {
          const metric = compileMetric(id, yTrue[output]!.shape, yPred[output]!.shape);
          return { metric, output, weighted, key: prefix ? `${prefix[output]}_${metric.name}` : metric.name };
        }),
      );
    const built = [...buildSet(this.user, 'metrics', false), ...buildSet(this.userWeighted, 'weighted_metrics', true)];
    uniquifyKeys(built, prefix);
    return built;
  }

  /** The metric identifiers of each output, matched as Keras's `_build_metrics_set`. */
  private perOutput(user: MetricsConfig, argument: string, numOutputs: number): MetricIdentifier[][] {
    if (numOutputs === 1) return [entriesOf(user).flat()];
    const names = this.outputNames;
    if (Array.isArray(user) && user.length === 0) return Array.from({ length: numOutputs }, () => []);
    if (Array.isArray(user) && user.length === numOutputs) return user.map(asList);
    if (!Array.isArray(user) && names && Object.keys(user).every((k) => names.includes(k))) {
      return names.map((n) => asList(Object.hasOwn(user, n) ? user[n]! : null));
    }
    const structure = pyList(Array(numOutputs).fill('X'));
    throw new ValueError(
      `Invalid \`${argument}\`. \`${argument}\` should contain metrics objects and ${names ? `either be a dict or a list matching the output names of the functional model ${pyList(names)} or ` : ''}match the output structure of the model: ${structure}.\nReceived: ${argument}=${describe(user)}`,
    );
  }
}

/** `metrics` / `weighted_metrics` checked (a list or a dict, known names) at compile(), as in Keras. */
function checkConfig(metrics: MetricsConfig | undefined | null, argument: string): MetricsConfig {
  if (metrics !== undefined && metrics !== null && typeof metrics !== 'object') {
    throw new ValueError(`Expected \`${argument}\` argument to be a list, tuple, or dict. Received instead: ${argument}=${String(metrics)} of type ${typeof metrics}`);
  }
  const config = metrics ?? [];
  for (const id of entriesOf(config).flat()) if (id !== null) checkIdentifier(id);
  return config;
}

function asList(entry: OutputMetrics): MetricIdentifier[] {
  if (entry === null || entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

function entriesOf(metrics: MetricsConfig): MetricIdentifier[][] {
  return (Array.isArray(metrics) ? metrics : Object.values(metrics)).map(asList);
}

/**
 * Unique log keys, as Keras's `CompileMetrics.result`: a repeated key gets `_1`, `_2`, …; a weighted
 * metric whose key is taken becomes `weighted_<name>` (after the output's prefix), then numbered.
 */
function uniquifyKeys(built: BuiltMetric[], prefix: readonly string[] | null): void {
  const seen = new Map<string, number>();
  for (const b of built) {
    let n = seen.get(b.key);
    if (n !== undefined && b.weighted) {
      b.key = prefix ? `${prefix[b.output]}_weighted_${b.metric.name}` : `weighted_${b.metric.name}`;
      n = seen.get(b.key);
    }
    seen.set(b.key, (n ?? 0) + 1);
    if (n !== undefined) b.key = `${b.key}_${n}`;
  }
}

function describe(metrics: MetricsConfig): string {
  const one = (id: MetricIdentifier | MetricIdentifier[] | null): string =>
    id === null ? 'None' : Array.isArray(id) ? `[${id.map(one).join(', ')}]` : typeof id === 'string' ? `'${id}'` : typeof id === 'function' ? id.name || 'function' : 'class_name' in id ? id.class_name : id.name;
  if (Array.isArray(metrics)) return `[${metrics.map(one).join(', ')}]`;
  return `{${Object.entries(metrics).map(([k, v]) => `'${k}': ${one(v)}`).join(', ')}}`;
}
