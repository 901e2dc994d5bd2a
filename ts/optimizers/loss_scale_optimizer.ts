/** `LossScaleOptimizer`: Keras's dynamic loss scaling around another optimizer. */
import { type KerasArgs, REQUIRED, signature } from '../arguments/signature.js';
import { Variable } from '../engine/variable.js';
import * as ops from '../ops/index.js';
import { tensor } from '../tensor/create.js';
import { tidy } from '../tensor/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';
import { type LearningRate, Optimizer } from './optimizer.js';
import type { LearningRateSchedule } from './schedules/learning_rate_schedule.js';
import { gradientsFinite } from './updates.js';

/** Options of {@link LossScaleOptimizer}. */
export interface LossScaleOptimizerArgs {
  /** The optimizer that applies the (unscaled) gradients. */
  innerOptimizer?: Optimizer;
  /** The loss scale to start from. Default 32768. */
  initialScale?: number;
  /** How many steps with finite gradients double the scale. Default 2000. */
  dynamicGrowthSteps?: number;
  /** Default: `loss_scale_optimizer`, made unique. */
  name?: string | null;
  /** Keras 3 takes only true (its old `dynamic=False` is the inner optimizer's `loss_scale_factor`). */
  dynamic?: boolean;
  /** The base optimizer options older configs hold: taken only at their defaults (set them on the inner optimizer). */
  weightDecay?: null;
  clipnorm?: null;
  globalClipnorm?: null;
  clipvalue?: null;
  useEma?: false;
  emaMomentum?: number;
  emaOverwriteFrequency?: null;
  lossScaleFactor?: null;
  gradientAccumulationSteps?: null;
}

/** The base options Keras still accepts from older configs, at these values only. */
const BASE_DEFAULTS = {
  weightDecay: null, clipnorm: null, globalClipnorm: null, clipvalue: null, useEma: false, emaMomentum: 0.99,
  emaOverwriteFrequency: null, lossScaleFactor: null, gradientAccumulationSteps: null,
} as const;

/**
 * Dynamic loss scaling, as `keras.optimizers.LossScaleOptimizer`: `fit` multiplies the loss by
 * the scale before computing gradients, and each step divides the gradients by it again. A step
 * whose gradients are not all finite is skipped and halves the scale; after `dynamicGrowthSteps`
 * finite steps in a row the scale doubles. kerasm computes in float32, where this is what Keras
 * does with a float32 model; it keeps small losses' gradients from underflowing in custom losses.
 * `learningRate` and `iterations` are the inner optimizer's, as in Keras.
 *
 * @example
 * model.compile({ optimizer: new LossScaleOptimizer(new Adam(1e-3)), loss: 'mse' });
 */
export class LossScaleOptimizer extends Optimizer {
  static override readonly className: string = 'LossScaleOptimizer';
  static override readonly signature = signature<LossScaleOptimizerArgs>()(
    { innerOptimizer: REQUIRED, initialScale: 32768, dynamicGrowthSteps: 2000, name: null },
    { dynamic: true, ...BASE_DEFAULTS },
  );
  readonly innerOptimizer: Optimizer;
  readonly initialScale: number;
  readonly dynamicGrowthSteps: number;
  /** The scaling state, created on first use as Keras's `build` does (and again after `dispose`). */
  private state: { stepCounter: Variable; dynamicScale: Variable } | null = null;

  constructor(...args: KerasArgs<[innerOptimizer: Optimizer, initialScale: number, dynamicGrowthSteps: number, name: string | null], LossScaleOptimizerArgs>) {
    const a = LossScaleOptimizer.signature.resolve(args, new.target);
    checkKerasKeywords(a);
    if (!(a.innerOptimizer instanceof Optimizer)) {
      throw new ValueError(`LossScaleOptimizer: \`inner_optimizer\` must be an Optimizer instance. Received: inner_optimizer=${String(a.innerOptimizer)}`);
    }
    super({ learningRate: 0, name: a.name });
    this.innerOptimizer = a.innerOptimizer;
    this.initialScale = a.initialScale;
    this.dynamicGrowthSteps = a.dynamicGrowthSteps;
  }

  // Keras's properties: the learning rate, the step count and the built state are the inner optimizer's.
  override get learningRate(): number {
    return this.innerOptimizer.learningRate;
  }

  override set learningRate(value: LearningRate) {
    this.innerOptimizer.learningRate = value;
  }

  override get learningRateSchedule(): LearningRateSchedule | null {
    return this.innerOptimizer.learningRateSchedule;
  }

  override get iterations(): number {
    return this.innerOptimizer.iterations;
  }

  override get appliedSteps(): number {
    return this.innerOptimizer.appliedSteps;
  }

  override set appliedSteps(steps: number) {
    this.innerOptimizer.appliedSteps = steps;
  }

