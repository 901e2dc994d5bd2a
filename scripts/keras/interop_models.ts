/**
 * The reference models of the saving interop check, built in kerasm: the same layers, names and
 * compile arguments as scripts/keras/reference_models.py builds in Keras, so that a weights-only
 * file written by either loads into the other's build of the model. Used by
 * tests/saving/interop.test.ts and by scripts/keras/write_kerasm_models.ts.
 */
import {
  Input, Layer, Model, Sequential, layers, ops, optimizers, registerKerasSerializable, tensor,
  type CallArgs, type KerasTensor, type LayerArgs, type Tensor, type Variable,
} from '../../ts/index.js';
import type { LayerConfig, ShapeOrShapes } from '../../ts/engine/layer.js';

export const MODEL_NAMES = ['mlp', 'cnn', 'multi_io', 'nested', 'custom'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
/** The models whose training involves no randomness (no dropout): one per optimizer. */
export const DETERMINISTIC: readonly ModelName[] = ['multi_io', 'nested', 'custom'];

export interface ScaleShiftArgs extends LayerArgs {
  /** A constant factor applied with the learned scale. Default 1. */
  multiplier?: number;
}

/** `x * scale * multiplier + offset`, one learned scale and offset per feature: Python's `kerasm_test>ScaleShift`. */
export class ScaleShift extends Layer {
  static override className = 'ScaleShift';
  readonly multiplier: number;
  scale: Variable | null = null;
  offset: Variable | null = null;

  constructor({ multiplier = 1, ...layerArgs }: ScaleShiftArgs = {}) {
    super(layerArgs);
    this.multiplier = multiplier;
  }

  override build(inputShape: ShapeOrShapes): void {
    const features = (inputShape as (number | null)[]).at(-1)!;
    this.scale = this.addWeight({ name: 'scale', shape: [features], initializer: 'ones' });
    this.offset = this.addWeight({ name: 'offset', shape: [features], initializer: 'zeros' });
  }

  call(inputs: Tensor, _args: CallArgs): Tensor {
    return ops.add(ops.multiply(ops.multiply(inputs, this.scale!.value), this.multiplier), this.offset!.value);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), multiplier: this.multiplier };
  }
}
registerKerasSerializable(ScaleShift, { package: 'kerasm_test' });

/** Each input's shape without the batch axis, by input name, in the model's input order. */
export const INPUT_SHAPES: Record<ModelName, Record<string, number[]>> = {
  mlp: { pixels: [64] },
  cnn: { image: [8, 8, 1] },
  multi_io: { title: [8], body: [5] },
  nested: { features: [6] },
  custom: { signal: [8] },
};

/** The named reference model, compiled as in reference_models.py. */
export function buildModel(name: ModelName): Model {
  return BUILDERS[name]();
}

const BUILDERS: Record<ModelName, () => Model> = {
  mlp() {
    const model = new Sequential([
      Input({ shape: [64], name: 'pixels' }),
      new layers.Dense(32, { activation: 'relu', name: 'hidden' }),
      new layers.Dropout(0.2, { name: 'dropout' }),
      new layers.Dense(10, { activation: 'softmax', name: 'probabilities' }),
    ], { name: 'mlp' });
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 1e-3 }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    return model;
  },
  cnn() {
    const model = new Sequential([
      Input({ shape: [8, 8, 1], name: 'image' }),
      new layers.Conv2D(4, 3, { padding: 'same', activation: 'relu', name: 'conv' }),
      new layers.BatchNormalization({ name: 'norm' }),
      new layers.MaxPooling2D(2, { name: 'pool' }),
      new layers.Dropout(0.25, { name: 'dropout' }),
      new layers.Flatten({ name: 'flatten' }),
      new layers.Dense(10, { activation: 'softmax', name: 'probabilities' }),
    ], { name: 'cnn' });
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 2e-3 }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    return model;
  },
  multi_io() {
    const title = Input({ shape: [8], name: 'title' });
    const body = Input({ shape: [5], name: 'body' });
    const t = new layers.Dense(8, { activation: 'relu', name: 'title_features' }).apply(title);
    const b = new layers.Dense(8, { activation: 'relu', name: 'body_features' }).apply(body);
    const joined = new layers.Concatenate({ name: 'joined' }).apply([t, b]);
    const department = new layers.Dense(3, { activation: 'softmax', name: 'department' }).apply(joined) as KerasTensor;
    const priority = new layers.Dense(1, { name: 'priority' }).apply(joined) as KerasTensor;
    const model = new Model({ inputs: [title, body], outputs: [department, priority], name: 'multi_io' });
    model.compile({
      optimizer: new optimizers.RMSprop({ learningRate: 5e-3 }),
      loss: { department: 'sparse_categorical_crossentropy', priority: 'mse' },
      lossWeights: { department: 1, priority: 0.5 },
    });
    return model;
  },
  nested() {
    const encoder = new Sequential([
      Input({ shape: [6], name: 'encoder_input' }),
      new layers.Dense(8, { activation: 'relu', name: 'encode_1' }),
      new layers.Dense(4, { activation: 'relu', name: 'encode_2' }),
    ], { name: 'encoder' });
    const features = Input({ shape: [6], name: 'features' });
    const outputs = new layers.Dense(2, { name: 'head' }).apply(encoder.apply(features));
    const model = new Model({ inputs: features, outputs, name: 'nested' });
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0.05, momentum: 0.9 }), loss: 'mse' });
    return model;
  },
  custom() {
    const signal = Input({ shape: [8], name: 'signal' });
    const mixed = new layers.Dense(8, { activation: 'tanh', name: 'mix' }).apply(signal);
    const scaled = new ScaleShift({ multiplier: 2, name: 'scale_shift' }).apply(mixed);
    const outputs = new layers.Dense(3, { name: 'readout' }).apply(scaled);
    const model = new Model({ inputs: signal, outputs, name: 'custom' });
    model.compile({ optimizer: new optimizers.Adam({ learningRate: 1e-2 }), loss: 'mse' });
    return model;
  },
};

/** Training data for `name`: inputs in [-1, 1), class labels or target values, in input / output order. */
export function trainingData(name: ModelName, samples: number, seed: number): { x: Tensor[]; y: Tensor[] } {
  const next = uniform(seed);
  const x = Object.values(INPUT_SHAPES[name]).map((shape) => randomTensor([samples, ...shape], next));
  const classes = (n: number) => tensor(Int32Array.from({ length: samples }, () => Math.floor(((next() + 1) / 2) * n)), [samples], 'int32');
  const values = (n: number) => randomTensor([samples, n], next);
  const targets: Record<ModelName, () => Tensor[]> = {
    mlp: () => [classes(10)],
    cnn: () => [classes(10)],
    multi_io: () => [classes(3), values(1)],
    nested: () => [values(2)],
    custom: () => [values(3)],
  };
  return { x, y: targets[name]() };
}

function randomTensor(shape: number[], next: () => number): Tensor {
  return tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, next), shape);
}

/** A deterministic xorshift stream of values in [-1, 1). */
function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return -1 + ((s % 1_000_000) / 1_000_000) * 2;
  };
}
