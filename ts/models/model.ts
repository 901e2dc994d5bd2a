/**
 * The Model base class: a layer made of layers, which can be summarised, trained, evaluated and
 * used for prediction. `Sequential` is the model of this release; the Functional API builds on it.
 */
import { Layer, type LayerArgs } from '../engine/layer.js';
import type { SymbolicShape } from '../engine/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import type { History } from '../training/callbacks/history.js';
import type { CompileArgs } from '../training/compile.js';
import type { InputData } from '../training/data.js';
import type { EvaluateArgs, FitArgs, PredictArgs } from '../training/options.js';
import type { TrainableModel } from '../training/trainable.js';
import { Trainer } from '../training/trainer.js';
import { ValueError } from '../utils/errors.js';
import { type SummaryOptions, summaryLines } from './summary.js';

export type ModelArgs = Pick<LayerArgs, 'name' | 'trainable'>;

export abstract class Model extends Layer implements TrainableModel {
  static override className = 'Model';

  /** Set by callbacks such as `EarlyStopping` to end `fit()` after the current epoch. */
  stopTraining = false;
  private readonly trainer = new Trainer(this);

  /** The model's layers, in order (not counting its input layer). */
  abstract get layers(): Layer[];

  protected override sublayers(): Layer[] {
    return this.layers;
  }

  /** Models built by a first call accept any batch size: the batch dimension stays unknown. */
  protected override maybeBuild(inputShape: SymbolicShape): void {
    super.maybeBuild([null, ...inputShape.slice(1)]);
  }

  /** The forward pass used by training and prediction. */
  forward(x: Tensor, training: boolean): Tensor {
    return this.apply(x, { training });
  }

  /** Extra loss terms from layers (regularizers); none yet. */
  get losses(): Tensor[] {
    return [];
  }

  /** A layer by name or by index into `layers`. */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    if (typeof nameOrIndex === 'number') {
      const layer = layers[nameOrIndex];
      if (!layer) throw new ValueError(`Was asked to retrieve layer at index ${nameOrIndex} but model only has ${layers.length} layers.`);
      return layer;
    }
    const layer = layers.find((l) => l.name === nameOrIndex);
    if (!layer) throw new ValueError(`No such layer: ${nameOrIndex}. Existing layers are: ${JSON.stringify(layers.map((l) => l.name))}.`);
    return layer;
  }

  /** Configures training: the optimizer (default 'rmsprop'), the loss, and metrics such as 'accuracy'. */
  compile(args: CompileArgs): void {
    this.trainer.compile(args);
  }

  /** The optimizer `compile()` set. */
  get optimizer() {
    return this.trainer.optimizer;
  }

  /** `['loss', ...metric names]`, the order `evaluate()` returns values in. */
  get metricsNames(): string[] {
    return this.trainer.metricsNames;
  }

  /** Trains for `epochs` epochs on `x` / `y`; resolves to the History of the run. */
  fit(x: InputData, y: InputData, args?: FitArgs): Promise<History> {
    return this.trainer.fit(x, y, args);
  }

  /** The loss, or `[loss, ...metrics]`, over `x` / `y` in inference mode. */
  evaluate(x: InputData, y: InputData, args?: EvaluateArgs) {
    return this.trainer.evaluate(x, y, args);
  }

  /** The model's outputs for `x`, computed in batches. */
  predict(x: InputData, args?: PredictArgs): Tensor {
    return this.trainer.predict(x, args);
  }

  /** One gradient step on one batch; returns the loss, or `[loss, ...metrics]`. */
  trainOnBatch(x: InputData, y: InputData): number | number[] {
    return this.trainer.trainOnBatch(x, y);
  }

  /** The loss, or `[loss, ...metrics]`, on one batch, in inference mode. */
  testOnBatch(x: InputData, y: InputData): number | number[] {
    return this.trainer.testOnBatch(x, y);
  }

  /** Frees the weights and the optimizer's state. */
  override dispose(): void {
    this.trainer.dispose();
    super.dispose();
  }

  /** Prints Keras's summary table. */
  summary(options: SummaryOptions = {}): void {
    if (!this.built) {
      throw new ValueError('This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.');
    }
    const print = options.printFn ?? ((line: string) => console.log(line));
    for (const line of summaryLines(this.name, this.layers, { trainable: this.trainableWeights, nonTrainable: this.nonTrainableWeights })) print(line);
  }
}
