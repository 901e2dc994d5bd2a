/**
 * The base of Keras's optimizers: the learning rate (a number or a schedule), `iterations`, slot
 * variables created lazily per weight, gradient clipping, weight decay, gradient accumulation, the
 * weights' moving average, `applyGradients`, and Keras 3's config. The updates themselves are Rust
 * kernels (see `updates.ts`) that change the weight and its slots in place.
 */
import { type KerasArgs, type ParamSpec, REQUIRED, type Signature, kerasClassName, onlyDefault, signature } from '../arguments/signature.js';
import * as ops from '../ops/index.js';
import { Variable } from '../engine/variable.js';
import { tensor } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { toSnakeCase, uniqueName } from '../utils/naming.js';
import { pythonStr } from '../utils/python_repr.js';
import { checkAccumulation, checkClipping, checkEma, checkLearningRate } from './base_checks.js';
import { type ClipArgs, clipGradients } from './clipping.js';
import { LearningRateSchedule } from './schedules/learning_rate_schedule.js';
import { serialize as serializeSchedule } from './schedules/serialize.js';
import * as updates from './updates.js';
import { WeightDecayExclusion } from './weight_decay_exclusion.js';

/** A learning rate as optimizers take it: a number, or a schedule evaluated at each step. */
export type LearningRate = number | LearningRateSchedule;

/** Options every optimizer takes: Keras's `BaseOptimizer` arguments, camelCase. */
export interface OptimizerArgs extends ClipArgs {
  /** The step size, or a schedule of it (`keras.optimizers.schedules`). Each optimizer has its own default. */
  learningRate?: LearningRate;
  /** Decoupled weight decay: each step also does `w -= w * weightDecay * learningRate`. Default none. */
  weightDecay?: number | null;
  /** Keep an exponential moving average of the weights (see `emaMomentum`, `emaOverwriteFrequency`). Default false. */
  useEma?: boolean;
  /** The momentum of that moving average: `average = emaMomentum * average + (1 - emaMomentum) * w` (used only with `useEma`). Default 0.99. */
  emaMomentum?: number;
  /**
   * Every this many steps the weights take their moving average (used only with `useEma`). Default
   * none: `fit` gives them the average once training ends (`finalizeVariableValues`).
   */
  emaOverwriteFrequency?: number | null;
  /** Keras's loss scaling for mixed precision; kerasm computes in float32, so only null is taken. */
  lossScaleFactor?: null;
  /** Apply the mean gradient every this many steps (an integer >= 2) instead of each step. Default none. */
  gradientAccumulationSteps?: number | null;
  /** The optimizer's name, used in its slot variables' paths. Default: its snake_case class name, made unique (`adam`, `adam_1`). */
  name?: string | null;
  /** tf.keras 2's learning-rate decay, which Keras 3 no longer applies; taken only at 0 or null (as tf.keras 2 configs hold it). */
  decay?: number | null;
}

/** The parameters every optimizer shares, after its own, in Keras's order. */
const BASE_PARAMS = {
  weightDecay: null, clipnorm: null, clipvalue: null, globalClipnorm: null, useEma: false, emaMomentum: 0.99,
  emaOverwriteFrequency: null, lossScaleFactor: onlyDefault(null), gradientAccumulationSteps: null, name: null,
} as const;

/** Keras's `**kwargs` of an optimizer: only `decay`, which tf.keras 2 configs hold. */
const BASE_KEYWORDS = { decay: null } as const;

/**
 * An optimizer's signature: its own parameters in Keras's order (`learningRate` first), then the
 * base parameters every optimizer takes (`weightDecay`, the clipping options, …, `name`).
 */
export function optimizerSignature<A extends OptimizerArgs>() {
  return <const P extends ParamSpec<A>>(params: P) => {
    // An optimizer may list a base parameter among its own, at its place and with its default (AdamW's `weightDecay`).
    const base = Object.fromEntries(Object.entries(BASE_PARAMS).filter(([name]) => !Object.hasOwn(params, name)));
    return signature<A>()({ ...params, ...(base as ParamSpec<A>) }, BASE_KEYWORDS as ParamSpec<A>);
  };
}

