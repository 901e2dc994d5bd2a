/** `proxy()` on a page without cross-origin isolation: its Worker gets the single-thread build. */
import { proxy } from '../../../dist/ts/proxy/index.js';

async function run() {
  const remote = await proxy();
  const model = await remote.sequential([
    { class_name: 'InputLayer', config: { batch_shape: [null, 3] } },
    { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
  ]);
  const predicted = await model.predict({ data: Float32Array.of(1, 2, 3, -1, 0, 1), shape: [2, 3] });
  remote.terminate();
  return { info: remote.info, shape: predicted.shape, rowSums: [predicted.data[0]! + predicted.data[1]!, predicted.data[2]! + predicted.data[3]!] };
}

(window as { proxyResult?: Promise<unknown> }).proxyResult = run().catch((e: Error) => ({ failed: String(e.stack ?? e) }));
