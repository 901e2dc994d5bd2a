/** `LearningRateScheduler`: set the learning rate at the start of each epoch from a function. */
import { type KerasArgs, REQUIRED, signature } from '../../arguments/signature.js';
import { ValueError } from '../../utils/errors.js';
import { pythonStr } from '../../utils/python_repr.js';
import { Callback, type Logs } from './callback.js';
import { currentLearningRate, optimizerOf } from './learning_rate.js';

/** `schedule(epoch, lr)`: the learning rate of epoch `epoch` (0-based) given the current one; may be async. */
export type Schedule = (epoch: number, lr: number) => number | Promise<number>;

/** Options of {@link LearningRateScheduler}, as Keras's arguments. */
export interface LearningRateSchedulerArgs {
  /** The function giving each epoch's learning rate. Required. */
  schedule?: Schedule;
  /** 1 prints the rate set at each epoch. Default 0. */
  verbose?: number;
}

/**
 * Sets the optimizer's learning rate to `schedule(epoch, lr)` before each epoch, as
 * `keras.callbacks.LearningRateScheduler`, and adds the epoch's `learning_rate` to its logs.
 *
 * @example
 * new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)))
 */
export class LearningRateScheduler extends Callback {
  static override className = 'LearningRateScheduler';
  static override readonly signature = signature<LearningRateSchedulerArgs>()({ schedule: REQUIRED, verbose: 0 });
  readonly schedule: Schedule;
  readonly verbose: number;

  /** `new LearningRateScheduler(fn)` or `new LearningRateScheduler({ schedule: fn, verbose: 1 })`. */
  constructor(...args: KerasArgs<[schedule: Schedule, verbose: number], LearningRateSchedulerArgs>) {
    super();
    const a = LearningRateScheduler.signature.resolve(args, new.target);
    this.schedule = a.schedule;
    this.verbose = a.verbose;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    const optimizer = optimizerOf(this.model, 'LearningRateScheduler');
    const learningRate: unknown = await this.schedule(epoch, currentLearningRate(optimizer));
    if (typeof learningRate !== 'number') throw new ValueError(`The output of the \`schedule\` function should be a float. Got: ${pythonStr(learningRate)}`);
    optimizer.learningRate = learningRate;
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${pythonStr(learningRate)}.`);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    logs.learning_rate = currentLearningRate(optimizerOf(this.model, 'LearningRateScheduler'));
  }
}
