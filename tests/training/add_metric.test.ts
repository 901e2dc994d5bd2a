/**
 * `layer.addMetric(value, name)`, Keras 2's `add_metric`: the value of each batch goes into a
 * `Mean` of that name kept by the layer, shown in fit's and evaluate's logs after the compiled
 * metrics. The numbers are those tf_keras 2.21 gives for the same model and data.
 */
import { describe, expect, it } from 'vitest';
import {
  Input, Layer, Model, Sequential, ValueError, callbacks, layers, memory, metrics, ops, optimizers, tensor,
  type CallArgs, type Tensor,
} from '../../ts/index.js';

/** Passes its input through and records the batch's mean activation. */
class MeanActivation extends Layer {
  call(inputs: Tensor, _args: CallArgs): Tensor {
    this.addMetric(ops.mean(inputs), 'mean_act');
    return inputs;
  }
}

/** Input (3) → [Dense(2, ones) → MeanActivation] (a nested Sequential) → Dense(1, ones). */
function nestedModel(): { model: Model; inner: Sequential; probe: MeanActivation } {
  const probe = new MeanActivation();
  const inner = new Sequential([new layers.Dense(2, { kernelInitializer: 'ones' }), probe]);
  const inputs = Input({ shape: [3] });
  const outputs = new layers.Dense(1, { kernelInitializer: 'ones' }).apply(inner.apply(inputs));
  const model = new Model({ inputs, outputs });
  // A learning rate of 0 keeps the weights, so every batch's value is known in advance.
  model.compile({ optimizer: new optimizers.SGD({ learningRate: 0 }), loss: 'mse', metrics: ['mae'] });
  return { model, inner, probe };
}

// Row sums 3, 12, 21, 30, 39; batches of 2 have mean row sums 7.5, 25.5 and 39, whose mean is 24.
const x = Array.from({ length: 5 }, (_, i) => [3 * i, 3 * i + 1, 3 * i + 2]);
const y = Array.from({ length: 5 }, () => [0]);

describe('addMetric', () => {
  it('logs the mean over the batches in fit, validation and History, after the compiled metrics', async () => {
    const before = memory().numTensors;
    const { model } = nestedModel();
    const history = await model.fit(x, y, { batchSize: 2, epochs: 2, shuffle: false, validationData: [x, y], verbose: 0 });
    expect(history.history).toEqual({
      loss: [2412, 2412], mae: [42, 42], mean_act: [24, 24],
      val_loss: [2412, 2412], val_mae: [42, 42], val_mean_act: [24, 24],
    });
    expect(model.metricsNames).toEqual(['loss', 'mae', 'mean_act']);
    expect(model.evaluate(x, y, { batchSize: 2, verbose: 0 })).toEqual([2412, 42, 24]);
    expect(model.evaluate(x, y, { batchSize: 5, verbose: 0, returnDict: true })).toEqual({ loss: 2412, mae: 42, mean_act: 21 });
    model.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('gives trainOnBatch and testOnBatch the value of their one batch', () => {
    const { model } = nestedModel();
    expect(model.trainOnBatch(x.slice(0, 2), y.slice(0, 2))).toEqual([306, 15, 7.5]);
    expect(model.testOnBatch(x.slice(2, 4), y.slice(2, 4))).toEqual([2682, 51, 25.5]);
    model.dispose();
  });

  it("lists each layer's Mean in layer.metrics, and the compiled ones first in model.metrics", async () => {
    const { model, inner, probe } = nestedModel();
    expect(probe.metrics).toEqual([]);
    await model.fit(x, y, { batchSize: 2, verbose: 0 });
    expect(probe.metrics.length).toBe(1);
    expect(probe.metrics[0]).toBeInstanceOf(metrics.Mean);
    expect(inner.metrics).toEqual(probe.metrics);
    expect(model.metrics.map((m) => m.name)).toEqual(['loss', 'mae', 'mean_act']);
    expect(model.metrics[2]).toBe(probe.metrics[0]);
    model.dispose();
  });

  it("keeps a model's own metrics before its layers', and one Mean per name and layer", async () => {
    class Probed extends Model {
      dense = new layers.Dense(1, { kernelInitializer: 'ones' });
      probe = new MeanActivation();
      override call(inputs: Tensor): Tensor {
        const out = this.dense.apply(this.probe.apply(inputs));
        this.addMetric(ops.sum(out), 'output_sum');
        this.addMetric(ops.multiply(ops.sum(out), 2), 'output_sum');
        return out;
      }
    }
    const model = new Probed();
    model.compile({ optimizer: new optimizers.SGD({ learningRate: 0 }), loss: 'mse' });
    const logs = model.evaluate([[1, 2], [3, 4]], [[0], [0]], { verbose: 0, returnDict: true });
    // Both values of a batch go into the one `output_sum` Mean: (10 + 20) / 2.
    expect(logs).toEqual({ loss: 29, output_sum: 15, mean_act: 2.5 });
    expect(model.metrics.map((m) => m.name)).toEqual(['loss', 'output_sum', 'mean_act']);
    model.dispose();
  });

  it("starts every epoch afresh: a value is the mean of that epoch's batches", async () => {
    let epoch = 0;
    class EpochProbe extends Layer {
      call(inputs: Tensor, args: CallArgs): Tensor {
        if (args.training) this.addMetric(tensor(epoch), 'epoch');
        return inputs;
      }
    }
    const model = new Sequential([Input({ shape: [1] }), new EpochProbe(), new layers.Dense(1)]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const counter = new callbacks.LambdaCallback({ onEpochEnd: () => void epoch++ });
    const history = await model.fit([[1], [2], [3]], [[1], [2], [3]], { epochs: 3, batchSize: 1, verbose: 0, callbacks: [counter] });
    expect(history.history.epoch).toEqual([0, 1, 2]);
    model.dispose();
  });

  it('takes no metric without a name, and only Tensors', () => {
    const layer = new MeanActivation();
    expect(() => layer.addMetric(tensor(1), undefined as unknown as string)).toThrow(
      new ValueError("Please provide a name for your metric like `this.addMetric(ops.sum(inputs), 'mean_activation')`"),
    );
    expect(() => layer.addMetric(1 as unknown as Tensor, 'one')).toThrow(/addMetric expects a Tensor computed in call\(\), received number for the metric 'one'/);
  });
});
