import { describe, expect, it } from 'vitest';
import {
  Input, Layer, Model, Sequential, Tensor, ValueError, layers, memory, ops, stringTensor, stringsOf, tensor, tidy,
  type CallArgs, type LayerInputs, type ShapeOrShapes,
} from '../../ts/index.js';

const { Dense } = layers;

/** A user's layer from strings to numbers (each string's length), as a lookup layer would turn them. */
class StringLengths extends Layer {
  call(inputs: LayerInputs): Tensor {
    const x = inputs as Tensor;
    return tensor(Float32Array.from(stringsOf(x), (s) => s.length), x.shape);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }
}

/** A string-to-string layer: each string reversed (a layer of dtype string, as an inverted StringLookup). */
class Reverse extends Layer {
  constructor() {
    super({ dtype: 'string' });
  }

  call(inputs: LayerInputs, _args: CallArgs): Tensor {
    const x = inputs as Tensor;
    return stringTensor(stringsOf(x).map((s) => [...s].reverse().join('')), x.shape);
  }

  override computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }
}

describe('string tensors', () => {
  it('are made from nested strings, with the shape inferred, and read back as strings', async () => {
    const t = tensor([['a', 'bc'], ['déf', '']]);
    expect(t.dtype).toBe('string');
    expect(t.shape).toEqual([2, 2]);
    expect(t.dataSync<'string'>()).toEqual(['a', 'bc', 'déf', '']);
    expect(t.arraySync<'string'>()).toEqual([['a', 'bc'], ['déf', '']]);
    expect(await t.data<'string'>()).toEqual(['a', 'bc', 'déf', '']);
    expect(tensor('one').arraySync<'string'>()).toBe('one');
    expect(tensor(['x', 'y', 'z', 'w'], [2, 2]).arraySync<'string'>()).toEqual([['x', 'y'], ['z', 'w']]);
    expect(tensor([], [0], 'string').shape).toEqual([0]);
  });

  it('live in JavaScript: no WebAssembly memory, and disposing marks them disposed', () => {
    const before = memory();
    let inner: Tensor | null = null;
    tidy(() => {
      inner = tensor(Array.from({ length: 1000 }, (_, i) => `word ${i}`));
      expect(memory().numBytes).toBe(before.numBytes);
    });
    expect(inner!.isDisposed).toBe(true);
    const kept = stringTensor(['a']);
    kept.dispose();
    expect(() => kept.dataSync<'string'>()).toThrow(/disposed/);
  });

  it('are refused by operations on numbers, with what to do instead', () => {
    const t = tensor(['a', 'b']);
    expect(() => ops.add(t, 1)).toThrow(ValueError);
    expect(() => ops.add(t, 1)).toThrow(/string tensor \(shape \(2,\)\) was given to an operation that computes on numbers.*StringLookup/);
    expect(() => ops.cast(t, 'string' as never)).toThrow(/unknown dtype 'string'/);
    expect(() => stringsOf(tensor([1, 2]), 'StringLookup "lookup" input')).toThrow('StringLookup "lookup" input must be a string tensor, received dtype float32 (shape (2,)).');
  });

  it('are refused where numbers are stored, and mixed values name the culprit', () => {
    expect(() => tensor(['a', 1 as unknown as string])).toThrow(/must all be strings, received number \(1\) at index 1/);
    expect(() => tensor(['a', 'b'], [2], 'float32')).toThrow(/strings cannot make a tensor of dtype float32/);
    expect(() => tensor([1, 2], [2], 'string')).toThrow(/must all be strings, received number/);
    expect(() => ops.zeros([2], 'string')).toThrow('zeros cannot be of dtype string');
    expect(() => new Dense({ units: 2, dtype: 'string' }).apply(tensor([['a']]))).toThrow(/cannot be of dtype string/);
  });

  it('flow from a string Input through fit, evaluate and predict, batched in JavaScript', async () => {
    const text = Input({ shape: [], dtype: 'string', name: 'text' });
    expect(text.dtype).toBe('string');
    const lengths = new StringLengths().apply(text);
    const reshaped = ops.expandDims(lengths, -1);
    const model = new Model({ inputs: text, outputs: new Dense({ units: 1, kernelInitializer: 'ones' }).apply(reshaped) });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = ['a', 'abc', 'ab', 'abcd', 'abcde'];
    const y = [[2], [6], [4], [8], [10]];
    const before = memory();
    await model.fit(x, y, { epochs: 3, batchSize: 2, verbose: 0 });
    expect(model.evaluate(x, y, { batchSize: 2, verbose: 0 })).toBeTypeOf('number');
    const predicted = model.predict(x, { batchSize: 2, verbose: 0 }) as Tensor;
    expect(predicted.shape).toEqual([5, 1]);
    predicted.dispose();
    expect(memory().numTensors).toBe(before.numTensors + model.optimizer!.variables.length);
    model.dispose();
  });

  it('come out of predict joined across batches when a model outputs strings', () => {
    const model = new Sequential([Input({ shape: [1], dtype: 'string' }), new Reverse()]);
    const out = model.predict([['abc'], ['de'], ['f']], { batchSize: 2, verbose: 0 }) as Tensor;
    expect(out.dtype).toBe('string');
    expect(out.arraySync<'string'>()).toEqual([['cba'], ['ed'], ['f']]);
  });

  it('given to a numeric Input, or numbers to a string Input or as targets, name the input and both dtypes', async () => {
    const x = Input({ shape: [1], name: 'features' });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 1 }).apply(x) });
    expect(() => model.predict([['a'], ['b']], { verbose: 0 })).toThrow('Input "features" of model "' + model.name + '" expects float32 data, but it received a string tensor of shape (2, 1).');
    const s = Input({ shape: [1], dtype: 'string', name: 'words' });
    const strings = new Model({ inputs: s, outputs: new StringLengths().apply(s) });
    strings.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(strings.fit([['a']], [['b']], { verbose: 0 })).rejects.toThrow("y must hold numbers, received strings (shape (1, 1)).");
    expect(() => strings.predict([[1], [2]], { verbose: 0 })).toThrow(/Input "words" of model .* expects string data, but it received a float32 tensor of shape \(2, 1\)/);
  });
});
