/**
 * Typed wrappers over the optimizer update exports, for the optimizer classes: each call
 * updates one variable's tensor and its slot tensors in place in WebAssembly memory, with
 * Keras 3's formulas (see crates/kerasm-core/src/optim). Nothing is allocated, nothing returned.
 * Internal: users reach these through `keras.optimizers`.
 */
import { call } from '../runtime/binding.js';
import type { Tensor } from '../tensor/tensor.js';
import { ValueError } from '../utils/errors.js';

/** Mirrors `NO_SLOT` in crates/kerasm-wasm/src/api/optim.rs: a slot the settings leave unused. */
const NO_SLOT = 0xffffffff;

function slot(t: Tensor | null | undefined): number {
  return t == null ? NO_SLOT : t.handle;
}

/** The step count a kernel takes as a u32. */
function checkIterations(op: string, iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > 0xfffffffe) {
    throw new ValueError(`${op}: iterations must be a non-negative integer, received ${iterations}`);
  }
}

export interface SgdSettings {
  /** The step size. */
  learningRate: number;
  /** Momentum factor in [0, 1]; 0 means plain gradient descent and no `momentum` slot. */
  momentum: number;
  /** Whether to apply Nesterov momentum. */
  nesterov: boolean;
}

export interface SgdSlots {
  /** The velocity `m` (zeros at first); needed when `momentum` is not 0. */
  momentum: Tensor | null;
}

/** One SGD step on `variable` in place. */
export function sgdUpdate(variable: Tensor, gradient: Tensor, slots: SgdSlots, settings: SgdSettings): void {
  const { learningRate, momentum, nesterov } = settings;
  call('SGD', (w) => w.sgd_update(variable.handle, gradient.handle, slot(slots.momentum), learningRate, momentum, nesterov));
}

export interface AdamSettings {
  /** The step size. */
  learningRate: number;
  /** Decay rate of the first moment estimate. */
  beta1: number;
  /** Decay rate of the second moment estimate. */
  beta2: number;
  /** Added to the denominator for numerical stability. */
  epsilon: number;
  /** Whether to use the AMSGrad variant (needs the `vhat` slot). */
  amsgrad: boolean;
  /** Steps already taken (the optimizer's `iterations` before this step); the step uses `t = iterations + 1`. */
  iterations: number;
}

export interface AdamSlots {
  /** First moment (zeros at first). */
  m: Tensor;
  /** Second moment (zeros at first). */
  v: Tensor;
  /** Running maximum of `v` (zeros at first); only with `amsgrad`. */
  vhat: Tensor | null;
}

/** One Adam step on `variable` in place. */
export function adamUpdate(variable: Tensor, gradient: Tensor, slots: AdamSlots, settings: AdamSettings): void {
  const { learningRate, beta1, beta2, epsilon, amsgrad, iterations } = settings;
  checkIterations('Adam', iterations);
  call('Adam', (w) =>
    w.adam_update(variable.handle, gradient.handle, slots.m.handle, slots.v.handle, slot(slots.vhat), learningRate, beta1, beta2, epsilon, amsgrad, iterations),
  );
}

export interface RmspropSettings {
  /** The step size. */
  learningRate: number;
  /** Discounting factor of the gradient history. */
  rho: number;
  /** Momentum factor; 0 means no `momentum` slot. */
  momentum: number;
  /** Added under the square root for numerical stability. */
  epsilon: number;
  /** Whether to normalise by the estimated variance of the gradient (needs `averageGradient`). */
  centered: boolean;
}

export interface RmspropSlots {
  /** Running mean of the squared gradient (zeros at first). */
  velocity: Tensor;
  /** Running mean of the gradient (zeros at first); only when `centered`. */
  averageGradient: Tensor | null;
  /** Momentum accumulator (zeros at first); only when `momentum > 0`. */
  momentum: Tensor | null;
}

/** One RMSprop step on `variable` in place. */
export function rmspropUpdate(variable: Tensor, gradient: Tensor, slots: RmspropSlots, settings: RmspropSettings): void {
  const { learningRate, rho, momentum, epsilon, centered } = settings;
  call('RMSprop', (w) =>
    w.rmsprop_update(variable.handle, gradient.handle, slots.velocity.handle, slot(slots.averageGradient), slot(slots.momentum), learningRate, rho, momentum, epsilon, centered),
  );
}

// AdamW has no wrapper of its own: it is Adam with weight decay (`adamUpdate`).

export interface AdagradSettings {
  /** The step size. */
  learningRate: number;
  /** Added under the square root for numerical stability. */
  epsilon: number;
}

