/** The probabilistic metrics Keras builds on `MeanMetricWrapper`: KL divergence and Poisson. */
import { klDivergence } from '../losses/kl_divergence.js';
import { poisson } from '../losses/poisson.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import { type NameDtypeArgs, nameDtypeSignature } from './metric.js';

/** The mean Kullback-Leibler divergence between target and predicted distributions, as `keras.metrics.KLDivergence`. */
export class KLDivergence extends MeanMetricWrapper {
  static override className = 'KLDivergence';
  static override readonly signature = nameDtypeSignature('kl_divergence');

  constructor(...args: NameDtypeArgs) {
    const a = KLDivergence.signature.resolve(args, new.target);
    super(klDivergence, a.name, a.dtype);
  }
}

/** The mean Poisson loss of counts given predicted rates, as `keras.metrics.Poisson`. */
export class Poisson extends MeanMetricWrapper {
  static override className = 'Poisson';
  static override readonly signature = nameDtypeSignature('poisson');

  constructor(...args: NameDtypeArgs) {
    const a = Poisson.signature.resolve(args, new.target);
    super(poisson, a.name, a.dtype);
  }
}
