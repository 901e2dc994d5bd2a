/** The checks Keras's `BaseOptimizer.__init__` makes of its arguments, with its messages. */
import { ValueError } from '../utils/errors.js';
import { pythonStr } from '../utils/python_repr.js';
import type { ClipArgs } from './clipping.js';
import type { LearningRate } from './optimizer.js';
import { LearningRateSchedule } from './schedules/learning_rate_schedule.js';

/** Keras's rule: at most one of the three clipping options. */
export function checkClipping({ clipnorm, clipvalue, globalClipnorm }: Required<ClipArgs>): void {
  if ([clipnorm, clipvalue, globalClipnorm].filter((v) => v !== null).length > 1) {
    throw new ValueError(
      `Only one of \`clipnorm\`, \`clipvalue\` and \`global_clipnorm\` can be set. Received: clipnorm=${pythonStr(clipnorm)}, clipvalue=${pythonStr(clipvalue)}, global_clipnorm=${pythonStr(globalClipnorm)}`,
    );
  }
}

/** A learning rate as Keras takes it: a finite number or a schedule. */
export function checkLearningRate(value: unknown): LearningRate {
  if (value instanceof LearningRateSchedule || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new ValueError(
    `Argument \`learning_rate\` should be float, or an instance of LearningRateSchedule. Received instead: learning_rate=${pythonStr(value)}`,
  );
}

/** Keras's check of `gradient_accumulation_steps` (kerasm also needs a whole number). */
export function checkAccumulation(steps: unknown): void {
  if (steps !== null && !(typeof steps === 'number' && Number.isInteger(steps) && steps >= 2)) {
    throw new ValueError(`\`gradient_accumulation_steps\` must be an integer >= 2. Received: gradient_accumulation_steps=${pythonStr(steps)}`);
  }
}

/** Keras's checks of the moving average's options, made when `useEma` is set. */
export function checkEma(momentum: number, overwriteFrequency: number | null): void {
  if (!(momentum >= 0 && momentum <= 1)) throw new ValueError(`\`ema_momentum\` must be in the range [0, 1]. Received: ema_momentum=${pythonStr(momentum)}`);
  if (overwriteFrequency && !(Number.isInteger(overwriteFrequency) && overwriteFrequency >= 1)) {
    throw new ValueError(`\`ema_overwrite_frequency\` must be an integer >= 1 or None. Received: ema_overwrite_frequency=${pythonStr(overwriteFrequency)}`);
  }
}