/** Keras's `BaseOptimizer.__init__`: the learning rate has no default there. */
const baseSignature = optimizerSignature<OptimizerArgs>()({ learningRate: REQUIRED });

/** The slot variables of one weight, by Keras's slot name (`momentum`, `velocity`, …). */
export type Slots = Record<string, Variable>;

/** The base class of optimizers, as `keras.optimizers.Optimizer`. */
export abstract class Optimizer {
  static className = 'Optimizer';
  /** Keras's `BaseOptimizer.__init__` signature; subclasses add their own parameters before these. */
  static readonly signature: Signature<object> = baseSignature;
  /**
   * The number of `applyGradients` calls so far: Keras's `_iterations`, the `iteration` variable
   * that files store and that a schedule is evaluated at. It differs from `iterations` only under
   * gradient accumulation.
   */
  get appliedSteps(): number {
    return this.stepsApplied;
  }

  set appliedSteps(steps: number) {
    this.stepsApplied = steps;
  }

  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly useEma: boolean;
  readonly emaMomentum: number;
  readonly emaOverwriteFrequency: number | null;
  readonly gradientAccumulationSteps: number | null;
  private rate: LearningRate;
  private stepsApplied = 0;
  private weightDecayExclusion = new WeightDecayExclusion();
  private readonly slots = new Map<Variable, Slots>();
  /** Per weight, the base optimizer's own variables: `average` (`useEma`) and `gradient_accumulator`. */
  private readonly baseSlots = new Map<Variable, Slots>();

  /**
   * `new MyOptimizer(0.1)` or `{ learningRate: 0.1, clipnorm: 1 }` for a subclass of your own; the
   * built-in optimizers resolve their own signature and pass the base options on.
   */
  constructor(...args: KerasArgs<[learningRate: LearningRate], OptimizerArgs>) {
    const a = baseSignature.resolve(args, new.target);
    if (a.decay !== null && a.decay !== 0) {
      // Keras 3 warns that it ignores it; training with another schedule than the one asked for is refused here.
      throw new ValueError(`Argument \`decay\` is no longer supported (Keras 3 ignores it), so a decay other than 0 is refused. Received: decay=${pythonStr(a.decay)}`);
    }
    checkClipping(a);
    checkAccumulation(a.gradientAccumulationSteps);
    if (a.useEma) checkEma(a.emaMomentum, a.emaOverwriteFrequency);
    this.rate = checkLearningRate(a.learningRate);
    this.name = a.name ?? uniqueName(toSnakeCase(kerasClassName(new.target)));
    this.weightDecay = a.weightDecay;
    this.clipnorm = a.clipnorm;
    this.clipvalue = a.clipvalue;
    this.globalClipnorm = a.globalClipnorm;
    this.useEma = a.useEma;
    this.emaMomentum = a.emaMomentum;
    this.emaOverwriteFrequency = a.emaOverwriteFrequency;
    this.gradientAccumulationSteps = a.gradientAccumulationSteps;
  }

  /**
   * The learning rate of the next step: the number set, or the schedule's value at `appliedSteps`.
   * Set a number (as `ReduceLROnPlateau` does) or a schedule; an optimizer built with a schedule
   * refuses a number, as Keras's does.
   */
  get learningRate(): number {
    return this.rate instanceof LearningRateSchedule ? this.rate.call(this.appliedSteps) : this.rate;
  }

  set learningRate(value: LearningRate) {
    const rate = checkLearningRate(value);
    if (typeof rate === 'number' && this.rate instanceof LearningRateSchedule) {
      throw new TypeError(
        'This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor argument, hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.',
      );
    }
    this.rate = rate;
  }

  /** The schedule that drives the learning rate, or null when it is a number. */
  get learningRateSchedule(): LearningRateSchedule | null {
    return this.rate instanceof LearningRateSchedule ? this.rate : null;
  }

  /** Keras's `iterations`: the updates applied so far (`appliedSteps`, divided by `gradientAccumulationSteps` when accumulating). */
  get iterations(): number {
    return this.gradientAccumulationSteps ? Math.floor(this.appliedSteps / this.gradientAccumulationSteps) : this.appliedSteps;
  }

