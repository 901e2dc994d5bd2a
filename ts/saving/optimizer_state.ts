/**
 * An optimizer's state in Keras 3's order (`optimizer.variables`): `iterations` (int64 scalar),
 * `learning_rate` (float32 scalar), then the slot variables. Each `add_optimizer_variables` call
 * interleaves the slots it creates per trainable weight (Adam: m(w0), v(w0), m(w1), v(w1), ...),
 * and optimizers make one call per group below, in this order.
 */
import type { Variable } from '../engine/variable.js';
import { LossScaleOptimizer } from '../optimizers/loss_scale_optimizer.js';
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

/**
 * One stored value of the optimizer's state. `unused`: a `LossScaleOptimizer`'s own iteration
 * and learning rate, which Keras keeps at 0 (the inner optimizer's are the ones in use).
 */
export type OptimizerEntry =
  | { kind: 'iterations' }
  | { kind: 'learning_rate' }
  | { kind: 'unused'; counter: 'iterations' | 'learning_rate' }
  | { kind: 'slot'; variable: Variable };

/** The optimizer's state entries in Keras's order, over `trainable` (the model's trainable weights). */
export function optimizerEntries(optimizer: Optimizer, trainable: Variable[]): OptimizerEntry[] {
  if (optimizer instanceof LossScaleOptimizer) {
    // Keras's `LossScaleOptimizer.variables`: its own (iteration, learning_rate, step_counter, dynamic_scale), then the inner optimizer's.
    const own: OptimizerEntry[] = [{ kind: 'unused', counter: 'iterations' }, { kind: 'unused', counter: 'learning_rate' }];
    const scaling: OptimizerEntry[] = [optimizer.stepCounter, optimizer.dynamicScale].map((variable) => ({ kind: 'slot', variable }));
    return [...own, ...scaling, ...optimizerEntries(optimizer.innerOptimizer, trainable)];
  }
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
