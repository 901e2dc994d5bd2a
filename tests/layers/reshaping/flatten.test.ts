import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Input, layers, memory, tensor, tidy } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheckLayer } from '../../helpers/gradcheck_layer.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

describe('Flatten', () => {
  it('flattens each sample like tfjs-layers, in both data formats', () => {
    const x = seededValues(2 * 3 * 2 * 4, 2);
    for (const [dataFormat, tfjsFormat] of [['channels_last', 'channelsLast'], ['channels_first', 'channelsFirst']] as const) {
      const want = (tf.layers.flatten({ dataFormat: tfjsFormat }).apply(tf.tensor(x, [2, 3, 2, 4])) as tf.Tensor).dataSync();
      tidy(() => {
        const y = new layers.Flatten({ dataFormat }).apply(tensor(x, [2, 3, 2, 4]));
        expect(y.shape).toEqual([2, 24]);
        expectClose(y, want, 0);
      });
    }
    tidy(() => expect(new layers.Flatten().apply(tensor([1, 2, 3])).shape).toEqual([3, 1]));
    gradcheckLayer(new layers.Flatten({ dataFormat: 'channels_first' }), [2, 3, 2]);
  });

  it('infers symbolic shapes and checks min_ndim', () => {
    expect(new layers.Flatten().apply(Input({ shape: [3, 4] })).shape).toEqual([null, 12]);
    expect(new layers.Flatten().apply(Input({ shape: [null, 4] })).shape).toEqual([null, null]);
    expect(new layers.Flatten().apply(Input({ shape: [] })).shape).toEqual([null, 1]);
    expect(() => tidy(() => new layers.Flatten({ name: 'f' }).apply(tensor(5)))).toThrow('Input 0 of layer "f" is incompatible with the layer: expected min_ndim=1, found ndim=0. Full shape received: ()');
  });

  it('takes the data format positionally or as an option, and names an unknown option', () => {
    expectSameLayer(new layers.Flatten('channels_first'), new layers.Flatten({ dataFormat: 'channels_first' }));
    expect(() => new layers.Flatten({ data_format: 'channels_first' } as never)).toThrow("Unrecognized keyword arguments passed to Flatten: {'data_format': 'channels_first'}. Options take camelCase keys: did you mean 'dataFormat'?");
  });

  it('validates data_format, round-trips its config and frees its output', () => {
    expect(() => new layers.Flatten({ dataFormat: 'nhwc' as 'channels_last' })).toThrow("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=nhwc");
    const layer = new layers.Flatten({ name: 'flat' });
    expect(layer.getConfig()).toMatchObject({ name: 'flat', data_format: 'channels_last' });
    expectConfigRoundTrip(new layers.Flatten({ dataFormat: 'channels_first' }));
    const before = memory().numTensors;
    tidy(() => {
      layer.apply(tensor([[[1, 2]]]));
    });
    expect(memory().numTensors).toBe(before);
  });
});