  /** The names of the slots one weight needs, given the hyperparameters (e.g. `['momentum', 'velocity']`). */
  protected abstract slotNames(): string[];

  /** One in-place update of `variable` and its slots from `gradient` (a Rust kernel call). */
  protected abstract updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void;

  /**
   * Applies one step as Keras's `apply_gradients`: under gradient accumulation, adds the gradients
   * to their accumulators, except every Nth step, which updates with their mean; an update clips
   * the gradients, applies weight decay and updates each weight in place. Then the moving average
   * (`useEma`) follows the weights, the weights' constraints apply, and `appliedSteps` grows by
   * one. Pairs whose gradient is null are skipped (the moving average still covers their weight).
   */
  applyGradients(pairs: [Tensor | null, Variable][]): void {
    const live = pairs.filter((p): p is [Tensor, Variable] => p[0] !== null);
    for (const [g, v] of live) checkPair(g, v);
    tidy(() => {
      const lr = this.learningRate;
      const ready = this.gradientsToApply(live);
      if (ready) this.update(ready, lr);
      if (this.useEma) this.updateMovingAverages(pairs.map(([, v]) => v));
      // As Keras's `_apply_weight_constraints`: project each updated weight that has a constraint.
      for (const [, v] of live) if (v.constraint) v.assign(v.constraint.call(v.value));
    });
    this.appliedSteps += 1;
  }

  /** The loss `fit` takes gradients of: the loss itself, unless an optimizer scales it (`LossScaleOptimizer`). */
  scaleLoss(loss: Tensor): Tensor {
    return loss;
  }

  /**
   * Keras's `exclude_from_weight_decay`: weight decay skips the weights in `varList` and those
   * whose name matches any of `varNames` (e.g. `['bias']`).
   */
  excludeFromWeightDecay(varList: Variable[] | null = null, varNames: string[] | null = null): void {
    this.weightDecayExclusion = new WeightDecayExclusion(varList, varNames);
  }

  /** With `useEma`, gives each of `variables` its moving average's value; `fit` calls it when training ends, as Keras's does. */
  finalizeVariableValues(variables: Variable[]): void {
    if (!this.useEma || !this.built) return;
    for (const v of variables) v.assign(ops.stopGradient(this.baseSlotsFor(v).average!.value));
  }

  /** Whether the optimizer has made its variables (Keras's `built`): at its first step, or when saving or loading asked for them. */
  get built(): boolean {
    return this.slots.size > 0;
  }

  /** Every variable created so far: the base ones (moving averages, accumulators), then the slots. */
  get variables(): Variable[] {
    return [...this.baseSlots.values(), ...this.slots.values()].flatMap((s) => Object.values(s));
  }

  /**
   * The slot variables of `variable` by slot name, created (zeros) if it has none yet: saving reads
   * them and loading fills them, so that training resumes where it stopped.
   */
  slotsFor(variable: Variable): Slots {
    return this.slotsOf(variable);
  }

  /** Creates (zeros) every variable the optimizer keeps for `variables`, as Keras's `build`; a training step does it for the weights it updates. */
  build(variables: readonly Variable[]): void {
    for (const v of variables) {
      this.baseSlotsFor(v);
      this.slotsFor(v);
    }
  }

  /** As `slotsFor`, the base optimizer's variables of `variable`: `average` with `useEma`, `gradient_accumulator` when accumulating. */
  baseSlotsFor(variable: Variable): Slots {
    return this.created(this.baseSlots, variable, [...(this.useEma ? ['average'] : []), ...(this.gradientAccumulationSteps ? ['gradient_accumulator'] : [])], () => 0, (_, v) => [...v.shape]);
  }

