/** The probabilistic metrics Keras builds on `MeanMetricWrapper`: KL divergence and Poisson. */
import { klDivergence } from '../losses/kl_divergence.js';
import { poisson } from '../losses/poisson.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import type { MetricArgs } from './metric.js';

/** The mean Kullback-Leibler divergence between target and predicted distributions, as `keras.metrics.KLDivergence`. */
export class KLDivergence extends MeanMetricWrapper {
  static override readonly className: string = 'KLDivergence';

  constructor(args: MetricArgs = {}) {
    super(klDivergence, { name: args.name ?? 'kl_divergence' });
  }
}

/** The mean Poisson loss of counts given predicted rates, as `keras.metrics.Poisson`. */
export class Poisson extends MeanMetricWrapper {
  static override readonly className: string = 'Poisson';

  constructor(args: MetricArgs = {}) {
    super(poisson, { name: args.name ?? 'poisson' });
  }
}
