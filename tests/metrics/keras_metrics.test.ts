/**
 * The top-k accuracy, F-score, IoU, R2Score and Sum metrics against Keras 3.15.1
 * (scripts/keras/metrics_fixtures.py): each case built from Keras's arguments, fed the same batches,
 * gives Keras's result and config; nothing leaks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Tensor, memory, metrics, tensor, tidy } from '../../ts/index.js';
import { toCamelCase } from '../../ts/utils/naming.js';
import { expectClose } from '../helpers/close.js';

interface Encoded { data: number[]; shape: number[]; dtype: 'float32' | 'int32' }
interface Case {
  name: string;
  class: string;
  args: Record<string, unknown>;
  batches: { y_true?: Encoded; y_pred?: Encoded; values?: Encoded; sample_weight: Encoded | null }[];
  result: number[];
  result_shape: number[];
  config: Record<string, unknown>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics/metrics.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  functions: Record<string, Encoded | number[]>;
};

const decode = (e: Encoded): Tensor => tensor(e.dtype === 'int32' ? Int32Array.from(e.data) : Float32Array.from(e.data), e.shape);
const options = (args: Record<string, unknown>) => Object.fromEntries(Object.entries(args).map(([k, v]) => [toCamelCase(k), v]));

/** Keras's config with the counter Keras added to an automatic name (`io_u_3`) removed. */
const withoutCounter = (config: Record<string, unknown>) => ({ ...config, name: String(config.name).replace(/_\d+$/, '') });

describe('metrics against Keras 3.15.1', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const before = memory().numTensors;
    const cls = (metrics as unknown as Record<string, new (o: Record<string, unknown>) => metrics.Metric>)[c.class]!;
    const metric = new cls(options(c.args));
    const feedAndCheck = () => {
      for (const batch of c.batches) {
        tidy(() => {
          const weight = batch.sample_weight ? decode(batch.sample_weight) : undefined;
          if (batch.values) metric.updateState(decode(batch.values), weight);
          else metric.updateState(decode(batch.y_true!), decode(batch.y_pred!), weight);
        });
      }
      tidy(() => {
        const result = metric.result();
        expect(result.shape).toEqual(c.result_shape);
        expectClose(result, c.result, 2e-6);
      });
    };
    feedAndCheck();
    expect(withoutCounter(metric.getConfig())).toEqual(withoutCounter(c.config));
    // After resetState the same batches give the same result again.
    metric.resetState();
    feedAndCheck();
    metric.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('the functions topKCategoricalAccuracy and sparseTopKCategoricalAccuracy', () => {
    const f = fixture.functions;
    tidy(() => {
      const yPred = decode(f.y_pred as Encoded);
      expectClose(metrics.topKCategoricalAccuracy(decode(f.y_true as Encoded), yPred, 2), f.top_k_categorical_accuracy_k2 as number[]);
      expectClose(metrics.sparseTopKCategoricalAccuracy(decode(f.sparse as Encoded), yPred, 2), f.sparse_top_k_categorical_accuracy_k2 as number[]);
    });
  });
});
