/**
 * An optimizer's state in Keras 3's order (`optimizer.variables`): `iterations` (int64 scalar),
 * `learning_rate` (float32 scalar; absent when a schedule drives the rate), the base optimizer's
 * variables (every weight's moving average with `useEma`, then every weight's gradient accumulator
 * when accumulating), then the slot variables. Each `add_optimizer_variables` call interleaves the
 * slots it creates per trainable weight (Adam: m(w0), v(w0), m(w1), v(w1), ...), and optimizers
 * make one call per group below, in this order. An optimizer that has not been built (a model
 * compiled but never trained) holds only `iterations` and `learning_rate`. Variables made apart
 * from the slots (Nadam's u_product) come last.
 */
import type { Variable } from '../engine/variable.js';
import { LossScaleOptimizer } from '../optimizers/loss_scale_optimizer.js';
import { Nadam } from '../optimizers/nadam.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { ValueError } from '../utils/errors.js';
import type { DatasetValue } from './h5_tree.js';
import { type PendingState, type PendingValue, pendingValue, scalarOf } from './pending_values.js';

/** Slot names created together (interleaved) by one `add_optimizer_variables` call, per optimizer class. */
const SLOT_GROUPS: Record<string, string[][]> = {
  Adam: [['momentum', 'velocity'], ['velocity_hat']],
  SGD: [['momentum']],
  RMSprop: [['velocity'], ['momentum'], ['average_gradient']],
  AdamW: [['momentum', 'velocity'], ['velocity_hat']],
  Adagrad: [['accumulator']],
  Adadelta: [['accumulated_grad', 'accumulated_delta_var']],
  Adamax: [['momentum', 'norm']],
  Nadam: [['momentum', 'velocity']],
  Lion: [['momentum']],
  Ftrl: [['accumulator', 'linear']],
  Lamb: [['momentum', 'velocity']],
  // Adafactor's `build` adds r, c and velocity weight by weight.
  Adafactor: [['r', 'c', 'velocity']],
};

/**
 * One stored value of the optimizer's state. `unused`: a `LossScaleOptimizer`'s own iteration
 * and learning rate, which Keras keeps at 0 (the inner optimizer's are the ones in use).
 */
export type OptimizerEntry =
  | { kind: 'iterations' }
  | { kind: 'learning_rate' }
  /** A counter Keras stores but does not use (a LossScaleOptimizer's own: the inner optimizer's count). */
  | { kind: 'unused'; counter: 'iterations' | 'learning_rate' }
  /** A slot, or another variable the optimizer keeps (Nadam's u_product, a LossScaleOptimizer's scale). */
  | { kind: 'slot'; variable: Variable };

/** The optimizer's state entries in Keras's order, over `trainable` (the model's trainable weights); `built` false: as an optimizer not built yet. */
export function optimizerEntries(optimizer: Optimizer, trainable: Variable[], built = true): OptimizerEntry[] {
  if (optimizer instanceof LossScaleOptimizer) {
    // Keras's `LossScaleOptimizer.variables`: its own (iteration, learning_rate, step_counter, dynamic_scale), then the inner optimizer's.
    const own: OptimizerEntry[] = [{ kind: 'unused', counter: 'iterations' }, { kind: 'unused', counter: 'learning_rate' }];
    const scaling: OptimizerEntry[] = built ? [optimizer.stepCounter, optimizer.dynamicScale].map((variable) => ({ kind: 'slot', variable })) : [];
    return [...own, ...scaling, ...optimizerEntries(optimizer.innerOptimizer, trainable, built)];
  }
  const entries: OptimizerEntry[] = [{ kind: 'iterations' }, ...(optimizer.learningRateSchedule ? [] : [{ kind: 'learning_rate' } as const])];
  if (!built) return entries;
  for (const name of ['average', 'gradient_accumulator']) {
    for (const w of trainable) {
      const variable = optimizer.baseSlotsFor(w)[name];
      if (variable) entries.push({ kind: 'slot', variable });
    }
  }
  const className = (optimizer.constructor as { className?: string }).className ?? optimizer.constructor.name;
  const slotsPerWeight = trainable.map((w) => optimizer.slotsFor(w));
  const names = Object.keys(slotsPerWeight[0] ?? {});
  const groups = ((Object.hasOwn(SLOT_GROUPS, className) ? SLOT_GROUPS[className] : undefined) ?? names.map((n) => [n])).map((g) => g.filter((n) => names.includes(n))).filter((g) => g.length > 0);
  for (const group of groups) {
    for (const slots of slotsPerWeight) for (const name of group) entries.push({ kind: 'slot', variable: slots[name]! });
  }
  // Nadam's `build` makes u_product after its slots.
  if (optimizer instanceof Nadam) entries.push({ kind: 'slot', variable: optimizer.uProduct });
  return entries;
}

/** The optimizer whose `iterations` and `learning_rate` entries these are: a LossScaleOptimizer's inner one (its own are unused). */
export function counterOwner(optimizer: Optimizer): Optimizer {
  return optimizer instanceof LossScaleOptimizer ? optimizer.innerOptimizer : optimizer;
}

/**
 * The entries that a file's `count` stored values fill: the built optimizer's, or, for a file
 * saved before any training step (Keras writes `iterations` and `learning_rate` only), the
 * unbuilt one's. Any other count is a ValueError naming `where`.
 */
export function matchingEntries(optimizer: Optimizer, trainable: Variable[], count: number, where: string): OptimizerEntry[] {
  const unbuilt = optimizerEntries(optimizer, trainable, false);
  // Asking an unbuilt optimizer for its built entries would build it (its slots): only a built one is asked.
  if (count === unbuilt.length && (!optimizer.built || count !== optimizerEntries(optimizer, trainable).length)) return unbuilt;
  const entries = optimizerEntries(optimizer, trainable);
  if (count !== entries.length) {
    throw new ValueError(`${where} has ${entries.length} variables, whereas the saved optimizer has ${count}: the file was saved with another optimizer, other options (a schedule, useEma, gradientAccumulationSteps) or other trainable weights.`);
  }
  return entries;
}

/** The slot values and counters that `entries` read (`read(i)`: the i-th stored value), checked and pending. */
export function optimizerValues(entries: OptimizerEntry[], read: (i: number) => DatasetValue, optimizer: Optimizer, where: string): { values: PendingValue[]; counters: NonNullable<PendingState['optimizer']> } {
  const values: PendingValue[] = [];
  const counters: NonNullable<PendingState['optimizer']> = { optimizer: counterOwner(optimizer), iterations: 0, learningRate: null };
  entries.forEach((entry, i) => {
    if (entry.kind === 'slot') values.push(pendingValue(entry.variable, read(i), where));
    else if (entry.kind === 'iterations') counters.iterations = scalarOf(read(i), `${where} iterations`);
    else if (entry.kind === 'learning_rate') counters.learningRate = scalarOf(read(i), `${where} learning_rate`);
  });
  return { values, counters };
}
