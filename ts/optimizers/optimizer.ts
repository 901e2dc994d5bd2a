/**
 * The base of Keras's optimizers: learning rate, `iterations`, slot variables created lazily per
 * weight, gradient clipping and weight decay, `applyGradients`, and Keras 3's config. The update
 * itself is a Rust kernel (see `updates.ts`) that changes the weight and its slots in place.
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
import { type ClipArgs, clipGradients, globalNormScale } from './clipping.js';

/** Options every optimizer takes: Keras's `BaseOptimizer` arguments, camelCase. */
export interface OptimizerArgs extends ClipArgs {
  /** The step size. Each optimizer has its own default. */
  learningRate?: number;
  /** Decoupled weight decay: each step also does `w -= w * weightDecay * learningRate`. Default none. */
  weightDecay?: number | null;
  /** Keras's exponential moving average of the weights; kerasm does not keep one, so only false is taken. */
  useEma?: false;
  /** The momentum of that moving average (used only with `useEma`, as in Keras). Default 0.99. */
  emaMomentum?: number;
  /** How often the moving average overwrites the weights (used only with `useEma`). Default none. */
  emaOverwriteFrequency?: number | null;
  /** Keras's loss scaling for mixed precision; kerasm computes in float32, so only null is taken. */
  lossScaleFactor?: null;
  /** Keras's gradient accumulation; kerasm applies every step, so only null is taken. */
  gradientAccumulationSteps?: null;
  /** The optimizer's name, used in its slot variables' paths. Default: its snake_case class name, made unique (`adam`, `adam_1`). */
  name?: string | null;
  /** tf.keras 2's learning-rate decay, which Keras 3 no longer applies; taken only at 0 or null (as tf.keras 2 configs hold it). */
  decay?: number | null;
}

/** The parameters every optimizer shares, after its own, in Keras's order. */
const BASE_PARAMS = {
  weightDecay: null, clipnorm: null, clipvalue: null, globalClipnorm: null, useEma: onlyDefault(false as const), emaMomentum: 0.99,
  emaOverwriteFrequency: null, lossScaleFactor: onlyDefault(null), gradientAccumulationSteps: onlyDefault(null), name: null,
} as const;

/** Keras's `**kwargs` of an optimizer: only `decay`, which tf.keras 2 configs hold. */
const BASE_KEYWORDS = { decay: null } as const;

/**
 * An optimizer's signature: its own parameters in Keras's order (`learningRate` first), then the
 * base parameters every optimizer takes (`weightDecay`, the clipping options, …, `name`).
 */
export function optimizerSignature<A extends OptimizerArgs>() {
  return <const P extends ParamSpec<A>>(params: P) => signature<A>()({ ...params, ...(BASE_PARAMS as ParamSpec<A>) }, BASE_KEYWORDS as ParamSpec<A>);
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
  /** The step size; may be changed between steps. */
  learningRate: number;
  /** The number of steps applied so far. */
  iterations = 0;
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly emaMomentum: number;
  readonly emaOverwriteFrequency: number | null;
  private readonly slots = new Map<Variable, Slots>();

  /**
   * `new MyOptimizer(0.1)` or `{ learningRate: 0.1, clipnorm: 1 }` for a subclass of your own; the
   * built-in optimizers resolve their own signature and pass the base options on.
   */
  constructor(...args: KerasArgs<[learningRate: number], OptimizerArgs>) {
    const a = baseSignature.resolve(args, new.target);
    if (!(typeof a.learningRate === 'number' && Number.isFinite(a.learningRate))) {
      throw new ValueError(`Argument \`learning_rate\` should be a float. Received: learning_rate=${pythonStr(a.learningRate)}`);
    }
    if (a.decay !== null && a.decay !== 0) {
      // Keras 3 warns that it ignores it; training with another schedule than the one asked for is refused here.
      throw new ValueError(`Argument \`decay\` is no longer supported (Keras 3 ignores it), so a decay other than 0 is refused. Received: decay=${pythonStr(a.decay)}`);
    }
    checkClipping(a);
    this.learningRate = a.learningRate;
    this.name = a.name ?? uniqueName(toSnakeCase(kerasClassName(new.target)));
    this.weightDecay = a.weightDecay;
    this.clipnorm = a.clipnorm;
    this.clipvalue = a.clipvalue;
    this.globalClipnorm = a.globalClipnorm;
    this.emaMomentum = a.emaMomentum;
    this.emaOverwriteFrequency = a.emaOverwriteFrequency;
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

  /** The loss `fit` takes gradients of: the loss itself, unless an optimizer scales it (`LossScaleOptimizer`). */
  scaleLoss(loss: Tensor): Tensor {
    return loss;
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
      // Keras holds the learning rate in a float32 variable, and so writes it.
      learning_rate: Math.fround(this.learningRate),
      weight_decay: this.weightDecay,
      clipnorm: this.clipnorm,
      global_clipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      use_ema: false,
      ema_momentum: this.emaMomentum,
      ema_overwrite_frequency: this.emaOverwriteFrequency,
      loss_scale_factor: null,
      gradient_accumulation_steps: null,
    };
  }

  /** Frees every slot variable; the optimizer starts afresh if used again. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.slots.clear();
  }

  /** The shape of slot `name` of `variable`: the variable's own, unless an optimizer keeps a reduced one (Adafactor's factored moments). */
  protected slotShape(_name: string, variable: Variable): number[] {
    return [...variable.shape];
  }

  /** The value slot `name` starts at: 0, unless an optimizer starts an accumulator elsewhere (Adagrad's `initialAccumulatorValue`). */
  protected slotInitialValue(_name: string): number {
    return 0;
  }

  /** The slots of `variable`, created (outside any tidy) the first time it is seen. */
  private slotsOf(variable: Variable): Slots {
    let slots = this.slots.get(variable);
    if (!slots) {
      slots = {};
      for (const name of this.slotNames()) {
        const path = `${this.name}/${variable.path.replace(/\//g, '_')}_${name}`;
        const shape = this.slotShape(name, variable);
        const values = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(this.slotInitialValue(name));
        slots[name] = new Variable({ name, path, value: tensor(values, shape), trainable: false });
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

/** Keras's rule: at most one of the three clipping options. */
function checkClipping({ clipnorm, clipvalue, globalClipnorm }: Required<ClipArgs>): void {
  if ([clipnorm, clipvalue, globalClipnorm].filter((v) => v !== null).length > 1) {
    throw new ValueError(
      `Only one of \`clipnorm\`, \`clipvalue\` and \`global_clipnorm\` can be set. Received: clipnorm=${pythonStr(clipnorm)}, clipvalue=${pythonStr(clipvalue)}, global_clipnorm=${pythonStr(globalClipnorm)}`,
    );
  }
}
