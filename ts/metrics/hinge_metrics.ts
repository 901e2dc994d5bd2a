/** The hinge metrics Keras builds on `MeanMetricWrapper`: Hinge, SquaredHinge, CategoricalHinge. */
import { categoricalHinge } from '../losses/categorical_hinge.js';
import { hinge } from '../losses/hinge.js';
import { squaredHinge } from '../losses/squared_hinge.js';
import { MeanMetricWrapper } from './mean_metric_wrapper.js';
import type { MetricArgs } from './metric.js';

/** The mean hinge loss (labels -1 / 1, or 0 / 1 converted), as `keras.metrics.Hinge`. */
export class Hinge extends MeanMetricWrapper {
  static override readonly className: string = 'Hinge';

  constructor(args: MetricArgs = {}) {
    super(hinge, { name: args.name ?? 'hinge' });
  }
}

/** The mean squared hinge loss, as `keras.metrics.SquaredHinge`. */
export class SquaredHinge extends MeanMetricWrapper {
  static override readonly className: string = 'SquaredHinge';

  constructor(args: MetricArgs = {}) {
    super(squaredHinge, { name: args.name ?? 'squared_hinge' });
  }
}

/** The mean categorical hinge loss over one-hot targets, as `keras.metrics.CategoricalHinge`. */
export class CategoricalHinge extends MeanMetricWrapper {
  static override readonly className: string = 'CategoricalHinge';

  constructor(args: MetricArgs = {}) {
    super(categoricalHinge, { name: args.name ?? 'categorical_hinge' });
  }
}
