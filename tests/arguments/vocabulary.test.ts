import { describe, expect, it } from 'vitest';
import { canonicalAxes, canonicalAxis, standardizeAxis } from '../../ts/arguments/axis.js';
import { channelAxis, spatialAxes, standardizeDataFormat } from '../../ts/arguments/data_format.js';
import { dtypePolicyConfig, standardizeDtype } from '../../ts/arguments/dtype.js';
import { standardizePadding } from '../../ts/arguments/padding.js';
import { standardizePairs, standardizeTuple } from '../../ts/arguments/tuples.js';
import { formatShape, numpyRepr, pythonRepr, pythonStr } from '../../ts/utils/python_repr.js';

describe("Keras's argument vocabulary", () => {
  it('standardizeTuple: ints and tuples, with Keras\'s messages', () => {
    expect(standardizeTuple(3, 2, 'pool_size')).toEqual([3, 3]);
    expect(standardizeTuple([1, 2, 3], 3, 'strides')).toEqual([1, 2, 3]);
    expect(standardizeTuple([0, 1], 2, 'padding', true)).toEqual([0, 1]);
    expect(() => standardizeTuple([2, 0], 2, 'pool_size')).toThrow(
      'The `pool_size` argument must be a tuple of 2 integers. Received pool_size=(2, 0), including values {0} that do not satisfy `value > 0`');
    expect(() => standardizeTuple([1, 'a'], 2, 'strides')).toThrow(
      "The `strides` argument must be a tuple of 2 integers. Received strides=(1, 'a')including element a of type <class 'str'>");
    expect(() => standardizeTuple([1], 2, 'size')).toThrow('The `size` argument must be a tuple of 2 integers. Received size=(1,)');
  });

  it('standardizePairs: an int, one int per axis, or one pair per axis', () => {
    expect(standardizePairs(2, 2, 'padding')).toEqual([[2, 2], [2, 2]]);
    expect(standardizePairs([1, 2], 2, 'cropping')).toEqual([[1, 1], [2, 2]]);
    expect(standardizePairs([[1, 0], [0, 2], [3, 3]], 3, 'padding')).toEqual([[1, 0], [0, 2], [3, 3]]);
    expect(standardizePairs([1, 2], 1, 'padding')).toEqual([[1, 2]]);
    expect(() => standardizePairs(-1, 2, 'cropping')).toThrow('`cropping` cannot be negative. Received: cropping=-1.');
    expect(() => standardizePairs([1, 2, 3], 2, 'padding')).toThrow('`padding` should have two elements. Received: padding=(1, 2, 3).');
  });

  it('padding, data format, axes and dtype', () => {
    expect(standardizePadding('SAME')).toBe('same');
    expect(standardizePadding('causal', true)).toBe('causal');
    expect(() => standardizePadding('causal')).toThrow("The `padding` argument must be a list/tuple or one of {'valid', 'same'}. Received: causal");
    expect(standardizeDataFormat(null)).toBe('channels_last');
    expect(standardizeDataFormat('Channels_First')).toBe('channels_first');
    expect(() => standardizeDataFormat('nhwc')).toThrow("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc");
    expect(channelAxis(4, 'channels_first')).toBe(1);
    expect(channelAxis(4, 'channels_last')).toBe(3);
    expect(spatialAxes(5, 'channels_first')).toEqual([2, 3, 4]);
    expect(standardizeAxis(-1)).toBe(-1);
    expect(standardizeAxis([1, 2], true)).toEqual([1, 2]);
    expect(() => standardizeAxis(1.5)).toThrow('Expected an integer value for `axis`. Received: axis=1.5');
    expect(canonicalAxis(-1, [null, 3, 4])).toBe(2);
    expect(canonicalAxes([1, -1], [null, 3, 4])).toEqual([1, 2]);
    expect(() => canonicalAxis(3, [null, 4])).toThrow('Axis 3 is out of bounds for input shape (None, 4). Received: axis=3');
    expect(standardizeDtype(null)).toBe('float32');
    expect(standardizeDtype(dtypePolicyConfig('int32'))).toBe('int32');
    expect(() => standardizeDtype('float16')).toThrow("Invalid dtype: float16. kerasm supports float32, int32, string.");
  });

  it('prints values as Python does', () => {
    expect(formatShape([null, 3])).toBe('(None, 3)');
    expect(formatShape([5])).toBe('(5,)');
    expect(pythonRepr([1, 'a', true, null])).toBe("[1, 'a', True, None]");
    expect(pythonRepr([[1, 2], [3, 4]], 'tuple')).toBe('((1, 2), (3, 4))');
    expect(pythonRepr({ a: 1.5 })).toBe("{'a': 1.5}");
    expect(pythonStr('relu')).toBe('relu');
    expect([1e-6, 1e-5, 1e-4, 0.5, 1e16, 1e21, 2.5e-7].map((v) => pythonRepr(v))).toEqual(['1e-06', '1e-05', '0.0001', '0.5', '1e+16', '1e+21', '2.5e-07']);
    expect(numpyRepr([null, 4, 4, 1])).toBe('[None 4 4 1]');
  });
});