  override get built(): boolean {
    return this.innerOptimizer.built;
  }

  override build(variables: readonly Variable[]): void {
    this.scalingState();
    this.innerOptimizer.build(variables);
  }

  override finalizeVariableValues(variables: Variable[]): void {
    this.innerOptimizer.finalizeVariableValues(variables);
  }

  /** Steps with finite gradients since the scale last changed (Keras's `step_counter`, int32). */
  get stepCounter(): Variable {
    return this.scalingState().stepCounter;
  }

  /** The current loss scale (Keras's `dynamic_scale`, float32). */
  get dynamicScale(): Variable {
    return this.scalingState().dynamicScale;
  }

  /** The loss multiplied by the current scale, for the gradients (`fit` calls this). */
  override scaleLoss(loss: Tensor): Tensor {
    return ops.multiply(loss, this.scale);
  }

  /**
   * Applies the gradients divided by the scale through the inner optimizer when they are all
   * finite (then counts the step, doubling the scale every `dynamicGrowthSteps`); otherwise skips
   * the step and halves the scale.
   */
  override applyGradients(pairs: [Tensor | null, Variable][]): void {
    const grads = pairs.flatMap(([g]) => (g === null ? [] : [g]));
    if (!gradientsFinite(grads)) {
      this.setState(0, this.scale * 0.5);
      return;
    }
    const scale = this.scale;
    tidy(() => this.innerOptimizer.applyGradients(pairs.map(([g, v]): [Tensor | null, Variable] => [g && ops.divide(g, scale), v])));
    const counter = this.counter;
    if (counter === this.dynamicGrowthSteps - 1) this.setState(0, scale * 2);
    else this.setState(counter + 1, scale);
  }

  override get variables(): Variable[] {
    return [this.stepCounter, this.dynamicScale, ...this.innerOptimizer.variables];
  }

  override slotsFor(variable: Variable) {
    return this.innerOptimizer.slotsFor(variable);
  }

  override baseSlotsFor(variable: Variable) {
    return this.innerOptimizer.baseSlotsFor(variable);
  }

  /** Keras's config: only the name of the base keys, and the inner optimizer serialized. */
  override getConfig(): Record<string, unknown> {
    const inner = this.innerOptimizer;
    const className = (inner.constructor as { className?: string }).className ?? inner.constructor.name;
    return {
      name: this.name,
      inner_optimizer: { module: 'keras.optimizers', class_name: className, config: inner.getConfig(), registered_name: null },
      initial_scale: this.initialScale,
      dynamic_growth_steps: this.dynamicGrowthSteps,
    };
  }

  /** Frees the inner optimizer's slots and the scaling state; used again, both start afresh. */
  override dispose(): void {
    this.innerOptimizer.dispose();
    this.state?.stepCounter.dispose();
    this.state?.dynamicScale.dispose();
    this.state = null;
  }

  /** No slots of its own: the inner optimizer keeps them. */
  protected override slotNames(): string[] {
    return [];
  }

  /** Never called: `applyGradients` hands every step to the inner optimizer. */
  protected override updateStep(): void {
    throw new Error('LossScaleOptimizer: the inner optimizer updates the weights, this is a bug');
  }

  private scalingState(): { stepCounter: Variable; dynamicScale: Variable } {
    if (this.state === null) {
      const variable = (name: string, value: Tensor) => new Variable({ name, path: `${this.name}/${name}`, value, trainable: false });
      this.state = {
        stepCounter: variable('step_counter', tensor(Int32Array.of(0), [], 'int32')),
        dynamicScale: variable('dynamic_scale', tensor(Float32Array.of(this.initialScale), [])),
      };
    }
    return this.state;
  }

  /** The current scale (a scalar read: the scale lives beside the step counter, in a variable, for saving). */
  private get scale(): number {
    return this.dynamicScale.value.dataSync()[0]!;
  }

  private get counter(): number {
    return this.stepCounter.value.dataSync()[0]!;
  }

  private setState(counter: number, scale: number): void {
    this.stepCounter.assign(tensor(Int32Array.of(counter), [], 'int32'));
    this.dynamicScale.assign(tensor(Float32Array.of(scale), []));
  }
}

/** Keras's refusals of `dynamic=False` and of base options away from their defaults. */
function checkKerasKeywords(a: Record<string, unknown>): void {
  if (a.dynamic !== true) {
    throw new ValueError('LossScaleOptimizer no longer supports `dynamic=False`. Instead, simply set `loss_scale_factor` directly on the `inner_optimizer`.');
  }
  for (const [key, value] of Object.entries(BASE_DEFAULTS)) {
    if (a[key] !== value) {
      const name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      throw new ValueError(`LossScaleOptimizer does not support \`${name}\`. Instead, set \`${name}\` on the \`inner_optimizer\`.`);
    }
  }
}
