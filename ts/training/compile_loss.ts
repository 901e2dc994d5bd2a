/**
 * The `loss` and `lossWeights` of `compile()`, as Keras 3's `CompileLoss`: one loss for every
 * output, a list (one per output) or a dict keyed by output name; the total is the weighted sum,
 * and with several losses each output's unweighted loss is tracked as `<output>_loss`.
 */
import * as ops from '../ops/index.js';
import { get as getLoss, type LossIdentifier } from '../losses/get.js';
import { Loss, reduceValues } from '../losses/loss.js';
import { Mean } from '../metrics/mean.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { pyList } from './structure.js';

/** `compile({ loss })`: one loss for every output, a list with one per output, or a dict by output name (`null`: no loss for that output). */
export type LossConfig = LossIdentifier | (LossIdentifier | null)[] | { [outputName: string]: LossIdentifier | null };

/** `compile({ lossWeights })`: a number (single loss), a list (one per loss) or a dict by output name. */
export type LossWeights = number | number[] | { [outputName: string]: number };

/** The sample weights of a batch: one tensor per output (null: unweighted), or null for none. */
export type SampleWeights = readonly (Tensor | null)[] | null;

/** The loss of one output, once the outputs are known. */
interface OutputLoss {
  output: number;
  fn: (yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor) => Tensor;
  weight: number | null;
  tracker: Mean | null;
}

/** The total loss of a batch and each output's unweighted loss (null for outputs without one). */
export interface LossValues {
  total: Tensor;
  perOutput: (Tensor | null)[];
}

/** The compiled loss of a model: resolved at `compile()`, matched to the outputs on the first batch. */
export class CompileLoss {
  private readonly user: LossConfig;
  private readonly weights: LossWeights | undefined;
  private readonly outputNames: readonly string[] | null;
  private losses: OutputLoss[] | null = null;

  constructor(loss: LossConfig | undefined | null, weights: LossWeights | undefined, outputNames: readonly string[] | null) {
    if (loss === undefined || loss === null) throw new ValueError('No loss to compute. Provide a `loss` argument in `compile()`.');
    if (weights !== undefined && weights !== null && typeof weights !== 'number' && typeof weights !== 'object') {
      throw new ValueError(
        `Expected \`loss_weights\` argument to be a float (single output case) or a list, tuple, or dict (multiple output case). Received instead: loss_weights=${String(weights)} of type ${typeof weights}`,
      );
    }
    this.user = loss;
    this.weights = weights ?? undefined;
    this.outputNames = outputNames;
    // Resolve every identifier now, so unknown names fail at compile(), as in Keras.
    for (const id of identifiersIn(loss)) if (id !== null) getLoss(id);
  }

  /** The per-output loss trackers (`<output>_loss`), in output order; none when there is one loss. */
  get trackers(): Mean[] {
    return (this.losses ?? []).flatMap((l) => (l.tracker ? [l.tracker] : []));
  }

  /**
   * The weighted total and the per-output values of a batch (each output's samples weighed by its
   * `sampleWeight`); matches the losses to the outputs on the first call.
   */
  compute(yTrue: readonly Tensor[], yPred: readonly Tensor[], sampleWeight: SampleWeights = null): LossValues {
    const losses = (this.losses ??= this.build(yPred.length));
    const perOutput: (Tensor | null)[] = yPred.map(() => null);
    let total: Tensor | null = null;
    for (const l of losses) {
      const value = l.fn(yTrue[l.output]!, yPred[l.output]!, sampleWeight?.[l.output] ?? undefined);
      perOutput[l.output] = value;
      const weighted = l.weight === null ? value : ops.multiply(value, l.weight);
      total = total ? ops.add(total, weighted) : weighted;
    }
    if (!total) throw new ValueError('No loss to compute: every output has a `None` loss.');
    return { total, perOutput };
  }

  /** Accumulates each output's unweighted loss into its tracker, weighted by the batch size. */
  updateTrackers(values: LossValues, batchSize: number): void {
    for (const l of this.losses ?? []) l.tracker?.updateState(values.perOutput[l.output]!, batchSize);
  }

  /** Frees the trackers' state. */
  dispose(): void {
    for (const t of this.trackers) t.dispose();
  }

