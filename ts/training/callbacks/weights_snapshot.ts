/** Copies of a model's weights, taken and restored without leaving WebAssembly memory. */
import type { Variable } from '../../engine/variable.js';
import { add } from '../../ops/elementwise.js';
import { keep } from '../../tensor/scope.js';
import type { Tensor } from '../../tensor/tensor.js';

/** A snapshot of variables' values (the copies are kept outside any `tidy` until disposed). */
export class WeightsSnapshot {
  private readonly variables: readonly Variable[];
  private readonly copies: Tensor[];

  constructor(variables: readonly Variable[]) {
    this.variables = variables;
    // `x + 0` is one kernel call that allocates a fresh buffer: a copy computed inside wasm.
    this.copies = variables.map((v) => keep(add(v.value, 0)));
  }

  /** Writes the snapshot back into the variables; the snapshot is consumed. */
  restore(): void {
    this.variables.forEach((v, i) => v.assign(this.copies[i]!));
    this.copies.length = 0;
  }

  dispose(): void {
    for (const t of this.copies) t.dispose();
    this.copies.length = 0;
  }
}
