import { describe, expect, it } from 'vitest';
import { layers, tensor } from '../../../ts/index.js';

describe('IntegerLookup', () => {
  it('sanity', () => {
    const l = new layers.IntegerLookup({ vocabulary: [4, 8], numOovIndices: 3, maskToken: 0 });
    expect(l.getVocabulary()).toEqual([0, -1, -1, -1, 4, 8]);
    const y = l.apply(tensor([0, 4, 8, 5, 6, 7, -1], [7], 'int32'));
    expect(Array.from(y.dataSync())).toEqual([0, 4, 5, 3, 1, 2, 3]);
    const a = new layers.IntegerLookup({ outputMode: 'count' });
    a.adapt([[3, 5], [5, 7], [9, 9]]);
    expect(a.getVocabulary()).toEqual([-1, 9, 5, 7, 3]);
    expect(Array.from(a.apply(tensor([[5, 100]], [1, 2], 'int32')).dataSync())).toEqual([1, 0, 1, 0, 0]);
    console.log(a.getConfig());
  });
});
