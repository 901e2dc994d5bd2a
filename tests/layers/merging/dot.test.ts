import { describe, expect, it } from 'vitest';
import { Input, layers, memory, ops, tensor, tidy, type Tensor } from '../../../ts/index.js';
import { expectClose, seededValues } from '../../helpers/close.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { expectConfigRoundTrip } from '../round_trip.js';
import { expectSameLayer } from '../same_layer.js';

/** Reference batch dot by loops: out[b, i, j] = sum_k x[b, ..k..] y[b, ..k..] for rank-3 inputs. */
function reference3(x: Float32Array, xs: number[], y: Float32Array, ys: number[], ax: number, ay: number): number[] {
  const [B] = xs;
  const xOther = xs[ax === 1 ? 2 : 1]!, yOther = ys[ay === 1 ? 2 : 1]!, K = xs[ax]!;
  const at = (v: Float32Array, s: number[], b: number, axis: number, k: number, o: number) =>
    v[b * s[1]! * s[2]! + (axis === 1 ? k * s[2]! + o : o * s[2]! + k)]!;
  const out: number[] = [];
  for (let b = 0; b < B!; b++) {
    for (let i = 0; i < xOther; i++) {
      for (let j = 0; j < yOther; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += at(x, xs, b, ax, k, i) * at(y, ys, b, ay, k, j);
        out.push(s);
      }
    }
  }
  return out;
}

describe('Dot', () => {
  const x = seededValues(2 * 3 * 5, 1), y = seededValues(2 * 10 * 3, 2);

  it('takes batched dot products along the given axes (keras doc: (2,3,5)·(2,10,3), axes (1,2) → (2,5,10))', () => {
    tidy(() => {
      const out = new layers.Dot([1, 2]).apply([tensor(x, [2, 3, 5]), tensor(y, [2, 10, 3])]) as Tensor;
      expect(out.shape).toEqual([2, 5, 10]);
      expectClose(out, reference3(x, [2, 3, 5], y, [2, 10, 3], 1, 2), 1e-5);
    });
    gradcheck((p, q) => new layers.Dot([1, 2]).apply([p!, q!]) as Tensor, [{ values: x, shape: [2, 3, 5] }, { values: y, shape: [2, 10, 3] }]);
  });

  it('gives (batch, 1) for two vectors per sample, and cosine proximity with normalize', () => {
    tidy(() => {
      const p = tensor([[1, 2, 2], [3, 0, 4]]), q = tensor([[2, 0, 1], [0, 1, 0]]);
      const plain = layers.dot([p, q], 1);
      expect(plain.shape).toEqual([2, 1]);
      expectClose(plain, [4, 0], 1e-6);
      expectClose(layers.dot([p, q], -1, { normalize: true }), [4 / (3 * Math.sqrt(5)), 0], 1e-6);
      expectClose(layers.dot([ops.multiply(p, 0), q], -1, { normalize: true }), [0, 0], 0);
    });
    gradcheck((p, q) => layers.dot([p!, q!], 1, { normalize: true }), [{ values: seededValues(8, 3, 0.5, 1.5), shape: [2, 4] }, { values: seededValues(8, 4, 0.5, 1.5), shape: [2, 4] }]);
  });

  it('folds and unfolds inputs of rank 4 with a rank-2 partner', () => {
    const u = seededValues(2 * 3 * 2 * 4, 5), v = seededValues(2 * 4, 6);
    tidy(() => {
      const out = new layers.Dot([3, 1]).apply([tensor(u, [2, 3, 2, 4]), tensor(v, [2, 4])]) as Tensor;
      expect(out.shape).toEqual([2, 3, 2]);
      const want: number[] = [];
      for (let b = 0; b < 2; b++) for (let i = 0; i < 6; i++) want.push([0, 1, 2, 3].reduce((s, k) => s + u[b * 24 + i * 4 + k]! * v[b * 4 + k]!, 0));
      expectClose(out, want, 1e-5);
    });
    expect(layers.dot([Input({ shape: [3, 2, 4] }), Input({ shape: [4] })], [3, 1]).shape).toEqual([null, 3, 2]);
  });

  it("infers shapes and raises Keras's errors", () => {
    expect(layers.dot([Input({ shape: [3, 5] }), Input({ shape: [10, 3] })], [1, 2]).shape).toEqual([null, 5, 10]);
    expect(layers.dot([Input({ shape: [4] }), Input({ shape: [4] })], -1).shape).toEqual([null, 1]);
    expect(() => layers.dot([Input({ shape: [3] }), Input({ shape: [4] })], 1)).toThrow(
      'Incompatible input shapes: axis values 3 (at axis 1) != 4 (at axis 1). Full input shapes: (None, 3), (None, 4)');
    expect(() => new layers.Dot(1).apply([Input({ shape: [3] })])).toThrow('A `Dot` layer should be called on a list of 2 inputs. Received: input_shape=[(None, 3)]');
    expect(() => new layers.Dot([1, 2, 3] as unknown as [number, number])).toThrow('Invalid format for argument `axes`: it should contain two elements. Received: axes=[1, 2, 3]');
    expect(() => new layers.Dot('1' as unknown as number)).toThrow(TypeError);
    expect(() => tidy(() => new layers.Dot(0).apply([tensor([[1, 2]]), tensor([[3, 4]])]))).toThrow('Cannot perform batch_dot over axis 0.');
  });

  it("takes axes and normalize in Keras's order or as options, and dot(inputs, axes = -1, options) as keras.layers.dot", () => {
    expectSameLayer(new layers.Dot([1, 2], true), new layers.Dot({ axes: [1, 2], normalize: true }));
    expect(() => new layers.Dot({})).toThrow("Dot missing required argument: 'axes'.");
    expect(() => new layers.Dot(1, { axis: 1 } as never)).toThrow("Unrecognized keyword arguments passed to Dot: {'axis': 1}");
    const [p, q] = [Input([4]), Input([4])];
    const byDefault = layers.dot([p, q]);
    expect((byDefault.node!.operation as InstanceType<typeof layers.Dot>).axes).toBe(-1);
    const cosine = layers.dot([p, q], 1, { normalize: true, name: 'cosine' });
    expect(cosine.node!.operation.getConfig()).toMatchObject({ name: 'cosine', axes: 1, normalize: true });
    expect(() => layers.dot([p, q], 1, true as never)).toThrow('dot takes at most 1 positional arguments (axes), but 2 were given.');
    expect(() => layers.dot([p, q], { axis: 1 } as never)).toThrow("Unrecognized keyword arguments passed to dot: {'axis': 1}");
  });

  it('round-trips its config and frees its temporaries', () => {
    const layer = new layers.Dot([1, 2], { normalize: true, name: 'dot' });
    expect(layer.getConfig()).toMatchObject({ name: 'dot', axes: [1, 2], normalize: true });
    expectConfigRoundTrip(layer);
    expectConfigRoundTrip(new layers.Dot(-1));
    const before = memory().numTensors;
    tidy(() => {
      layer.apply([tensor(x, [2, 3, 5]), tensor(y, [2, 10, 3])]);
    });
    expect(memory().numTensors).toBe(before);
  });
});
