/** `Adafactor`: adaptive steps from a factored second moment, memory-light for large matrices. */
import type { KerasArgs } from '../arguments/signature.js';
import type { Variable } from '../engine/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LearningRate, Optimizer, type OptimizerArgs, type Slots, optimizerSignature } from './optimizer.js';
import * as updates from './updates.js';

/** Options of {@link Adafactor}. */
export interface AdafactorArgs extends OptimizerArgs {
  /** Default 0.001. */
  learningRate?: LearningRate;
  /** The second moment's decay: `beta = 1 - t^beta2Decay` at step `t`. Default -0.8. */
  beta2Decay?: number;
  /** Added to the squared gradient. Default 1e-30. */
  epsilon1?: number;
  /** The least root mean square of a weight that its step is relative to. Default 1e-3. */
  epsilon2?: number;
  /** The root mean square above which an update is scaled down. Default 1. */
  clipThreshold?: number;
  /** Cap the learning rate at `1 / sqrt(t)`; Keras's step caps it so either way, so this only travels in the config. Default true. */
  relativeStep?: boolean;
}

/**
 * Adafactor, as `keras.optimizers.Adafactor` (Shazeer and Stern, 2018): for a weight of rank 2 or
 * more the second moment is kept as running means over its last axis (`r`) and second-to-last
 * axis (`c`), the `velocity` rebuilt from them each step; the step is relative to the weight's
 * root mean square and clipped by the update's own.
 *
 * @example
 * model.compile({ optimizer: new Adafactor(0.01), loss: 'mse' });
 * model.compile({ optimizer: new Adafactor({ learningRate: 0.01, clipThreshold: 0.5 }), loss: 'mse' });
 */
export class Adafactor extends Optimizer {
  static override readonly className: string = 'Adafactor';
  static override readonly signature = optimizerSignature<AdafactorArgs>()({
    learningRate: 0.001, beta2Decay: -0.8, epsilon1: 1e-30, epsilon2: 1e-3, clipThreshold: 1, relativeStep: true,
  });
  readonly beta2Decay: number;
  readonly epsilon1: number;
  readonly epsilon2: number;
  readonly clipThreshold: number;
  readonly relativeStep: boolean;

  constructor(
    ...args: KerasArgs<[learningRate: LearningRate, beta2Decay: number, epsilon1: number, epsilon2: number, clipThreshold: number, relativeStep: boolean], AdafactorArgs>
  ) {
    const { beta2Decay, epsilon1, epsilon2, clipThreshold, relativeStep, ...base } = Adafactor.signature.resolve(args, new.target);
    super(base);
    this.beta2Decay = beta2Decay;
    this.epsilon1 = epsilon1;
    this.epsilon2 = epsilon2;
    this.clipThreshold = clipThreshold;
    this.relativeStep = relativeStep;
  }

  protected override slotNames(): string[] {
    return ['r', 'c', 'velocity'];
  }

  /**
   * Keras's shapes: `r` drops the weight's last axis, `c` its second-to-last; below rank 2 both
   * are scalar placeholders (zero, never used), kept so that the state lists as Keras's does.
   */
  protected override slotShape(name: string, variable: Variable): number[] {
    const shape = [...variable.shape];
    if (name === 'velocity') return shape;
    if (shape.length < 2) return [];
    return name === 'r' ? shape.slice(0, -1) : [...shape.slice(0, -2), shape[shape.length - 1]!];
  }

  protected override updateStep(gradient: Tensor, variable: Variable, slots: Slots, learningRate: number): void {
    const factored = variable.shape.length >= 2;
    const slotTensors = { r: factored ? slots.r!.value : null, c: factored ? slots.c!.value : null, velocity: slots.velocity!.value };
    updates.adafactorUpdate(variable.value, gradient, slotTensors, {
      learningRate,
      beta2Decay: this.beta2Decay,
      epsilon1: this.epsilon1,
      epsilon2: this.epsilon2,
      clipThreshold: this.clipThreshold,
      iterations: this.iterations,
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      beta_2_decay: this.beta2Decay,
      epsilon_1: this.epsilon1,
      epsilon_2: this.epsilon2,
      clip_threshold: this.clipThreshold,
      relative_step: this.relativeStep,
    };
  }
}
