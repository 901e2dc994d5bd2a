/**
 * An optimizer's state in Keras 3's order (`optimizer.variables`): `iterations` (int64 scalar),
 * `learning_rate` (float32 scalar), then the slot variables. Each `add_optimizer_variables` call
 * interleaves the slots it creates per trainable weight (Adam: m(w0), v(w0), m(w1), v(w1), ...),
 * and optimizers make one call per group below, in this order.
 */
import type { Variable } from '../engine/variable.js';
import type { Optimizer } from '../optimizers/optimizer.js';

/** Slot names created together (interleaved) by one `add_optimizer_variables` call, per optimizer class. */
const SLOT_GROUPS: Record<string, string[][]> = {
  Adam: [['momentum', 'velocity'], ['velocity_hat']],
  SGD: [['momentum']],
  RMSprop: [['velocity'], ['momentum'], ['average_gradient']],
  Ftrl: [['accumulator', 'linear']],
  Lamb: [['momentum', 'velocity']],
  // Adafactor's `build` adds r, c and velocity weight by weight.
  Adafactor: [['r', 'c', 'velocity']],
};

/** One stored value of the optimizer's state. */
export type OptimizerEntry =
  | { kind: 'iterations' }
  | { kind: 'learning_rate' }
  | { kind: 'slot'; variable: Variable };

/** The optimizer's state entries in Keras's order, over `trainable` (the model's trainable weights). */
export function optimizerEntries(optimizer: Optimizer, trainable: Variable[]): OptimizerEntry[] {
  const className = (optimizer.constructor as { className?: string }).className ?? optimizer.constructor.name;
  const slotsPerWeight = trainable.map((w) => optimizer.slotsFor(w));
  const names = Object.keys(slotsPerWeight[0] ?? {});
  const groups = ((Object.hasOwn(SLOT_GROUPS, className) ? SLOT_GROUPS[className] : undefined) ?? names.map((n) => [n])).map((g) => g.filter((n) => names.includes(n))).filter((g) => g.length > 0);
  const entries: OptimizerEntry[] = [{ kind: 'iterations' }, { kind: 'learning_rate' }];
  for (const group of groups) {
    for (const slots of slotsPerWeight) for (const name of group) entries.push({ kind: 'slot', variable: slots[name]! });
  }
  return entries;
}
