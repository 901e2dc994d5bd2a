/**
 * Keras's `exclude_from_weight_decay(var_list, var_names)`: the weights that decoupled weight
 * decay leaves alone, given as the weights themselves or as name fragments (a weight whose name
 * matches any of them, as a regular expression searched in its short name, is excluded).
 */
import type { Variable } from '../engine/variable.js';

export class WeightDecayExclusion {
  private readonly excluded: Set<Variable>;
  private readonly pattern: RegExp | null;
  private readonly decided = new Map<Variable, boolean>();

  constructor(varList: Variable[] | null = null, varNames: string[] | null = null) {
    this.excluded = new Set(varList ?? []);
    this.pattern = varNames && varNames.length > 0 ? new RegExp([...new Set(varNames)].join('|')) : null;
  }

  /** Whether weight decay applies to `variable` (decided once per weight, as Keras caches it). */
  applies(variable: Variable): boolean {
    let applies = this.decided.get(variable);
    if (applies === undefined) {
      applies = !this.excluded.has(variable) && !(this.pattern?.test(variable.name) ?? false);
      this.decided.set(variable, applies);
    }
    return applies;
  }
}
