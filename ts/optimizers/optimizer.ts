/**
 * The base of Keras's optimizers: learning rate, `iterations`, slot variables created lazily per
 * weight, gradient clipping and weight decay, `applyGradients`, and Keras 3's config. The update
 * itself is a Rust kernel (see `updates.ts`) that changes the weight and its slots in place.
 */
import * as ops from '../ops/index.js';
import { Variable } from '../engine/variable.js';
import { tensor } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type ClipArgs, clipGradients, globalNormScale } from './clipping.js';

/** Options every optimizer takes (Keras's base `Optimizer` arguments, camelCase). */
export interface OptimizerArgs extends ClipArgs {
  /** The step size. Each optimizer has its own default. */
  learningRate?: number;
  /** Decoupled weight decay: each step also does `w -= w * weightDecay * learningRate`. Default none. */
  weightDecay?: number | null;
  /** The optimizer's name, used in its slot variables' paths. */
  name?: string;
}

/** The slot variables of one weight, by Keras's slot name (`momentum`, `velocity`, …). */
export type Slots = Record<string, Variable>;

/** The base class of optimizers, as `keras.optimizers.Optimizer`. */
export abstract class Optimizer {
  /** The step size; may be changed between steps. */
  learningRate: number;
  /** The number of steps applied so far. */
  iterations = 0;
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  private readonly slots = new Map<Variable, Slots>();

  constructor(args: OptimizerArgs, defaults: { learningRate: number; name: string }) {
    this.learningRate = args.learningRate ?? defaults.learningRate;
    if (!(typeof this.learningRate === 'number' && Number.isFinite(this.learningRate))) {
      throw new ValueError(`Argument \`learning_rate\` should be a float. Received: learning_rate=${String(args.learningRate)}`);
    }
    this.name = args.name ?? defaults.name;
    this.weightDecay = args.weightDecay ?? null;
    this.clipnorm = args.clipnorm ?? null;
    this.clipvalue = args.clipvalue ?? null;
    this.globalClipnorm = args.globalClipnorm ?? null;
    const set = [this.clipnorm, this.clipvalue, this.globalClipnorm].filter((v) => v !== null).length;
    if (set > 1) {
      throw new ValueError(
        `Only one of \`clipnorm\`, \`clipvalue\` and \`global_clipnorm\` can be set. Received: clipnorm=${fmt(this.clipnorm)}, clipvalue=${fmt(this.clipvalue)}, global_clipnorm=${fmt(this.globalClipnorm)}`,
      );
    }
  }

  /** The names of the slots one weight needs, given the hyperparameters (e.g. `['momentum', 'velocity']`). */
  protected abstract slotNames(): string[];

  /** One in-place update of `variable` and its slots from `gradient` (a Rust kernel call). */
  protected abstract updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void;

  /**
   * Applies one step: clips the gradients, applies weight decay, updates each weight in place,
   * applies the weights' constraints, and increments `iterations`. Pairs whose gradient is null are skipped.
   */
  applyGradients(pairs: [Tensor | null, Variable][]): void {
    const live = pairs.filter((p): p is [Tensor, Variable] => p[0] !== null);
    for (const [g, v] of live) checkPair(g, v);
    tidy(() => {
      const scale = this.globalClipnorm !== null && live.length > 0 ? globalNormScale(live.map(([g]) => g), this.globalClipnorm) : null;
      const lr = this.learningRate;
      for (const [g, v] of live) {
        let grad = clipGradients(g, this);
        if (scale) grad = ops.multiply(grad, scale);
        if (this.weightDecay) v.assign(ops.subtract(v.value, ops.multiply(v.value, this.weightDecay * lr)));
        this.updateStep(grad, v, this.slotsOf(v), lr);
      }
      // As Keras's `_apply_weight_constraints`: project each updated weight that has a constraint.
      for (const [, v] of live) if (v.constraint) v.assign(v.constraint.call(v.value));
    });
    this.iterations += 1;
  }

  /** Every slot variable created so far. */
  get variables(): Variable[] {
    return [...this.slots.values()].flatMap((s) => Object.values(s));
  }

  /**
   * The slot variables of `variable` by slot name, created (zeros) if it has none yet: saving reads
   * them and loading fills them, so that training resumes where it stopped.
   */
  slotsFor(variable: Variable): Slots {
    return this.slotsOf(variable);
  }

  /** Keras 3's config: the base keys, then the optimizer's own. */
  getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      learning_rate: this.learningRate,
      weight_decay: this.weightDecay,
      clipnorm: this.clipnorm,
      global_clipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      use_ema: false,
      ema_momentum: 0.99,
      ema_overwrite_frequency: null,
      loss_scale_factor: null,
      gradient_accumulation_steps: null,
    };
  }

  /** Frees every slot variable; the optimizer starts afresh if used again. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.slots.clear();
  }

  /** The slots of `variable`, created (zero-filled, outside any tidy) the first time it is seen. */
  private slotsOf(variable: Variable): Slots {
    let slots = this.slots.get(variable);
    if (!slots) {
      slots = {};
      for (const name of this.slotNames()) {
        const path = `${this.name}/${variable.path.replace(/\//g, '_')}_${name}`;
        slots[name] = new Variable({ name, path, value: tensor(new Float32Array(variable.value.size), variable.shape), trainable: false });
      }
      this.slots.set(variable, slots);
    }
    return slots;
  }
}

function checkPair(gradient: Tensor, variable: Variable): void {
  if (gradient.shape.length !== variable.shape.length || gradient.shape.some((d, i) => d !== variable.shape[i])) {
    throw new ValueError(`Gradient for variable '${variable.path}' has shape [${gradient.shape.join(', ')}] but the variable has shape [${variable.shape.join(', ')}]`);
  }
}

function fmt(v: number | null): string {
  return v === null ? 'None' : String(v);
}