  private build(numOutputs: number): OutputLoss[] {
    const perOutput = this.perOutputIdentifiers(numOutputs);
    const weights = this.perOutputWeights(perOutput);
    const active = perOutput.flatMap((id, output) => (id === null ? [] : [{ id, output }]));
    const names = uniqueNames(active.map(({ id, output }) => `${this.outputNames?.[output] ?? lossName(id)}_loss`));
    return active.map(({ id, output }, i) => ({
      output,
      fn: reduced(getLoss(id)),
      weight: weights[output] ?? null,
      tracker: active.length > 1 ? new Mean({ name: names[i] }) : null,
    }));
  }

  /** One identifier (or null) per output, as Keras's `CompileLoss.build` matches them. */
  private perOutputIdentifiers(numOutputs: number): (LossIdentifier | null)[] {
    const loss = this.user;
    if (Array.isArray(loss)) {
      if (loss.length > numOutputs) {
        throw new ValueError(`The path: (${numOutputs},) in the \`loss\` argument, can't be found in either the model's output (\`y_pred\`) or in the labels (\`y_true\`).`);
      }
      // Keras gives outputs beyond the list no loss.
      return Array.from({ length: numOutputs }, (_, i) => loss[i] ?? null);
    }
    if (isLossDict(loss)) return this.byName(loss, 'loss', Object.keys(loss));
    return Array.from({ length: numOutputs }, () => loss);
  }

  /** The weight of each output's loss, matched to the loss structure as Keras does. */
  private perOutputWeights(perOutput: (LossIdentifier | null)[]): (number | null)[] {
    const w = this.weights;
    if (w === undefined) return perOutput.map(() => null);
    const numLosses = identifiersIn(this.user).length;
    const numWeights = typeof w === 'number' ? 1 : Array.isArray(w) ? w.length : Object.keys(w).length;
    if (numWeights !== numLosses) throw weightCountError(numLosses, numWeights);
    if (typeof w === 'number') return perOutput.map(() => w);
    if (Array.isArray(w)) return numLosses === 1 ? perOutput.map(() => w[0]!) : [...w];
    return this.byName(w, 'loss_weights', Object.keys(w));
  }

  /** `dict[name]` for each output name; Keras's error when the keys are not the output names. */
  private byName<T>(dict: { [name: string]: T }, argument: string, keys: string[]): T[] {
    const names = this.outputNames;
    if (!names || keys.length !== names.length || !names.every((n) => Object.hasOwn(dict, n))) {
      throw new ValueError(`Expected keys ${names ? pyList(names) : 'None'} in ${argument} dict, but found ${argument}.keys()=${pyList(keys)}`);
    }
    return names.map((n) => dict[n]!);
  }
}

/** A loss as a function of (yTrue, yPred, sampleWeight?) → scalar: a `Loss` applies its reduction, a function is averaged. */
function reduced(loss: ReturnType<typeof getLoss>): OutputLoss['fn'] {
  return loss instanceof Loss ? (t, p, w) => loss.apply(t, p, w) : (t, p, w) => reduceValues(loss(t, p), 'sum_over_batch_size', w);
}

/** Keras's name for a loss: the identifier if it is a string, otherwise the object's name. */
function lossName(id: LossIdentifier): string {
  if (typeof id === 'string') return id;
  if (id instanceof Loss) return id.name;
  if (typeof id === 'function') return id.name || 'loss';
  return id.class_name;
}

/**
 * Unnamed outputs (a subclassed model's) are named after their loss, as in Keras; two outputs with
 * the same loss get `_1`, `_2`, … rather than one hiding the other in the logs.
 */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = seen.get(n);
    seen.set(n, (count ?? 0) + 1);
    return count === undefined ? n : `${n}_${count}`;
  });
}

/** A dict of losses by output name, as opposed to a `{ class_name, config }` loss identifier. */
function isLossDict(loss: LossConfig): loss is { [outputName: string]: LossIdentifier | null } {
  return typeof loss === 'object' && loss !== null && !Array.isArray(loss) && !(loss instanceof Loss) && typeof (loss as { class_name?: unknown }).class_name !== 'string';
}

function identifiersIn(loss: LossConfig): (LossIdentifier | null)[] {
  if (Array.isArray(loss)) return loss;
  if (isLossDict(loss)) return Object.values(loss);
  return [loss];
}

function weightCountError(losses: number, weights: number): ValueError {
  return new ValueError(`\`loss_weights\` must match the number of losses, got ${losses} losses and ${weights} weights.`);
}