/** One Adagrad step on `variable` in place; `accumulator` is the running sum of squared gradients. */
export function adagradUpdate(variable: Tensor, gradient: Tensor, accumulator: Tensor, settings: AdagradSettings): void {
  const { learningRate, epsilon } = settings;
  call('Adagrad', (w) => w.adagrad_update(variable.handle, gradient.handle, accumulator.handle, learningRate, epsilon));
}

export interface AdadeltaSettings {
  /** The step size. */
  learningRate: number;
  /** Decay rate of the running means. */
  rho: number;
  /** Added under the square roots for numerical stability. */
  epsilon: number;
}

export interface AdadeltaSlots {
  /** Running mean of the squared gradient (zeros at first). */
  accumulatedGrad: Tensor;
  /** Running mean of the squared update (zeros at first). */
  accumulatedDeltaVar: Tensor;
}

/** One Adadelta step on `variable` in place. */
export function adadeltaUpdate(variable: Tensor, gradient: Tensor, slots: AdadeltaSlots, settings: AdadeltaSettings): void {
  const { learningRate, rho, epsilon } = settings;
  call('Adadelta', (w) => w.adadelta_update(variable.handle, gradient.handle, slots.accumulatedGrad.handle, slots.accumulatedDeltaVar.handle, learningRate, rho, epsilon));
}

export interface AdamaxSettings {
  /** The step size. */
  learningRate: number;
  /** Decay rate of the first moment. */
  beta1: number;
  /** Decay rate of the infinity norm. */
  beta2: number;
  /** Added to the denominator for numerical stability. */
  epsilon: number;
  /** Steps already taken; the step uses `t = iterations + 1`. */
  iterations: number;
}

export interface AdamaxSlots {
  /** First moment (zeros at first). */
  momentum: Tensor;
  /** Exponentially weighted infinity norm (zeros at first). */
  norm: Tensor;
}

/** One Adamax step on `variable` in place. */
export function adamaxUpdate(variable: Tensor, gradient: Tensor, slots: AdamaxSlots, settings: AdamaxSettings): void {
  const { learningRate, beta1, beta2, epsilon, iterations } = settings;
  checkIterations('Adamax', iterations);
  call('Adamax', (w) => w.adamax_update(variable.handle, gradient.handle, slots.momentum.handle, slots.norm.handle, learningRate, beta1, beta2, epsilon, iterations));
}

export interface NadamSettings {
  /** The step size. */
  learningRate: number;
  /** Decay rate of the first moment, and the scale of the momentum schedule. */
  beta1: number;
  /** Decay rate of the second moment. */
  beta2: number;
  /** Added to the denominator for numerical stability. */
  epsilon: number;
  /** Steps already taken; the step uses `t = iterations + 1`. */
  iterations: number;
  /** True for the first variable updated in a step: it advances `uProduct` (once per step, as Keras). */
  advanceUProduct: boolean;
}

export interface NadamSlots {
  /** First moment (zeros at first). */
  momentum: Tensor;
  /** Second moment (zeros at first). */
  velocity: Tensor;
  /** The optimizer's scalar product of the momentum schedule (1 at first), shared by every variable. */
  uProduct: Tensor;
}

/** One Nadam step on `variable` in place. */
export function nadamUpdate(variable: Tensor, gradient: Tensor, slots: NadamSlots, settings: NadamSettings): void {
  const { learningRate, beta1, beta2, epsilon, iterations, advanceUProduct } = settings;
  checkIterations('Nadam', iterations);
  call('Nadam', (w) =>
    w.nadam_update(variable.handle, gradient.handle, slots.momentum.handle, slots.velocity.handle, slots.uProduct.handle, learningRate, beta1, beta2, epsilon, iterations, advanceUProduct),
  );
}

export interface LionSettings {
  /** The step size. */
  learningRate: number;
  /** Weight of the momentum in the sign taken for the step. */
  beta1: number;
  /** Decay rate of the momentum. */
  beta2: number;
}

/** One Lion step on `variable` in place; `momentum` is its running mean of gradients. */
export function lionUpdate(variable: Tensor, gradient: Tensor, momentum: Tensor, settings: LionSettings): void {
  const { learningRate, beta1, beta2 } = settings;
  call('Lion', (w) => w.lion_update(variable.handle, gradient.handle, momentum.handle, learningRate, beta1, beta2));
}

/** Keras's decoupled weight decay on `variable` in place: `w -= w * weightDecay * learningRate`. */
export function weightDecayUpdate(variable: Tensor, weightDecay: number, learningRate: number): void {
  call('weight decay', (w) => w.weight_decay_update(variable.handle, weightDecay, learningRate));
}

/** One step of the moving average of `variable` in `average` (`useEma`); with `overwrite`, the variable then takes the average. */
export function movingAverageUpdate(average: Tensor, variable: Tensor, momentum: number, overwrite: boolean): void {
  call('moving average', (w) => w.moving_average_update(average.handle, variable.handle, momentum, overwrite));
}

