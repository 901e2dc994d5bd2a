import { test } from 'vitest';
import { ops, tensor, Input, Model, layers } from '../../ts/index.js';
test('smoke', () => {
  const x = Input({ shape: [3], name: 'x' });
  const y = ops.add(x, 1.0);
  const z = ops.notEqual(y, 0);
  const w = ops.sum(y, 1, true);
  const r = ops.reshape(y, [-1, 3, 1]);
  const c = ops.concatenate([y, y], -1);
  const t = ops.take(y, tensor([0, 2], [2], 'int32'), 1);
  const d = new layers.Dense(2).apply(y);
  const m = new Model(x, [y, z, w, r, c, t, d]);
  const out = m.predict<any>(tensor([[1, 2, 3], [4, 5, 6], [0, -1, -2]]));
  for (const o of out) console.log(o.shape, JSON.stringify(o.arraySync()));
});
test('roundtrip + grads', async () => {
  const { valueAndGrads, Layer } = await import('../../ts/index.js');
  const x = Input({ shape: [3], name: 'x' });
  const h = new layers.Dense(4).apply(x);
  const y = ops.relu(ops.multiply(h, 2));
  const o = ops.sum(y, -1);
  const m = new Model(x, o);
  const m2 = Model.fromConfig(m.getConfig());
  console.log(m2.layers.map((l) => l.name), JSON.stringify(m2.getConfig()) === JSON.stringify(m.getConfig()));
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const xs = tensor([[1, 2, 3], [4, 5, 6]]);
  const before = m.predict(xs).arraySync();
  await m.fit(xs, tensor([1, 2]), { epochs: 2, verbose: 0 });
  console.log(before, m.predict(xs).arraySync());
  class Custom extends Layer {
    w: any;
    override build(s: any) { this.w = this.addWeight({ name: 'w', shape: [s[s.length - 1], 5] }); }
    call(inputs: any) { console.log('call got', inputs.constructor.name); return ops.sigmoid(ops.matmul(inputs, this.w.value)); }
  }
  const cl = new Custom();
  const out = cl.apply(Input({ shape: [7] }));
  console.log(out.shape);
});
