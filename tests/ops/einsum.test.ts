import { describe, expect, it } from 'vitest';
import { Input, Model, memory, ops, tensor, tidy } from '../../ts/index.js';
import { parseSubscripts } from '../../ts/ops/einsum_subscripts.js';
import { expectClose, seededValues } from '../helpers/close.js';
import { gradcheck } from '../helpers/gradcheck.js';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The oracle: einsum by its definition, one loop over every assignment of the labels, summing the
 * products into the output cell the output labels name (size-1 ellipsis axes broadcast).
 */
function naiveEinsum(subscripts: string, operands: { values: Float32Array; shape: number[] }[]): { values: number[]; shape: number[] } {
  const { inputs, output } = parseSubscripts(subscripts, operands.map((o) => o.shape));
  const sizes = new Map<string, number>();
  inputs.forEach((labels, i) => labels.forEach((l, axis) => sizes.set(l, Math.max(sizes.get(l) ?? 1, operands[i]!.shape[axis]!))));
  const all = [...sizes.keys()];
  const outShape = output.map((l) => sizes.get(l)!);
  const out = new Array<number>(size(outShape)).fill(0);
  const index = new Map<string, number>(all.map((l) => [l, 0]));
  const flat = (labels: string[], shape: number[]) => labels.reduce((n, l, axis) => n * shape[axis]! + (shape[axis] === 1 ? 0 : index.get(l)!), 0);
  for (let k = 0; k < size(all.map((l) => sizes.get(l)!)); k++) {
    let rest = k;
    for (let j = all.length - 1; j >= 0; j--) {
      const n = sizes.get(all[j]!)!;
      index.set(all[j]!, rest % n);
      rest = Math.floor(rest / n);
    }
    const product = operands.reduce((p, o, i) => p * o.values[flat(inputs[i]!, o.shape)]!, 1);
    out[flat(output, outShape)]! += product;
  }
  return { values: out, shape: outShape };
}

const cases: [string, number[][]][] = [
  ['ij,jk->ik', [[3, 4], [4, 5]]],
  ['ij,jk', [[3, 4], [4, 5]]],
  ['bij,bjk->bik', [[2, 3, 4], [2, 4, 5]]],
  ['abc,cde->abde', [[2, 3, 4], [4, 2, 3]]],
  ['aecd,abcd->acbe', [[2, 5, 3, 4], [2, 6, 3, 4]]],
  ['acbe,aecd->abcd', [[2, 3, 6, 5], [2, 5, 3, 4]]],
  ['abcd,cde->abe', [[2, 3, 4, 5], [4, 5, 6]]],
  ['ij->ji', [[3, 4]]],
  ['ij->', [[3, 4]]],
  ['ii->i', [[4, 4]]],
  ['ii', [[4, 4]]],
  ['i,i->', [[5], [5]]],
  ['i,j->ij', [[3], [4]]],
  ['...ij,...jk->...ik', [[2, 3, 4], [2, 4, 5]]],
  ['...ij,jk', [[2, 2, 3, 4], [4, 5]]],
  ['b...d,bd->b...', [[2, 3, 4, 5], [2, 5]]],
  ['ij,jk,kl->il', [[2, 3], [3, 4], [4, 5]]],
  ['ijk,ikl,ilm->ijm', [[2, 3, 4], [2, 4, 3], [2, 3, 2]]],
  ['bij,jk->bik', [[1, 3, 4], [4, 2]]],
  ['...ij,...jk->...ik', [[1, 3, 4], [2, 4, 5]]],
  ['iij->j', [[3, 3, 2]]],
  ['Ab,bC->AC', [[2, 3], [3, 4]]],
];

describe('einsum', () => {
  it.each(cases)('%s matches its definition', (subscripts, shapes) => {
    const operands = shapes.map((s, i) => ({ values: seededValues(size(s), 30 + i), shape: s }));
    const want = naiveEinsum(subscripts, operands);
    tidy(() => {
      const got = ops.einsum(subscripts, ...operands.map((o) => tensor(o.values, o.shape)));
      expect(got.shape).toEqual(want.shape);
      expectClose(got, Float32Array.from(want.values), 1e-4);
    });
  });

  it.each(cases.filter(([, shapes]) => shapes.flat().reduce((a, b) => a * b, 1) < 5000))('%s has the gradients of finite differences', (subscripts, shapes) => {
    gradcheck(
      (...xs) => ops.einsum(subscripts, ...xs),
      shapes.map((s, i) => ({ values: seededValues(size(s), 40 + i), shape: s })),
    );
  });

  it('leaves no tensor behind, and its result is its own even for an identity', () => {
    const x = tensor(seededValues(12, 1), [3, 4]);
    const before = memory().numTensors;
    const same = ops.einsum('ij->ij', x);
    const product = ops.einsum('ij,kj->ik', x, x);
    expect(memory().numTensors).toBe(before + 2);
    same.dispose();
    expect(x.isDisposed).toBe(false);
    product.dispose();
    x.dispose();
  });

  it("infers Keras's output shapes on KerasTensors", () => {
    const x = Input({ shape: [3, 4] });
    const y = Input({ shape: [4, 5] });
    expect(ops.einsum('bij,bjk->bik', x, y).shape).toEqual([null, 3, 5]);
    expect(ops.einsum('...ij,...jk', x, y).shape).toEqual([null, 3, 5]);
    expect(ops.einsum('bij->b', x).shape).toEqual([null]);
  });

  it("records Keras's Einsum node, which a Functional config saves and rebuilds", () => {
    const [x, y] = [Input({ shape: [3, 4] }), Input({ shape: [4, 5] })];
    const model = new Model({ inputs: [x, y], outputs: ops.einsum('bij,bjk->bik', x, y) });
    const layer = (model.getConfig() as { layers: { class_name: string; module: string; config: Record<string, unknown> }[] }).layers.find((l) => l.class_name === 'Einsum')!;
    expect([layer.module, layer.config.subscripts]).toEqual(['keras.src.ops.numpy', 'bij,bjk->bik']);
    const copy = Model.fromConfig(model.getConfig());
    tidy(() => {
      const [a, b] = [tensor(seededValues(24, 3), [2, 3, 4]), tensor(seededValues(40, 4), [2, 4, 5])];
      expectClose(copy.predict([a, b], { verbose: 0 }) as never, ops.einsum('bij,bjk->bik', a, b).dataSync(), 1e-6);
    });
    model.dispose();
    copy.dispose();
  });

  it("raises Keras's errors for subscripts that do not fit the operands", () => {
    const x = Input({ shape: [3, 4] });
    expect(() => ops.einsum('ij,jk->ik', x)).toThrow('Number of operands (1) does not match the number of input specs (2) in `einsum`, received subscripts=ij,jk->ik.');
    expect(() => ops.einsum('ij->i', x)).toThrow('Number of dimensions in the subscript does not match the number of dimensions in the operand, received subscript `ij` and operand of shape (None, 3, 4).');
    expect(() => ops.einsum('bij->bij->b', x)).toThrow("At most one '->' is supported");
    expect(() => tidy(() => ops.einsum('ij,jk->ik', tensor(seededValues(6, 1), [2, 3]), tensor(seededValues(8, 1), [4, 2])))).toThrow("Size of label 'j'");
  });
});