/** Adds `gradient` to `accumulator` in place (`gradientAccumulationSteps`). */
export function gradientAccumulationUpdate(accumulator: Tensor, gradient: Tensor): void {
  call('gradient accumulation', (w) => w.gradient_accumulation_update(accumulator.handle, gradient.handle));
}

export interface FtrlSettings {
  /** The step size. */
  learningRate: number;
  /** How the step decreases with the accumulated squared gradients (≤ 0; 0 for a fixed step). */
  learningRatePower: number;
  /** L1 regularization strength (≥ 0). */
  l1RegularizationStrength: number;
  /** L2 regularization strength (≥ 0). */
  l2RegularizationStrength: number;
  /** Shrinkage-type L2 strength, a magnitude penalty added to the gradient (≥ 0). */
  l2ShrinkageRegularizationStrength: number;
  /** The paper's beta, folded into the L2 strength as `beta / (2 * lr)`. */
  beta: number;
}

export interface FtrlSlots {
  /** Running sum of squared gradients (starting at `initialAccumulatorValue`). */
  accumulator: Tensor;
  /** The linear term (zeros at first). */
  linear: Tensor;
}

/** One FTRL step on `variable` in place. */
export function ftrlUpdate(variable: Tensor, gradient: Tensor, slots: FtrlSlots, settings: FtrlSettings): void {
  const { learningRate, learningRatePower, l1RegularizationStrength, l2RegularizationStrength, l2ShrinkageRegularizationStrength, beta } = settings;
  call('Ftrl', (w) =>
    w.ftrl_update(
      variable.handle, gradient.handle, slots.accumulator.handle, slots.linear.handle,
      learningRate, learningRatePower, l1RegularizationStrength, l2RegularizationStrength, l2ShrinkageRegularizationStrength, beta,
    ),
  );
}

export interface LambSettings {
  /** The step size. */
  learningRate: number;
  /** Decay rate of the first moment estimate. */
  beta1: number;
  /** Decay rate of the second moment estimate. */
  beta2: number;
  /** Added to the denominator for numerical stability. */
  epsilon: number;
  /** Steps already taken (the optimizer's `iterations` before this step); the step uses `t = iterations + 1`. */
  iterations: number;
}

export interface LambSlots {
  /** First moment (zeros at first). */
  momentum: Tensor;
  /** Second moment (zeros at first). */
  velocity: Tensor;
}

/** One LAMB step on `variable` in place (the trust ratio's norms are computed in the kernel). */
export function lambUpdate(variable: Tensor, gradient: Tensor, slots: LambSlots, settings: LambSettings): void {
  const { learningRate, beta1, beta2, epsilon } = settings;
  const { iterations } = settings;
  checkIterations('Lamb', iterations);
  call('Lamb', (w) => w.lamb_update(variable.handle, gradient.handle, slots.momentum.handle, slots.velocity.handle, learningRate, beta1, beta2, epsilon, iterations));
}

export interface AdafactorSettings {
  /** The step size, capped at `1 / sqrt(t)`. */
  learningRate: number;
  /** The second moment's decay: `beta = 1 - t^beta2Decay`. */
  beta2Decay: number;
  /** Added to the squared gradient. */
  epsilon1: number;
  /** The least root mean square of the variable the step is relative to. */
  epsilon2: number;
  /** The root mean square above which the update is scaled down. */
  clipThreshold: number;
  /** Steps already taken (the optimizer's `iterations` before this step); the step uses `t = iterations + 1`. */
  iterations: number;
}

export interface AdafactorSlots {
  /** Row means of the squared gradient (the variable's shape without its last axis); null below rank 2. */
  r: Tensor | null;
  /** Column means (without its second-to-last axis); null below rank 2. */
  c: Tensor | null;
  /** The second moment (the variable's shape). */
  velocity: Tensor;
}

/** One Adafactor step on `variable` in place. */
export function adafactorUpdate(variable: Tensor, gradient: Tensor, slots: AdafactorSlots, settings: AdafactorSettings): void {
  const { learningRate, beta2Decay, epsilon1, epsilon2, clipThreshold } = settings;
  const { iterations } = settings;
  checkIterations('Adafactor', iterations);
  call('Adafactor', (w) =>
    w.adafactor_update(
      variable.handle, gradient.handle, slot(slots.r), slot(slots.c), slots.velocity.handle,
      learningRate, beta2Decay, epsilon1, epsilon2, clipThreshold, iterations,
    ),
  );
}

/** Whether every element of every gradient is finite (one call; the answer is a boolean, not a tensor). */
export function gradientsFinite(gradients: Tensor[]): boolean {
  return call('LossScaleOptimizer', (w) => w.gradients_finite(Uint32Array.from(gradients, (g) => g.handle)));
}