  /** Keras 3's config: the base keys, then the optimizer's own. */
  getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      // Keras holds a learning rate in a float32 variable, and so writes it.
      learning_rate: this.rate instanceof LearningRateSchedule ? serializeSchedule(this.rate) : Math.fround(this.rate),
      weight_decay: this.weightDecay,
      clipnorm: this.clipnorm,
      global_clipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      use_ema: this.useEma,
      ema_momentum: this.emaMomentum,
      ema_overwrite_frequency: this.emaOverwriteFrequency,
      loss_scale_factor: null,
      gradient_accumulation_steps: this.gradientAccumulationSteps,
    };
  }

  /** Frees every variable of the optimizer; it starts afresh if used again. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.slots.clear();
    this.baseSlots.clear();
  }

  /** The shape of slot `name` of `variable`: the variable's own, unless an optimizer keeps a reduced one (Adafactor's factored moments). */
  protected slotShape(_name: string, variable: Variable): number[] {
    return [...variable.shape];
  }

  /** The value slot `name` starts at: 0, unless an optimizer starts an accumulator elsewhere (Adagrad's `initialAccumulatorValue`). */
  protected slotInitialValue(_name: string): number {
    return 0;
  }

  /** The gradients to update with this step: all of them, or under accumulation null except every Nth step, which takes their mean. */
  private gradientsToApply(live: [Tensor, Variable][]): [Tensor, Variable][] | null {
    const steps = this.gradientAccumulationSteps;
    if (!steps) return live;
    const accumulators = live.map(([, v]) => this.baseSlotsFor(v).gradient_accumulator!);
    if ((this.appliedSteps + 1) % steps !== 0) {
      live.forEach(([g], i) => updates.gradientAccumulationUpdate(accumulators[i]!.value, g));
      return null;
    }
    return live.map(([g, v], i) => {
      const accumulator = accumulators[i]!;
      const mean = ops.divide(ops.add(g, accumulator.value), steps);
      accumulator.assign(ops.zeros([...accumulator.shape]));
      return [mean, v];
    });
  }

  /** Clipping, weight decay and the optimizer's update of each weight, as Keras's `_backend_apply_gradients`. */
  private update(pairs: [Tensor, Variable][], learningRate: number): void {
    const grads = clipGradients(pairs.map(([g]) => g), this);
    pairs.forEach(([, v], i) => {
      if (this.weightDecay && this.weightDecayExclusion.applies(v)) updates.weightDecayUpdate(v.value, this.weightDecay, learningRate);
      this.updateStep(grads[i]!, v, this.slotsOf(v), learningRate);
    });
  }

  /**
   * Keras's `_update_model_variables_moving_average`: the average starts at the weights (momentum 0
   * at the first update), and every `emaOverwriteFrequency` updates the weights take its value.
   */
  private updateMovingAverages(variables: Variable[]): void {
    const iterations = this.iterations;
    const momentum = iterations === 0 ? 0 : this.emaMomentum;
    const overwrite = !!this.emaOverwriteFrequency && (iterations + 1) % this.emaOverwriteFrequency === 0;
    for (const v of new Set(variables)) updates.movingAverageUpdate(this.baseSlotsFor(v).average!.value, v.value, momentum, overwrite);
  }

  /** The slots of `variable`, created (outside any tidy) the first time it is seen. */
  private slotsOf(variable: Variable): Slots {
    return this.created(this.slots, variable, this.slotNames(), (name) => this.slotInitialValue(name), (name, v) => this.slotShape(name, v));
  }

  /** `variable`'s record in `store`, its variables `names` created the first time (Keras's paths: `<optimizer>/<weight path>_<name>`). */
  private created(store: Map<Variable, Slots>, variable: Variable, names: string[], initial: (name: string) => number, shapeOf: (name: string, v: Variable) => number[]): Slots {
    let slots = store.get(variable);
    if (!slots) {
      slots = {};
      for (const name of names) {
        const path = `${this.name}/${variable.path.replace(/\//g, '_')}_${name}`;
        const shape = shapeOf(name, variable);
        const values = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(initial(name));
        slots[name] = new Variable({ name, path, value: tensor(values, shape), trainable: false });
      }
      store.set(variable, slots);
    }
    return slots;
  }
}

function checkPair(gradient: Tensor, variable: Variable): void {
  if (gradient.shape.length !== variable.shape.length || gradient.shape.some((d, i) => d !== variable.shape[i])) {
    throw new ValueError(`Gradient for variable '${variable.path}' has shape [${gradient.shape.join(', ')}] but the variable has shape [${variable.shape.join(', ')}]`);
  }
}
