import { describe, expect, it } from 'vitest';
import { Input, type KerasTensor, layers, memory, ops, tensor, tidy, type Tensor } from '../../../ts/index.js';
import { deserializeLayer, serializeLayer } from '../../../ts/engine/registry.js';
import { expectClose } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

const square = (x: Tensor | Tensor[]) => ops.square(x as Tensor);
const firstHalf = (x: Tensor | Tensor[]) => {
  const t = x as Tensor;
  return ops.slice(t, [0, 0], [t.shape[0]!, t.shape[1]! / 2]);
};
layers.registerLambdaFunction('square', square);
layers.registerLambdaFunction('first_half', firstHalf);

describe('Lambda', () => {
  it('runs the function, passing `arguments` and `training`', () => {
    const scaled = new layers.Lambda((x, args) => ops.multiply(x as Tensor, (args.training ? 10 : 1) * (args.factor as number)), { arguments: { factor: 3 } });
    tidy(() => {
      expectClose(scaled.apply(tensor([[1, -2]])), [3, -6], 0);
      expectClose(scaled.apply(tensor([[1, -2]]), { training: true }), [30, -60], 0);
    });
  });

  it('has the gradient of its function', () => gradcheckLayer(new layers.Lambda(square), [3, 4]));

  it('infers the output shape by running on zeros, or takes it from outputShape', () => {
    expect(new layers.Lambda(firstHalf).apply(Input({ shape: [6] })).shape).toEqual([null, 3]);
    const sum = new layers.Lambda((x) => ops.sum(x as Tensor, 1));
    expect(sum.apply(Input({ shape: [null, 4] })).shape).toEqual([null, 4]);
    const pair = new layers.Lambda((xs) => ops.concatenate(xs as Tensor[], 1));
    expect((pair.apply([Input({ shape: [2] }), Input({ shape: [5] })]) as KerasTensor).shape).toEqual([null, 7]);
    expect(new layers.Lambda(square, { outputShape: [9] }).apply(Input({ shape: [3] })).shape).toEqual([null, 9]);
    expect(new layers.Lambda(square, { outputShape: (s) => s }).apply(Input({ shape: [2, 2] })).shape).toEqual([null, 2, 2]);
    const broken = new layers.Lambda(() => {
      throw new Error('boom');
    });
    expect(() => broken.apply(Input({ shape: [2] }))).toThrow("We could not automatically infer the shape of the Lambda's output. Please specify the `output_shape` argument for this Lambda layer.");
  });

  it('saves a registered function by name, as Keras names a registered function', () => {
    const layer = new layers.Lambda(square, { name: 'sq', outputShape: [4] });
    expect(layer.getConfig()).toMatchObject({
      name: 'sq',
      function: { module: null, class_name: 'function', config: 'square', registered_name: 'square' },
      output_shape: [4],
      arguments: {},
    });
    const rebuilt = expectConfigRoundTrip(layer) as InstanceType<typeof layers.Lambda>;
    expect(rebuilt.fn).toBe(square);
    tidy(() => expectClose(rebuilt.apply(tensor([[2, 3]])), [4, 9], 0));
  });

  it('never evaluates code from a config: unregistered or Python-lambda functions are clear errors', () => {
    const anonymous = new layers.Lambda((x) => x, { name: 'anon' });
    expect(() => anonymous.getConfig()).toThrow("Cannot serialize the `function` of Lambda layer 'anon': kerasm saves functions by name only. Register it first with registerLambdaFunction('some_name', fn).");
    const config = serializeLayer(new layers.Lambda(square));
    const unknown = { ...config, config: { ...config.config, function: { module: '__main__', class_name: 'function', config: 'cube', registered_name: 'cube' } } };
    expect(() => deserializeLayer(unknown)).toThrow("Could not locate function 'cube' for the `function` of a Lambda layer. Register it with registerLambdaFunction('cube', fn) or pass it in customObjects before loading.");
    const cube = (x: Tensor | Tensor[]) => ops.multiply(ops.square(x as Tensor), x as Tensor);
    const fromCustom = deserializeLayer(unknown, { cube }) as InstanceType<typeof layers.Lambda>;
    expect(fromCustom.fn).toBe(cube);
    const python = { ...config, config: { ...config.config, function: { class_name: '__lambda__', config: { code: 'YWJj', defaults: null, closure: null } } } };
    expect(() => deserializeLayer(python)).toThrow(/whose `function` is a Python lambda \(saved as bytecode\)\. kerasm never runs code from a saved file/);
  });

  it('takes its arguments in Keras\'s order or as options, and names an unknown option', () => {
    expectSameLayer(new layers.Lambda(square, [4]), new layers.Lambda({ function: square, outputShape: [4] }));
    expect(() => new layers.Lambda(square, { output_shape: [4] } as never)).toThrow("Unrecognized keyword arguments passed to Lambda: {'output_shape': [4]}. Options take camelCase keys: did you mean 'outputShape'?");
  });

  it('outputs the mask its `mask` function computes, saved by name as Keras', () => {
    const keepFirst = (x: Tensor | Tensor[]) => ops.notEqual(ops.slice(x as Tensor, [0, 0], [(x as Tensor).shape[0]!, 1]), 0);
    layers.registerLambdaFunction('keep_first', keepFirst);
    const layer = new layers.Lambda(square, null, keepFirst);
    expect(layer.supportsMasking).toBe(true);
    tidy(() => expectClose(layer.apply(tensor([[0, 2], [3, 4]])).kerasMask!, [0, 1], 0));
    tidy(() => expect(new layers.Lambda(square).apply(tensor([[1]]), { mask: tensor([1]) }).kerasMask).toBeNull());
    expect(layer.getConfig().mask).toEqual({ module: null, class_name: 'function', config: 'keep_first', registered_name: 'keep_first' });
    expect((expectConfigRoundTrip(layer) as InstanceType<typeof layers.Lambda>).mask).toBe(keepFirst);
    expect(() => new layers.Lambda(square, { mask: tensor([1]) as never })).toThrow('Lambda: kerasm takes `mask` as a function of the inputs and the input mask. Received: mask=<Tensor object>');
  });

  it('rejects a missing function and frees its temporaries', () => {
    expect(() => new layers.Lambda({})).toThrow("Lambda missing required argument: 'function'.");
    expect(() => new layers.Lambda({ function: 3 as never })).toThrow('Lambda: `function` must be a function, received number');
    const before = memory().numTensors;
    new layers.Lambda(firstHalf).apply(Input({ shape: [8] }));
    tidy(() => {
      new layers.Lambda(square).apply(tensor([[1, 2]]));
    });
    expect(memory().numTensors).toBe(before);
  });
});
